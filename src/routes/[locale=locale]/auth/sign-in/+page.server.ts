import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders, formFailure } from '#lib/server/web/forms';

/** Only same-site paths under the current locale are followed after sign-in. */
function nextPath(value: FormDataEntryValue | string | null, locale: string): string {
	const next = typeof value === 'string' ? value : '';
	return next.startsWith(`/${locale}/`) && !next.startsWith('//') ? next : `/${locale}/account`;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, nextPath(url.searchParams.get('next'), locals.locale));
	return {
		next: url.searchParams.get('next') ?? '',
		signedOut: url.searchParams.has('signed-out'),
		reset: url.searchParams.has('reset')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, request, cookies } = event;
		const form = await request.formData();
		try {
			const result = await accounts.signInWithEmail(
				locals.ctx,
				{ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
				{ headers: authHeaders(event) }
			);
			applySetCookies(cookies, result.setCookies);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, nextPath(form.get('next'), locals.locale));
	}
};
