import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { field, formFailure, readForm } from '#lib/server/web/forms';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	request: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			// The link in the e-mail is built on the configured public origin, not this request's host.
			await accounts.requestPasswordReset(locals.ctx, { email: field(form, 'email') });
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		return { sent: true };
	},
	set: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await accounts.resetPassword(locals.ctx, {
				token: field(form, 'token'),
				password: field(form, 'password')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/auth/sign-in?reset`);
	}
};
