import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, field, formFailure, readForm, safeNext } from '#lib/server/web/forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), locals.locale));
	const next = url.searchParams.get('next') ?? '';
	return {
		// Echoed into the form only when it would be followed.
		next: safeNext(next, locals.locale) === next ? next : '',
		phone: accounts.signInMethods(locals.ctx).phone,
		signedOut: url.searchParams.has('signed-out'),
		reset: url.searchParams.has('reset'),
		// "Sign in with Telegram" only when it is configured; `?telegram=failed` after a failed try.
		telegram: accounts.telegramLoginEnabled(locals.ctx),
		telegramFailed: url.searchParams.get('telegram') === 'failed'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, cookies } = event;
		const form = await readForm(request);
		try {
			const result = await accounts.signInWithEmail(
				locals.ctx,
				{ email: field(form, 'email'), password: field(form, 'password'), code: field(form, 'code') },
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, safeNext(form.get('next'), locals.locale));
	}
};
