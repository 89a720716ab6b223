/**
 * Bot benchmark, against the emulated Bot API on this machine and a PostgreSQL database. Prints
 * figures; asserts nothing.
 *   1. Webhook: 2,000 updates from 200 chats POSTed over HTTP to the webhook handler (20 at a time,
 *      kept-alive node:http connections, after 200 unmeasured), which records each one and answers:
 *      updates a second, p50/p95 answer time.
 *   2. Handling: the recorded updates handled by `handleRecorded` (what `npm run bot` runs), pace
 *      off: updates a second and p50/p95 per update.
 *   3. Burst: 1,000 updates from 100 chats with the bot's pace on (1 a second per chat, 25 a second
 *      overall): the shortest gap between two replies to one chat, the most replies in any second.
 *
 *   npm run bench:bot      BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres (default)
 *   BENCH_BOT_CONNECTIONS=40 npm run bench:bot   webhook calls at once (default 20; Telegram's
 *                                                 setWebhook allows 1-100 connections, 40 by default)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { createTestDb } from '#lib/server/testing';
import { loadConfig } from '#lib/server/config';
import type { App } from '#lib/server/app';
import { createBirgeBot, webhookSecrets } from '#lib/server/bot/bot';
import { receiveWebhook } from '#lib/server/bot/webhook';
import { BOT_INFO, startEmulator, updates } from '#lib/server/bot/testing/emulator';

process.env.DATABASE_URL ??= process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
process.env.BIRGE_LOG_LEVEL ??= 'warn';

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const db = await createTestDb({ seed: true });
const emu = await startEmulator();
const config = { ...loadConfig({}), TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot };
const app = { config, platform: db.platform, database: db.handle } as unknown as App;
const secrets = webhookSecrets(db.platform.secret, emu.token);
console.log(`database: ${db.handle.kind}`);

// The webhook over HTTP, as Telegram reaches it.
const server = http.createServer(async (req, res) => {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	const request = new Request(`http://127.0.0.1${req.url}`, {
		method: 'POST',
		headers: req.headers as Record<string, string>,
		body: Buffer.concat(chunks)
	});
	const response = await receiveWebhook(app, request, (req.url ?? '').split('/').pop() ?? '');
	res.writeHead(response.status, { 'content-type': 'application/json' });
	res.end(await response.text());
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/telegram/${secrets.path}`;

const mix = (chat: number, i: number): Update =>
	i % 4 === 0
		? updates.text(chat, 'кредит', { languageCode: 'ru' })
		: i % 4 === 1
			? updates.callback(chat, 'm:search', { languageCode: 'ky' })
			: updates.text(chat, '/menu', { languageCode: 'uz' });

/**
 * One POST as Telegram makes it, over a kept-alive connection (node:http: a lighter client than
 * fetch, so the figure is the webhook's more than the load generator's, which shares this process).
 */
function postOne(agent: http.Agent, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'x-telegram-bot-api-secret-token': secrets.header
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function post(list: Update[], concurrency: number): Promise<number[]> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const times: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < list.length) {
				const u = list[next++];
				const t0 = performance.now();
				const status = await postOne(agent, JSON.stringify(u));
				if (status !== 200) throw new Error(`webhook answered ${status}`);
				times.push(performance.now() - t0);
			}
		})
	);
	agent.destroy();
	return times;
}

// 1. Webhook.
const connections = Number(process.env.BENCH_BOT_CONNECTIONS ?? 20);
// A warm-up first (not measured: the JIT, the database connections), 200 updates from other chats.
const warm: Update[] = [];
for (let i = 0; i < 200; i++) warm.push(mix(30_000 + (i % 50), i));
await post(warm, connections);
const first: Update[] = [];
for (let i = 0; i < 2000; i++) first.push(mix(10_000 + (i % 200), Math.floor(i / 200)));
let t0 = performance.now();
const answers = await post(first, connections);
let seconds = (performance.now() - t0) / 1000;
console.log(
	`webhook (${connections} at a time): ${first.length} updates in ${seconds.toFixed(2)} s = ${(first.length / seconds).toFixed(0)} updates/s; answer p50 ${ms(pct(answers, 50))}, p95 ${ms(pct(answers, 95))}`
);

// 2. Handling, pace off (the figure is Birge's handling, not Telegram's limits).
const fast = createBirgeBot({
	token: emu.token,
	apiRoot: emu.apiRoot,
	platform: db.platform,
	db: db.handle.db,
	botInfo: BOT_INFO,
	pace: { perChatMs: 0, perSecond: 100_000 }
});
const perUpdate: number[] = [];
fast.bot.use(async (ctx, next) => {
	const start = performance.now();
	await next();
	perUpdate.push(performance.now() - start);
});
// The timing middleware runs after the session one: add the session time by timing the whole call too.
t0 = performance.now();
let handled = 0;
const whole: number[] = [];
for (;;) {
	const b0 = performance.now();
	const n = await fast.handleRecorded(50);
	if (!n) break;
	whole.push((performance.now() - b0) / n);
	handled += n;
}
seconds = (performance.now() - t0) / 1000;
console.log(
	`handling: ${handled} updates in ${seconds.toFixed(2)} s = ${(handled / seconds).toFixed(0)} updates/s; per update (batch of 50 / 50) p50 ${ms(pct(whole, 50))}, p95 ${ms(pct(whole, 95))}`
);

// 3. Burst with the bot's own pace on: 1,000 updates from 100 chats, handled in-process.
emu.calls.length = 0;
/** When each reply left Birge (the emulator's arrival times add this busy machine's own delays). */
const departures: { chat: string; at: number }[] = [];
const paced = createBirgeBot({
	token: emu.token,
	apiRoot: emu.apiRoot,
	platform: db.platform,
	db: db.handle.db,
	botInfo: BOT_INFO,
	pace: { perChatMs: 1000, perSecond: 25, onSend: (chat, at) => departures.push({ chat, at }) }
});
const burst: Update[] = [];
for (let i = 0; i < 1000; i++) burst.push(updates.text(20_000 + (i % 100), '/menu', { languageCode: 'en' }));
t0 = performance.now();
const latency: number[] = [];
await Promise.all(
	burst.map(async (u) => {
		const s = performance.now();
		await paced.handle(u);
		latency.push(performance.now() - s);
	})
);
seconds = (performance.now() - t0) / 1000;
const sent = emu.calls.filter((c) => c.method === 'sendMessage');
const byChat = new Map<string, number[]>();
for (const c of sent) {
	const key = String(c.payload.chat_id);
	byChat.set(key, [...(byChat.get(key) ?? []), c.at]);
}
let minGap = Infinity;
for (const at of byChat.values())
	for (let i = 1; i < at.length; i++) minGap = Math.min(minGap, at[i] - at[i - 1]);
let maxPerSecond = 0;
const times = sent.map((c) => c.at).sort((a, b) => a - b);
for (let i = 0, j = 0; i < times.length; i++) {
	while (times[i] - times[j] >= 1000) j++;
	maxPerSecond = Math.max(maxPerSecond, i - j + 1);
}
/** The shortest gap to one chat and the most messages in any second, over (chat, time) pairs. */
function limits(list: { chat: string; at: number }[]) {
	const chats = new Map<string, number[]>();
	for (const d of list) chats.set(d.chat, [...(chats.get(d.chat) ?? []), d.at]);
	let gap = Infinity;
	for (const at of chats.values()) for (let i = 1; i < at.length; i++) gap = Math.min(gap, at[i] - at[i - 1]);
	const all = list.map((d) => d.at).sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < all.length; i++) {
		while (all[i] - all[j] >= 1000) j++;
		most = Math.max(most, i - j + 1);
	}
	return { gap, most };
}
const leaving = limits(departures);
console.log(
	`burst, as sent: ${departures.length} replies; shortest gap to one chat ${leaving.gap.toFixed(0)} ms; most in any second ${leaving.most}`
);
console.log(
	`burst: ${burst.length} updates from ${byChat.size} chats, ${sent.length} replies in ${seconds.toFixed(1)} s; shortest gap between replies to one chat ${minGap.toFixed(0)} ms; most replies in any second ${maxPerSecond} (as received by the emulator); reply wait p95 ${ms(pct(latency, 95))}`
);

await fast.stop();
await paced.stop();
server.close();
await emu.close();
await db.close();
process.exit(0);
