import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, field, formFailure, readForm, safeNext } from '#lib/server/web/forms';
import { normalisePhone } from '#lib/server/web/phone';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = url.searchParams.get('next') ?? '';
	return { next: safeNext(next, locals.locale) === next ? next : '' };
};

export const actions: Actions = {
	send: async ({ locals, request }) => {
		const form = await readForm(request);
		// National forms (0555 123 456, 8 701…) with the chosen country, normalised to E.164.
		const typed = field(form, 'phone');
		const country = field(form, 'country');
		const next = field(form, 'next');
		// "Send a new code" from the code form: on a refusal (the cool-down) the code form stays open.
		const resend = field(form, 'resend') === '1';
		const phone = normalisePhone(typed, country);
		if (!phone)
			return fail(400, {
				fields: {
					phone: t(
						locals.locale,
						!typed.trim().startsWith('+') && !country ? 'auth_phone_country_needed' : 'error_field_phone'
					)
				},
				values: { phone: typed, country },
				next
			});
		try {
			const sent = await accounts.sendPhoneCode(locals.ctx, { phone });
			return { sent: sent.phone, country, next };
		} catch (error) {
			return formFailure(error, locals.locale, form, resend ? { sent: phone, country, next } : { next });
		}
	},
	verify: async (event) => {
		const { locals, request, cookies } = event;
		const form = await readForm(request);
		let created: boolean;
		try {
			const result = await accounts.verifyPhoneCode(
				locals.ctx,
				{ phone: field(form, 'phone'), code: field(form, 'code') },
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
			created = result.created;
		} catch (error) {
			// 400 (wrong or expired code) or 429 (too many), with the message; the code form stays open.
			return formFailure(error, locals.locale, form, {
				sent: field(form, 'phone'),
				country: field(form, 'country'),
				next: field(form, 'next')
			});
		}
		// A new account: what she can do next. Otherwise where she was going, or her account.
		redirect(303, created ? `/${locals.locale}/account/welcome` : safeNext(form.get('next'), locals.locale));
	}
};
