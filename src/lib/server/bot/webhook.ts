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
 * must match (else 401 and nothing is read). The update is recorded before the answer (a failed
 * write is a 500, which Telegram retries); with PGlite this process then handles it, with PostgreSQL
 * `npm run bot` does. A redelivered update (same id) does nothing. Safe help is answered from here
 * in both cases, leaving no row.
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
	try {
		// Recorded (with its body) before the answer, on both engines: an update answered 200 is in
		// the database, so a process that dies before handling it handles it after its restart.
		const recorded = await bot.record(update);
		// With PGlite this process handles it, after the answer (Telegram waits at most a few seconds).
		if (recorded === 'recorded' && handlesInProcess(app)) void bot.drainRecorded();
	} catch (error) {
		log.error('bot webhook failed', { error: describeError(error) });
		return json(500, { ok: false });
	}
	return json(200, { ok: true });
}
