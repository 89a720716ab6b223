import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning } from '#lib/server/modules/learning';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

/** Anyone checks a certificate by its code: name, course, date, valid or revoked. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const certificate = await learning.verifyCertificate(locals.ctx, params.code);
	return { certificate, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	revoke: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.revokeCertificate(locals.ctx, { code: params.code, reason: form.get('reason') });
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/certificates/${params.code}?done=revoked`);
	}
};
