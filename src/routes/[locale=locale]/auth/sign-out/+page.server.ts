import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders } from '#lib/server/web/forms';

// Signing out changes state, so it is a POST (the header's button); a GET just goes home.
export const load: PageServerLoad = ({ locals }) => {
	redirect(303, `/${locals.locale}`);
};

export const actions: Actions = {
	default: async (event) => {
		const result = await accounts.signOut(event.locals.ctx, { headers: authHeaders(event) });
		applySetCookies(event.cookies, result.setCookies);
		redirect(303, `/${event.locals.locale}/auth/sign-in?signed-out`);
	}
};
