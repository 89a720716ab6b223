import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, field, formFailure, readForm } from '#lib/server/web/forms';

export const actions: Actions = {
	send: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			const { phone } = await accounts.sendPhoneCode(locals.ctx, { phone: field(form, 'phone') });
			return { sent: phone };
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
	},
	verify: async (event) => {
		const { locals, request, cookies } = event;
		const form = await readForm(request);
		try {
			const result = await accounts.verifyPhoneCode(
				locals.ctx,
				{ phone: field(form, 'phone'), code: field(form, 'code') },
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			// 400 (wrong or expired code) or 429 (too many), with the message; the code form stays open.
			return formFailure(error, locals.locale, form, { sent: field(form, 'phone') });
		}
		redirect(303, `/${locals.locale}/account`);
	}
};
