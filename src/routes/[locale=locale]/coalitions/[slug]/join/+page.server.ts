import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions, BARRIERS } from '#lib/server/modules/coalitions';
import { ORGANIZATION_KINDS } from '#lib/server/modules/accounts';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	return {
		...(await coalitions.joinOptions(locals.ctx, params.slug)),
		barriers: BARRIERS,
		kinds: ORGANIZATION_KINDS.filter((k) => k !== 'government_body' && k !== 'donor'),
		onceKey: formKey(),
		sent: url.searchParams.has('sent')
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const s = (k: string) => String(form.get(k) ?? '');
		try {
			await coalitions.requestJoin(
				locals.ctx,
				params.slug,
				{
					organizationId: s('organizationId'),
					organizationName: s('organizationName'),
					organizationKind: s('organizationKind'),
					region: s('region'),
					womenRepresented: s('womenRepresented'),
					barriers: form.getAll('barriers').map(String),
					contactPerson: s('contactPerson'),
					contactEmail: s('contactEmail'),
					contactPhone: s('contactPhone'),
					listed: s('listed'),
					message: s('message')
				},
				s('_once')
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?sent=1`);
	}
};
