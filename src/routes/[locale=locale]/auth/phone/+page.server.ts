import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, formFailure } from '#lib/server/web/forms';

export const actions: Actions = {
	send: async ({ locals, request }) => {
		const form = await request.formData();
		try {
			const { phone } = await accounts.sendPhoneCode(locals.ctx, { phone: String(form.get('phone') ?? '') });
			return { sent: phone };
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
	},
	verify: async (event) => {
		const { locals, request, cookies } = event;
		const form = await request.formData();
		try {
			const result = await accounts.verifyPhoneCode(
				locals.ctx,
				{ phone: String(form.get('phone') ?? ''), code: String(form.get('code') ?? '') },
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			const failure = formFailure(error, locals.locale, form);
			return {
				...failure,
				data: { ...failure.data, sent: String(form.get('phone') ?? '') }
			} as typeof failure;
		}
		redirect(303, `/${locals.locale}/account`);
	}
};
