import type { RequestHandler } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { applySetCookies, authHeaders } from '#lib/server/web/forms';

/**
 * The sign-in page's "Sign in with Telegram" link (or the account page's "Sign in with Telegram too",
 * when she is signed in): on to Telegram's login, with the state cookie for the way back. A link, not
 * a form: the pages' CSP allows forms to post to this site only, and a form's redirect to the
 * provider would be blocked. Starting a flow changes nothing until she approves it at Telegram, and
 * the state cookie ties the way back to this browser. Not configured: 404.
 */
export const GET: RequestHandler = async (event) => {
	const { locals, cookies } = event;
	const web = { headers: authHeaders(event) };
	const start = locals.user
		? await accounts.startTelegramLink(locals.ctx, web)
		: await accounts.startTelegramSignIn(locals.ctx, web);
	applySetCookies(cookies, start.setCookies);
	// Another origin: SvelteKit's redirect() refuses those, so the answer is built here.
	return new Response(null, { status: 303, headers: { location: start.url, 'cache-control': 'no-store' } });
};
