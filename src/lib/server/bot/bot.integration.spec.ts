import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { authUser } from '#lib/server/db/schema';
import { rowsOf } from '#lib/server/db';
import { loadConfig } from '#lib/server/config';
import { accounts } from '#lib/server/modules/accounts';
import { t } from '#lib/i18n/messages';
import type { App } from '#lib/server/app';
import { createBirgeBot, webhookSecrets, type BirgeBot } from './bot';
import { receiveWebhook } from './webhook';
import { BOT_INFO, startEmulator, updates, type Emulator } from './testing/emulator';
import { pace } from './pace';
import { telegramApi, withTelegram } from './sender';
import { createContext } from '#lib/server/core';
import { programs, programsModule } from '#lib/server/modules/programs';
import { coalitions, coalitionsModule } from '#lib/server/modules/coalitions';

let db: TestDb;
let emu: Emulator;
let bot: BirgeBot;

const count = async (table: string, where = sql``) =>
	Number(
		rowsOf<{ n: number }>(
			await db.handle.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} ${where}`)
		)[0].n
	);
const texts = (chat: number) => emu.sent('sendMessage', chat).map((c) => String(c.payload.text));
const lastText = (chat: number) => texts(chat).at(-1) ?? '';
const buttons = (chat: number) => {
	const markup = emu.sent('sendMessage', chat).at(-1)?.payload.reply_markup as
		{ inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
	return (markup?.inline_keyboard ?? []).flat();
};

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	emu = await startEmulator();
	bot = createBirgeBot({
		token: emu.token,
		apiRoot: emu.apiRoot,
		platform: db.platform,
		db: db.handle.db,
		botInfo: BOT_INFO,
		pace: { perChatMs: 0, perSecond: 10_000 }
	});
});
afterAll(async () => {
	await bot?.stop();
	await emu?.close();
	await db?.close();
});
beforeEach(() => {
	emu.calls.length = 0;
});

describe('language and /start', () => {
	it('offers the six languages in Telegram’s language, then remembers her choice', async () => {
		await bot.handle(updates.text(101, '/start', { languageCode: 'kk' }));
		expect(lastText(101)).toBe(t('kk', 'bot_welcome'));
		expect(buttons(101).map((b) => b.callback_data)).toEqual([
			'l:ky',
			'l:kk',
			'l:tg',
			'l:uz',
			'l:uz-Cyrl',
			'l:ru',
			'l:en'
		]);
		await bot.handle(updates.callback(101, 'l:uz', { languageCode: 'kk' }));
		expect(texts(101)).toContain(t('uz', 'bot_language_set'));
		expect(emu.sent('answerCallbackQuery').length).toBeGreaterThan(0);
		await bot.handle(updates.text(101, '/start', { languageCode: 'kk' }));
		expect(texts(101)).toContain(t('uz', 'bot_welcome_back'));
		expect(await count('bot_chat', sql`where chat_id = '101' and locale = 'uz'`)).toBe(1);
	});

	it('handles an update once: a redelivered update does nothing', async () => {
		const update = updates.text(102, '/menu', { languageCode: 'ru' });
		expect(await bot.handle(update)).toBe('handled');
		expect(await bot.handle(update)).toBe('duplicate');
		expect(texts(102)).toHaveLength(1);
	});

	it('answers bad input in her language: unknown command, stale button, edited message, big photo', async () => {
		await bot.handle(updates.text(103, '/frobnicate', { languageCode: 'tg' }));
		expect(lastText(103)).toBe(t('tg', 'bot_unknown_command'));
		await bot.handle(updates.callback(103, 'zz:nothing', { languageCode: 'tg' }));
		expect(lastText(103)).toBe(t('tg', 'bot_stale_button'));
		await bot.handle(updates.callback(103, 'e:sector:crafts', { languageCode: 'tg' }));
		expect(lastText(103)).toBe(t('tg', 'bot_stale_button'));
		await bot.handle(updates.edited(103, 'hello'));
		expect(lastText(103)).toBe(t('ru', 'bot_edited'));
		await bot.handle(updates.photo(103, 25 * 1024 * 1024));
		expect(lastText(103)).toBe(t('ru', 'bot_photo_too_large'));
	});

	it('retries a message after 429 with its retry_after', async () => {
		emu.failNext('sendMessage', 1);
		const started = Date.now();
		await bot.handle(updates.text(104, '/menu', { languageCode: 'en' }));
		expect(emu.calls.map((c) => c.method)).toEqual(['sendMessage:429', 'sendMessage']);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(lastText(104)).toContain('What would you like to do?');
	});
});

describe('programs', () => {
	it('runs the eligibility check as a dialog with buttons to results with reasons', async () => {
		const chat = 201;
		await bot.handle(updates.callback(chat, 'e:start', { languageCode: 'en' }));
		expect(lastText(chat)).toContain(t('en', 'programs_field_country'));
		expect(buttons(chat).map((b) => b.callback_data)).toContain('e:country:KG');
		await bot.handle(updates.callback(chat, 'e:country:KG', { languageCode: 'en' }));
		expect(lastText(chat)).toContain(t('en', 'programs_field_businessForm'));
		await bot.handle(updates.callback(chat, 'e:businessForm:individual', { languageCode: 'en' }));
		await bot.handle(updates.callback(chat, 'e:sector:-', { languageCode: 'en' }));
		await bot.handle(updates.callback(chat, 'e:womanLed:yes', { languageCode: 'en' }));
		expect(lastText(chat)).toContain(t('en', 'programs_field_monthsOperating'));
		// The state is in the database, not in memory.
		expect(await count('bot_chat', sql`where chat_id = '201' and state->>'step' = 'monthsOperating'`)).toBe(
			1
		);
		await bot.handle(updates.text(chat, 'about two years', { languageCode: 'en' }));
		expect(lastText(chat)).toBe(t('en', 'bot_check_number'));
		await bot.handle(updates.text(chat, '99999', { languageCode: 'en' }));
		expect(lastText(chat)).toContain(t('en', 'programs_field_monthsOperating'));
		await bot.handle(updates.text(chat, '24', { languageCode: 'en' }));
		const results = texts(chat).find((m) => m.includes(t('en', 'programs_check_results')));
		expect(results).toBeDefined();
		expect(results).toMatch(/✅|❔/);
		expect(results).toMatch(/[✓✗?] /);
		// The dialog is over: its buttons are now stale.
		await bot.handle(updates.callback(chat, 'e:country:KG', { languageCode: 'en' }));
		expect(lastText(chat)).toBe(t('en', 'bot_stale_button'));
	});

	it('drops a dialog saved by an older version of its code', async () => {
		await db.handle.db.execute(
			sql`insert into bot_chat (chat_id, locale, state) values ('202', 'ru', '{"dialog":"check","version":0,"step":"country","answers":{}}')`
		);
		await bot.handle(updates.callback(202, 'e:country:KG'));
		expect(lastText(202)).toBe(t('ru', 'bot_dialog_changed'));
	});

	it('searches programs by words and shows a card with ids-only buttons', async () => {
		await bot.handle(updates.text(203, 'кредит', { languageCode: 'ru' }));
		const found = buttons(203);
		expect(found.length).toBeGreaterThan(0);
		for (const b of found) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
		await bot.handle(updates.callback(203, found[0].callback_data, { languageCode: 'ru' }));
		expect(lastText(203)).toContain('/ru/programs/');
	});
});

describe('account linking', () => {
	it('links with a one-time code from the web, saves a program, and unlinks from the chat', async () => {
		const id = 'tg-user-1';
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
		const web = db.ctx({ actor: actor(id) });
		const { code } = await accounts.createTelegramCode(web);
		await bot.handle(updates.text(301, `/start link_${code}`, { languageCode: 'ru' }));
		expect(texts(301)).toContain(t('ru', 'bot_linked'));
		expect(await accounts.myTelegram(web)).not.toBeNull();
		// Used once.
		await bot.handle(updates.text(302, `/link ${code}`, { languageCode: 'ru' }));
		expect(lastText(302)).toBe(t('ru', 'accounts_telegram_code_invalid'));
		// Saving works now, as her.
		await bot.handle(updates.text(301, 'кредит', { languageCode: 'ru' }));
		const slug = buttons(301)[0].callback_data.slice(2);
		await bot.handle(updates.callback(301, `ps:${slug}`, { languageCode: 'ru' }));
		expect(lastText(301)).toBe(t('ru', 'bot_saved'));
		expect(await count('programs_saved', sql`where user_id = ${id}`)).toBe(1);
		await bot.handle(updates.text(301, '/unlink', { languageCode: 'ru' }));
		expect(lastText(301)).toBe(t('ru', 'bot_unlinked'));
		expect(await accounts.myTelegram(web)).toBeNull();
		await bot.handle(updates.callback(301, `ps:${slug}`, { languageCode: 'ru' }));
		expect(lastText(301)).toContain(t('ru', 'bot_needs_link', { origin: db.platform.origin }).slice(0, 20));
	});
});

describe('deadline reminders', () => {
	it('reach a linked chat through the outbox, paced and in her language', async () => {
		// A published program given a deadline (test data; the seed's real deadlines are past).
		await db.handle.db.execute(
			sql`update programs_program set last_deadline = '2030-03-01', deadlines = '{"rolling":false,"dates":[{"date":"2030-03-01"}]}'::jsonb
				where id = (select id from programs_program where publication = 'published' and not demo order by slug limit 1)`
		);
		const [p] = rowsOf<{ slug: string; last_deadline: string }>(
			await db.handle.db.execute(
				sql`select slug, last_deadline::text from programs_program where last_deadline = '2030-03-01'`
			)
		);
		expect(p).toBeDefined();
		const now = new Date(Date.parse(`${p.last_deadline}T00:00:00Z`) - 5 * 86400000);
		const id = 'tg-user-2';
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ky' });
		const web = db.ctx({ actor: actor(id), now });
		const { code } = await accounts.createTelegramCode(web);
		await bot.handle(updates.text(501, `/link ${code}`, { languageCode: 'ky' }));
		await programs.saveProgram(web, p.slug);
		expect(
			await count('core_notification_outbox', sql`where channel = 'telegram' and recipient = '501'`)
		).toBe(1);
		const platform = {
			...db.platform,
			sender: withTelegram(db.platform.sender, telegramApi(emu.token, emu.apiRoot))
		};
		const job = programsModule.jobs!.find((j) => j.name === 'programs.delivery')!;
		await job.run(createContext(db.handle.db, platform, { clock: () => now }), {}, { attempt: 1, key: null });
		const sent = emu.sent('sendMessage', 501).at(-1);
		expect(String(sent?.payload.text)).toContain(`/ky/programs/${p.slug}`);
		expect(
			await count(
				'core_notification_outbox',
				sql`where channel = 'telegram' and recipient = '501' and sent_at is not null`
			)
		).toBe(1);
	});
});

describe('coalitions', () => {
	it('follows a coalition from the chat and receives its next accountability entry with the evidence link', async () => {
		const id = 'tg-user-3';
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'en' });
		const web = db.ctx({ actor: actor(id) });
		// Before linking, Telegram is refused as the channel (with a field message), e-mail is not.
		const [item] = rowsOf<{ id: string; slug: string; status: string }>(
			await db.handle.db.execute(
				sql`select r.id, c.slug, r.status from coalitions_recommendation r join coalitions_coalition c on c.id = r.coalition_id
					where r.status in ('drafting', 'endorsed', 'submitted') order by r.id limit 1`
			)
		);
		await expect(coalitions.followCoalition(web, item.slug, { channel: 'telegram' })).rejects.toMatchObject({
			fields: { channel: { key: 'coalitions_follow_needs_telegram' } }
		});
		const { code } = await accounts.createTelegramCode(web);
		await bot.handle(updates.text(601, `/link ${code}`, { languageCode: 'en' }));
		await bot.handle(updates.text(601, '/coalitions', { languageCode: 'en' }));
		const follow = buttons(601).find((b) => b.callback_data === `cf:${item.slug}`);
		expect(follow).toBeDefined();
		await bot.handle(updates.callback(601, follow!.callback_data, { languageCode: 'en' }));
		expect(lastText(601)).toContain('You follow');
		expect(await coalitions.myFollow(web, item.slug)).toBe('telegram');

		const coordinator = db.ctx({
			actor: actor('coord', [{ role: 'coalition_coordinator', country: null, organizationId: null }])
		});
		await coalitions.recordStatus(coordinator, item.slug, {
			recommendationId: item.id,
			date: '2026-11-30',
			status: 'under_consideration',
			note: { en: 'Sent to the ministry' },
			evidenceUrl: 'https://example.org/letter'
		});
		const platform = {
			...db.platform,
			sender: withTelegram(db.platform.sender, telegramApi(emu.token, emu.apiRoot))
		};
		const job = coalitionsModule.jobs!.find((j) => j.name === 'coalitions.delivery')!;
		await job.run(createContext(db.handle.db, platform), {}, { attempt: 1, key: null });
		const sent = String(emu.sent('sendMessage', 601).at(-1)?.payload.text);
		expect(sent).toContain(t('en', 'coalitions_status_under_consideration'));
		expect(sent).toContain('https://example.org/letter');
		// Unfollow from the chat: the next entry is not queued for her.
		await bot.handle(updates.text(601, '/coalitions', { languageCode: 'en' }));
		expect(buttons(601).map((b) => b.callback_data)).toContain(`cu:${item.slug}`);
		await bot.handle(updates.callback(601, `cu:${item.slug}`, { languageCode: 'en' }));
		expect(await coalitions.myFollow(web, item.slug)).toBeNull();
	});
});

describe('safe help', () => {
	it('answers from the handler and leaves no row and no log line naming the chat', async () => {
		const chat = 987654321;
		const before = {
			updates: await count('bot_update'),
			jobs: await count('core_job'),
			outbox: await count('core_notification_outbox'),
			limits: await count('core_rate_limit'),
			audit: await count('core_audit_log')
		};
		const logged: string[] = [];
		const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			logged.push(String(chunk));
			return true;
		});
		try {
			await bot.handle(updates.text(chat, '/contacts', { languageCode: 'ky' }));
			expect(lastText(chat)).toContain(t('ky', 'bot_care_intro'));
			const kg = buttons(chat).find((b) => b.callback_data === 'c:ky:KG')!;
			await bot.handle(updates.callback(chat, kg.callback_data, { languageCode: 'ky' }));
			expect(buttons(chat)[0].callback_data).toBe('c:ky:KG:all');
			await bot.handle(updates.callback(chat, 'c:ky:KG:all', { languageCode: 'ky' }));
			const answer = texts(chat).join('\n');
			expect(answer).toMatch(/☎ \+?\d/);
			expect(answer).toContain(t('ky', 'bot_care_privacy'));
			await bot.handle(updates.callback(chat, 'c:ky:QQ'));
			expect(lastText(chat)).toBe(t('ky', 'bot_stale_button'));
		} finally {
			spy.mockRestore();
		}
		expect(logged.join('')).not.toContain(String(chat));
		expect(await count('bot_chat', sql`where chat_id = ${String(chat)}`)).toBe(0);
		expect(await count('bot_update')).toBe(before.updates);
		expect(await count('core_job')).toBe(before.jobs);
		expect(await count('core_notification_outbox')).toBe(before.outbox);
		expect(await count('core_rate_limit')).toBe(before.limits);
		expect(await count('core_audit_log')).toBe(before.audit);
		const dump = rowsOf<{ j: string }>(
			await db.handle.db.execute(
				sql`select (select coalesce(json_agg(b), '[]') from bot_chat b)::text || (select coalesce(json_agg(u), '[]') from bot_update u)::text as j`
			)
		)[0].j;
		expect(dump).not.toContain(String(chat));
	});
});

describe('webhook', () => {
	it('refuses a wrong or missing secret (401, nothing recorded) and records a good update once', async () => {
		const config = { ...loadConfig({}), TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot };
		const app = { config, platform: db.platform, database: db.handle } as unknown as App;
		const secrets = webhookSecrets(db.platform.secret, emu.token);
		const update = updates.text(401, '/menu', { languageCode: 'en' });
		const post = (path: string, header: string | null) =>
			receiveWebhook(
				app,
				new Request(`http://localhost/api/telegram/${path}`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						...(header ? { 'x-telegram-bot-api-secret-token': header } : {})
					},
					body: JSON.stringify(update)
				}),
				path
			);
		const before = await count('bot_update');
		expect((await post(secrets.path, null)).status).toBe(401);
		expect((await post(secrets.path, 'wrong')).status).toBe(401);
		expect((await post('wrong', secrets.header)).status).toBe(401);
		expect(await count('bot_update')).toBe(before);
		expect((await post(secrets.path, secrets.header)).status).toBe(200);
		expect((await post(secrets.path, secrets.header)).status).toBe(200);
		if (db.handle.kind === 'postgres') {
			const { botOf } = await import('./runtime');
			expect(await botOf(app)!.handleRecorded()).toBe(1);
		}
		await emu.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 401);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(texts(401)).toHaveLength(1);
		expect(await count('bot_update', sql`where update_id = ${update.update_id}`)).toBe(1);
	});
});

describe('no lost updates', () => {
	const appFor = () =>
		({
			config: {
				...loadConfig({}),
				TELEGRAM_BOT_TOKEN: emu.token,
				TELEGRAM_API_ROOT: emu.apiRoot,
				TELEGRAM_MODE: 'webhook'
			},
			platform: db.platform,
			database: db.handle
		}) as unknown as App;
	const postTo = (app: App, update: unknown) => {
		const secrets = webhookSecrets(db.platform.secret, emu.token);
		return receiveWebhook(
			app,
			new Request(`http://localhost/api/telegram/${secrets.path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secrets.header },
				body: JSON.stringify(update)
			}),
			secrets.path
		);
	};
	type Row = { payload: unknown; handled: boolean; claimed: boolean };
	const rowOf = async (id: number) =>
		rowsOf<Row>(
			await db.handle.db.execute(
				sql`select payload, handled_at is not null as handled, claimed_until is not null as claimed
					from bot_update where update_id = ${id}`
			)
		)[0];

	it('answers 500 (Telegram sends it again) when the update cannot be stored, and handles the redelivery', async () => {
		const app = appFor();
		const update = updates.text(601, '/menu', { languageCode: 'en' });
		await db.handle.db.execute(sql`
			create function bot_test_refuse() returns trigger language plpgsql as
			$$ begin raise exception 'disk full'; end $$`);
		await db.handle.db.execute(
			sql`create trigger bot_test_refuse before insert on bot_update for each row execute function bot_test_refuse()`
		);
		try {
			expect((await postTo(app, update)).status).toBe(500);
		} finally {
			await db.handle.db.execute(sql`drop trigger bot_test_refuse on bot_update`);
			await db.handle.db.execute(sql`drop function bot_test_refuse()`);
		}
		expect(await rowOf(update.update_id)).toBeUndefined();
		expect((await postTo(app, update)).status).toBe(200);
		if (db.handle.kind === 'postgres') {
			const { botOf } = await import('./runtime');
			expect(await botOf(app)!.handleRecorded()).toBe(1);
		}
		await emu.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 601);
		await vi.waitFor(async () => expect((await rowOf(update.update_id)).handled).toBe(true));
		expect(texts(601)).toHaveLength(1);
	});

	it('has the update in the database before the 200; a process that died before handling it handles it after its restart', async () => {
		const { botOf, startBotInProcess } = await import('./runtime');
		// The first process: its handling never gets past the reply (it "dies" there).
		const first = appFor();
		let die!: (error: Error) => void;
		const dead = new Promise<never>((_resolve, reject) => (die = reject));
		dead.catch(() => {});
		botOf(first)!.api.config.use(async (prev, method, payload, signal) => {
			if (method === 'sendMessage') await dead;
			return prev(method, payload, signal);
		});
		const update = updates.text(602, '/menu', { languageCode: 'en' });
		expect((await postTo(first, update)).status).toBe(200);
		const stored = await rowOf(update.update_id);
		expect(stored.payload).toMatchObject({ update_id: update.update_id });
		expect(stored.handled).toBe(false);
		if (db.handle.kind === 'pglite') {
			// Claimed by the first process (its lease runs for a minute), never finished.
			await vi.waitFor(async () => expect((await rowOf(update.update_id)).claimed).toBe(true));
			expect(texts(602)).toHaveLength(0);
			// The restart: the only process that may open PGlite releases the dead one's claim at once.
			const second = appFor();
			const stop = await startBotInProcess(second);
			await emu.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === 602);
			await vi.waitFor(async () => expect((await rowOf(update.update_id)).handled).toBe(true));
			await stop?.();
		} else {
			const second = appFor();
			expect(await botOf(second)!.handleRecorded()).toBe(1);
		}
		die(new Error('the first process is gone'));
		await botOf(first)!.stop();
		const after = await rowOf(update.update_id);
		expect(after.payload).toBeNull();
		expect(after.handled).toBe(true);
		expect(texts(602)).toHaveLength(1);
		expect(texts(602)[0]).toBe(lastText(602));
	});
});

describe('crash recovery', () => {
	it('hands an update claimed by a runner that died to another runner once its lease has passed, once', async () => {
		let now = Date.parse('2026-12-01T10:00:00Z');
		const runner = () =>
			createBirgeBot({
				token: emu.token,
				apiRoot: emu.apiRoot,
				platform: db.platform,
				db: db.handle.db,
				botInfo: BOT_INFO,
				pace: { perChatMs: 0, perSecond: 10_000 },
				clock: () => new Date(now),
				leaseMs: 30_000
			});
		const [dead, alive] = [runner(), runner()];
		const update = updates.text(501, '/menu', { languageCode: 'en' });
		expect(await dead.record(update)).toBe('recorded');
		// The first runner claims the update and dies before handling it (no heartbeat, no reply).
		expect((await dead.claimRecorded(10)).map((c) => c.updateId)).toEqual([update.update_id]);
		expect(await alive.handleRecorded(10)).toBe(0);
		now += 29_000;
		expect(await alive.handleRecorded(10)).toBe(0);
		now += 2_000;
		expect(await alive.handleRecorded(10)).toBe(1);
		expect(texts(501)).toHaveLength(1);
		// Handled: a redelivered webhook, a later claim and the lease passing again do nothing.
		expect(await alive.record(update)).toBe('duplicate');
		now += 60_000;
		expect(await alive.handleRecorded(10)).toBe(0);
		expect(await dead.claimRecorded(10)).toEqual([]);
		expect(texts(501)).toHaveLength(1);
		expect(
			await count('bot_update', sql`where update_id = ${update.update_id} and handled_at is not null`)
		).toBe(1);
		await dead.stop();
		await alive.stop();
	});

	it('keeps a live runner’s claim by its heartbeat while a slow update runs', async () => {
		const slow = createBirgeBot({
			token: emu.token,
			apiRoot: emu.apiRoot,
			platform: db.platform,
			db: db.handle.db,
			botInfo: BOT_INFO,
			pace: { perChatMs: 0, perSecond: 10_000 },
			leaseMs: 150
		});
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		slow.bot.use(async (_ctx, next) => {
			await gate;
			await next();
		});
		const other = createBirgeBot({
			token: emu.token,
			apiRoot: emu.apiRoot,
			platform: db.platform,
			db: db.handle.db,
			botInfo: BOT_INFO,
			pace: { perChatMs: 0, perSecond: 10_000 },
			leaseMs: 150
		});
		const update = updates.text(502, '/menu', { languageCode: 'en' });
		await slow.record(update);
		const running = slow.handleRecorded(10);
		await new Promise((resolve) => setTimeout(resolve, 500));
		// Three leases later the slow runner's heartbeat still holds the update.
		expect(await other.claimRecorded(10)).toEqual([]);
		release();
		expect(await running).toBe(1);
		expect(texts(502)).toHaveLength(1);
		await slow.stop();
		await other.stop();
	});
});

describe('pace', () => {
	it('keeps one chat at its interval and lets other chats go', async () => {
		const at: Record<string, number[]> = {};
		const paced = pace({ perChatMs: 150, perSecond: 1000 });
		const prev = (async (_method: string, payload: { chat_id: string }) => {
			(at[payload.chat_id] ??= []).push(Date.now());
			return { ok: true, result: true };
		}) as never;
		const start = Date.now();
		await Promise.all([
			...[1, 2, 3].map(() => paced(prev, 'sendMessage', { chat_id: 'a' } as never)),
			paced(prev, 'sendMessage', { chat_id: 'b' } as never)
		]);
		const a = at.a;
		expect(a).toHaveLength(3);
		expect(a[1] - a[0]).toBeGreaterThanOrEqual(140);
		expect(a[2] - a[1]).toBeGreaterThanOrEqual(140);
		expect(at.b[0] - start).toBeLessThan(100);
	});
});
