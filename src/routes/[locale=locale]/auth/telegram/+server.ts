import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders } from '#lib/server/web/forms';

/**
 * POST from the sign-in page's "Sign in with Telegram" (or the account page's "Sign in with Telegram
 * too", when she is signed in): on to Telegram's login, with the state cookie for the way back.
 * Not configured: 404.
 */
export const POST: RequestHandler = async (event) => {
	const { locals, cookies } = event;
	const web = { headers: authHeaders(event) };
	const start = locals.user
		? await accounts.startTelegramLink(locals.ctx, web)
		: await accounts.startTelegramSignIn(locals.ctx, web);
	applySetCookies(cookies, start.setCookies);
	redirect(303, start.url);
};
