import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, field, formFailure, readForm } from '#lib/server/web/forms';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, `/${locals.locale}/account`);
	return { phone: accounts.signInMethods(locals.ctx).phone };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, cookies } = event;
		const form = await readForm(request);
		try {
			const result = await accounts.signUpWithEmail(
				locals.ctx,
				{
					name: field(form, 'name'),
					email: field(form, 'email'),
					password: field(form, 'password'),
					locale: locals.locale
				},
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/account/welcome`);
	}
};
