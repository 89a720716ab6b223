import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { App } from '#lib/server/app';
import { describeError, log } from '#lib/server/log';
import { webhookSecrets } from './bot';
import { botOf, handlesInProcess } from './runtime';

/** The largest webhook body accepted (Telegram's updates are a few kilobytes). */
const MAX_BODY = 1 << 20;
const HEADER = 'x-telegram-bot-api-secret-token';
/** The secrets derived once per App (two HMACs per request otherwise). */
const derived = new WeakMap<App, ReturnType<typeof webhookSecrets>>();

const same = (a: string, b: string) => {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
};

const json = (status: number, body: unknown) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});

/**
 * POST /api/telegram/<path secret>: both the path and the X-Telegram-Bot-Api-Secret-Token header
 * must match (else 401 and nothing is read). With PGlite the update is handled in this process
 * after the answer; with PostgreSQL it is recorded for `npm run bot`. A redelivered update (same
 * id) does nothing. Safe help is answered from here in both cases, leaving no row.
 */
export async function receiveWebhook(app: App, request: Request, pathSecret: string): Promise<Response> {
	const bot = botOf(app);
	if (!bot) return json(404, { ok: false });
	let secrets = derived.get(app);
	if (!secrets)
		derived.set(app, (secrets = webhookSecrets(app.platform.secret, app.config.TELEGRAM_BOT_TOKEN!)));
	const header = request.headers.get(HEADER) ?? '';
	if (!same(pathSecret, secrets.path) || !same(header, secrets.header)) return json(401, { ok: false });
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BODY) return json(413, { ok: false });
	let update: Update;
	try {
		update = (await request.json()) as Update;
	} catch {
		return json(400, { ok: false });
	}
	if (
		!update ||
		typeof update !== 'object' ||
		!Number.isSafeInteger(update.update_id) ||
		update.update_id < 0
	)
		return json(400, { ok: false });
	if (handlesInProcess(app)) {
		// Answered at once; the work runs after (Telegram waits at most a few seconds).
		void bot.handle(update).catch((error) => log.error('bot update failed', { error: describeError(error) }));
		return json(200, { ok: true });
	}
	try {
		await bot.record(update);
	} catch (error) {
		log.error('bot webhook failed', { error: describeError(error) });
		return json(500, { ok: false });
	}
	return json(200, { ok: true });
}
