import type { RequestHandler } from './$types';
import { receiveWebhook } from '#lib/server/bot/webhook';

/**
 * Telegram's webhook (the path carries a secret; Telegram also sends it in a header). Thin: the bot
 * checks both secrets, records or handles the update, and answers at once.
 */
export const POST: RequestHandler = ({ request, params, locals }) =>
	receiveWebhook(locals.app, request, params.secret);
