import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { formFailure } from '#lib/server/web/forms';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	request: async ({ locals, request, url }) => {
		const form = await request.formData();
		try {
			await accounts.requestPasswordReset(
				locals.ctx,
				{ email: String(form.get('email') ?? '') },
				`${url.origin}/${locals.locale}/auth/reset`
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		return { sent: true };
	},
	set: async ({ locals, request }) => {
		const form = await request.formData();
		try {
			await accounts.resetPassword(locals.ctx, {
				token: String(form.get('token') ?? ''),
				password: String(form.get('password') ?? '')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/auth/sign-in?reset`);
	}
};
