import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, formFailure } from '#lib/server/web/forms';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, `/${locals.locale}/account`);
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, cookies } = event;
		const form = await request.formData();
		try {
			const result = await accounts.signUpWithEmail(
				locals.ctx,
				{
					name: String(form.get('name') ?? ''),
					email: String(form.get('email') ?? ''),
					password: String(form.get('password') ?? ''),
					locale: locals.locale
				},
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/account?welcome=1`);
	}
};
