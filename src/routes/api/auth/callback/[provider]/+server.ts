import type { RequestHandler } from './$types';
import { accounts } from '#lib/server/modules/accounts';

/**
 * Where Telegram's login sends her back (the redirect URL registered with BotFather): Better Auth
 * checks state, PKCE and the ID token, creates or links the account, sets the session cookie and
 * redirects to the page the flow was started for. Any other provider, or none configured: 404.
 */
export const GET: RequestHandler = ({ locals, request }) =>
	accounts.finishTelegramSignIn(locals.ctx, request);
