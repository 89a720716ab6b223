import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { authUser } from '#lib/server/db/schema';
import { rowsOf } from '#lib/server/db';
import { createContext, JobRunner, jobContext, type Platform } from '#lib/server/core';
import { accounts } from '#lib/server/modules/accounts';
import { formatMoney, production } from '#lib/server/modules/production';
import { t } from '#lib/i18n/messages';
import { createBirgeBot, type BirgeBot } from './bot';
import { BOT_INFO, startEmulator, updates, type Emulator } from './testing/emulator';
import { telegramApi, withTelegram } from './sender';
import { fitsCallback } from './text';
import { productionPhotoJob } from './jobs';

/**
 * The production Composer against the Bot API emulator: a maker reports pieces with a photo (the
 * photo processed in a job, its EXIF and GPS gone), the coordinator is told and accepts with a
 * button (the earning is in the ledger), or rejects with a reason; stale buttons, text where a number
 * is wanted, a file that is not an image or is too large, and other people's buttons are refused.
 */
let db: TestDb;
let emu: Emulator;
let bot: BirgeBot;
let platform: Platform;
let net: string;
let makerId: string;
let assignmentId: string;

const COORD = 901;
const MAKER = 902;
const OTHER = 903;
const texts = (chat: number) => emu.sent('sendMessage', chat).map((c) => String(c.payload.text));
const lastText = (chat: number) => texts(chat).at(-1) ?? '';
const buttonsOf = (call: { payload: Record<string, unknown> } | undefined) =>
	(
		(
			call?.payload.reply_markup as
				{ inline_keyboard: { text: string; callback_data: string }[][] } | undefined
		)?.inline_keyboard ?? []
	).flat();
const jobCount = async () =>
	Number(
		rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_job where name = 'bot.production-photo'`
			)
		)[0].n
	);
type ReportRow = {
	id: string;
	pieces: number;
	status: string;
	photoFileId: string | null;
	rejectReason: string | null;
};
/** The assignment's reports, read with SQL (the bot's tests reach production only through its index). */
const reportsOf = async () =>
	rowsOf<ReportRow>(
		await db.handle.db.execute(
			sql`select id, pieces, status, photo_file_id as "photoFileId", reject_reason as "rejectReason"
				from production_report where assignment_id = ${assignmentId} order by created_at, id`
		)
	);
const runJobs = () =>
	new JobRunner(() => jobContext(platform, db.handle.db), [productionPhotoJob], { workerId: 'test' }).tick();
const deliver = () => production.deliverProductionMessages(createContext(db.handle.db, platform, {}));

/** A camera JPEG with its maker's name and a GPS position in EXIF. */
async function cameraPhoto(): Promise<Uint8Array> {
	const data = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#886644' } })
		.jpeg({ quality: 80 })
		.withExif({
			IFD0: { Make: 'TestCam', Model: 'Secret phone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '42/1 52/1 30/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '74/1 36/1 0/1'
			}
		})
		.toBuffer();
	expect((await sharp(data).metadata()).exif).toBeDefined();
	return new Uint8Array(data);
}

async function linkedUser(id: string, chat: number, locale: 'ky' | 'ru' | 'en') {
	await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale });
	const { code } = await accounts.createTelegramCode(db.ctx({ actor: actor(id) }));
	await bot.handle(updates.text(chat, `/link ${code}`, { languageCode: locale }));
	expect(lastText(chat)).toBe(t(locale, 'bot_linked'));
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	emu = await startEmulator();
	platform = {
		...db.platform,
		sender: withTelegram(db.platform.sender, telegramApi(emu.token, emu.apiRoot))
	};
	bot = createBirgeBot({
		token: emu.token,
		apiRoot: emu.apiRoot,
		platform,
		db: db.handle.db,
		botInfo: BOT_INFO,
		pace: { perChatMs: 0, perSecond: 10_000 }
	});
	await linkedUser('pc-coord', COORD, 'en');
	await linkedUser('pc-maker', MAKER, 'ky');
	await linkedUser('pc-other', OTHER, 'ru');
	const coord = db.ctx({ actor: actor('pc-coord'), locale: 'en' });
	net = (await production.createNetwork(coord, { name: 'Issyk-Kul felt', country: 'KG' })).id;
	// Another network's coordinator: nobody in this one.
	await production.createNetwork(db.ctx({ actor: actor('pc-other') }), { name: 'Other', country: 'KZ' });
	const patternId = (
		await production.createPattern(coord, net, {
			title: { en: 'Felt slippers', ky: 'Кийиз тапичке' },
			instructions: { en: 'Felt, then sew.' },
			difficulty: 'medium',
			minutesPerPiece: 90,
			defaultRateMinor: 10000
		})
	).id;
	const { code } = await production.createInvitation(coord, net);
	makerId = (
		await production.joinWithCode(db.ctx({ actor: actor('pc-maker') }), {
			code,
			name: 'Айгүл',
			consent: true
		})
	).makerId;
	await production.createOrder(coord, net, {
		patternId,
		quantity: 10,
		dueDate: '2026-12-15',
		assignments: [{ makerId, quantity: 10 }]
	});
	const work = await production.myWork(db.ctx({ actor: actor('pc-maker') }));
	assignmentId = work.assignments[0].id;
});
afterAll(async () => {
	await bot?.stop();
	await emu?.close();
	await db?.close();
});
beforeEach(() => {
	emu.calls.length = 0;
});

describe('the maker', () => {
	it('sees her assignments and balance with /work and from the menu', async () => {
		await bot.handle(updates.text(MAKER, '/work', { languageCode: 'ky' }));
		const call = emu.sent('sendMessage', MAKER).at(-1);
		const text = String(call?.payload.text);
		expect(text).toContain('Кийиз тапичке');
		expect(text).toContain(t('ky', 'bot_production_work_title'));
		expect(text).toContain('Issyk-Kul felt');
		const buttons = buttonsOf(call);
		expect(buttons.map((b) => b.callback_data)).toEqual([`pw:${assignmentId}`]);
		expect(buttons.every((b) => fitsCallback(b.callback_data))).toBe(true);
		await bot.handle(updates.callback(MAKER, 'm:work', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(text);
		// Not a maker anywhere, or not linked: told so.
		await bot.handle(updates.text(OTHER, '/work', { languageCode: 'ru' }));
		expect(lastText(OTHER)).toBe(t('ru', 'bot_production_not_maker'));
		await bot.handle(updates.text(904, '/work', { languageCode: 'ru' }));
		expect(lastText(904)).toBe(t('ru', 'bot_production_needs_link', { origin: db.platform.origin }));
	});

	it('reports pieces with a photo; text instead of a number gets a short reply; the photo loses EXIF and GPS', async () => {
		await bot.handle(updates.callback(MAKER, `pw:${assignmentId}`, { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_ask_count', { pattern: 'Кийиз тапичке', left: 10 }));
		await bot.handle(updates.text(MAKER, 'беш', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_not_number'));
		await bot.handle(updates.text(MAKER, '11', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'production_error_pieces_too_many', { max: 10 }));
		await bot.handle(updates.text(MAKER, '3', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_ask_photo'));
		expect((await reportsOf()).length).toBe(0);
		// Too large, or not an image: a short reply, nothing queued.
		await bot.handle(updates.photo(MAKER, 21 * 1024 * 1024, 'big', 'ky'));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_photo_too_large'));
		await bot.handle(
			updates.document(MAKER, { fileId: 'pdf', size: 1000, mime: 'application/pdf', name: 'a.pdf' }, 'ky')
		);
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_not_image'));
		expect(await jobCount()).toBe(0);

		const photo = await cameraPhoto();
		emu.putFile('photo-1', photo);
		await bot.handle(updates.photo(MAKER, photo.byteLength, 'photo-1', 'ky'));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_photo_queued'));
		// The handler only queued the job: nothing reported yet, nothing downloaded.
		expect(await jobCount()).toBe(1);
		expect((await reportsOf()).length).toBe(0);
		expect(emu.sent('getFile')).toHaveLength(0);
		await runJobs();
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_reported', { pieces: 3 }));
		const [r] = await reportsOf();
		expect(r.pieces).toBe(3);
		expect(r.status).toBe('pending');
		expect(r.photoFileId).toBeTruthy();
		const stored = Buffer.from((await db.platform.files.read(r.photoFileId!))!);
		const meta = await sharp(stored).metadata();
		expect(meta.exif).toBeUndefined();
		expect(stored.includes(Buffer.from('Secret phone'))).toBe(false);
		// The web's page shows the same report.
		const mine = await production.myAssignment(db.ctx({ actor: actor('pc-maker') }), assignmentId);
		expect(mine?.reportedPieces).toBe(3);
	});

	it('an image that is not one (wrong bytes) is told in her language and records nothing', async () => {
		await bot.handle(updates.callback(MAKER, `pw:${assignmentId}`, { languageCode: 'ky' }));
		await bot.handle(updates.text(MAKER, '2', { languageCode: 'ky' }));
		emu.putFile('fake', new TextEncoder().encode('not a picture at all'));
		await bot.handle(
			updates.document(MAKER, { fileId: 'fake', size: 20, mime: 'image/jpeg', name: 'x.jpg' }, 'ky')
		);
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_photo_queued'));
		await runJobs();
		expect(lastText(MAKER)).not.toBe(t('ky', 'bot_production_reported', { pieces: 2 }));
		expect((await reportsOf()).length).toBe(1);
	});
});

describe('the coordinator', () => {
	it('is told of the report and accepts it with a button; the earning exists; the button is then stale', async () => {
		expect(await deliver()).toBeGreaterThanOrEqual(1);
		const call = emu.sent('sendMessage', COORD).at(-1);
		const [r] = await reportsOf();
		expect(String(call?.payload.text)).toContain('Felt slippers × 3');
		expect(String(call?.payload.text)).toContain(`/en/production/${net}/queue`);
		// Never the maker's name in the chat.
		expect(String(call?.payload.text)).not.toContain('Айгүл');
		const buttons = buttonsOf(call);
		expect(buttons.map((b) => b.callback_data)).toEqual([`pa:${r.id}`, `pr:${r.id}`]);
		expect(buttons.map((b) => b.text)).toEqual([
			t('en', 'bot_production_accept'),
			t('en', 'bot_production_reject')
		]);
		expect(buttons.every((b) => fitsCallback(b.callback_data))).toBe(true);
		// The maker herself, and another network's coordinator: the report does not exist for them.
		await bot.handle(updates.callback(MAKER, `pa:${r.id}`, { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'error_not_found'));
		await bot.handle(updates.callback(OTHER, `pr:${r.id}`, { languageCode: 'ru' }));
		expect(lastText(OTHER)).toBe(t('ru', 'error_not_found'));
		await bot.handle(updates.callback(COORD, `pa:${r.id}`, { languageCode: 'en' }));
		expect(lastText(COORD)).toBe(t('en', 'bot_production_accepted', { pieces: 3 }));
		const balance = await production.getBalance(db.ctx({ actor: actor('pc-maker') }), makerId);
		expect(balance.earnedMinor).toBe(30000);
		// Pressed again, or Reject after Accept: already decided, one earning.
		await bot.handle(updates.callback(COORD, `pa:${r.id}`, { languageCode: 'en' }));
		expect(lastText(COORD)).toBe(t('en', 'bot_production_already_decided'));
		await bot.handle(updates.callback(COORD, `pr:${r.id}`, { languageCode: 'en' }));
		expect(lastText(COORD)).toBe(t('en', 'bot_production_already_decided'));
		expect((await production.getBalance(db.ctx({ actor: actor('pc-maker') }), makerId)).earnedMinor).toBe(
			30000
		);
		// The maker is told in her chat, in her language, once.
		expect(await deliver()).toBeGreaterThanOrEqual(1);
		const told = t('ky', 'bot_production_decided_accepted', {
			pattern: 'Кийиз тапичке',
			pieces: 3,
			earned: formatMoney(30000, 'KGS', 'ky'),
			url: `${db.platform.origin}/ky/my-work`
		});
		expect(lastText(MAKER)).toBe(told);
		expect(await deliver()).toBe(0);
		expect(texts(MAKER).filter((x) => x === told)).toHaveLength(1);
		// The maker's balance in /work.
		await bot.handle(updates.text(MAKER, '/work', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toMatch(/300/);
	});

	it('rejects a report (its photo sent as a document) with a typed reason; a report without a photo', async () => {
		await bot.handle(updates.callback(MAKER, `pw:${assignmentId}`, { languageCode: 'ky' }));
		await bot.handle(updates.text(MAKER, '2', { languageCode: 'ky' }));
		const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#224488' } })
			.png()
			.toBuffer();
		emu.putFile('doc-1', new Uint8Array(png));
		await bot.handle(
			updates.document(
				MAKER,
				{ fileId: 'doc-1', size: png.byteLength, mime: 'image/png', name: 'p.png' },
				'ky'
			)
		);
		await runJobs();
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_reported', { pieces: 2 }));
		const pending = (await reportsOf()).find((x) => x.status === 'pending')!;
		expect(pending.pieces).toBe(2);
		await deliver();
		const call = emu.sent('sendMessage', COORD).at(-1);
		expect(buttonsOf(call).map((b) => b.callback_data)).toEqual([`pa:${pending.id}`, `pr:${pending.id}`]);
		await bot.handle(updates.callback(COORD, `pr:${pending.id}`, { languageCode: 'en' }));
		expect(lastText(COORD)).toBe(t('en', 'bot_production_ask_reason'));
		await bot.handle(updates.text(COORD, 'Seams are open', { languageCode: 'en' }));
		expect(lastText(COORD)).toBe(t('en', 'bot_production_rejected', { pieces: 2 }));
		const after = (await reportsOf()).find((x) => x.id === pending.id)!;
		expect(after.status).toBe('rejected');
		expect(after.rejectReason).toBe('Seams are open');
		await deliver();
		expect(lastText(MAKER)).toBe(
			t('ky', 'bot_production_decided_rejected', {
				pattern: 'Кийиз тапичке',
				pieces: 2,
				reason: 'Seams are open',
				url: `${db.platform.origin}/ky/my-work`
			})
		);
		// The coordinator is not told of her own decision.
		expect(texts(COORD).filter((x) => x.includes('Seams are open'))).toEqual([]);
		// The rejected pieces are free to report again.
		const mine = await production.myAssignment(db.ctx({ actor: actor('pc-maker') }), assignmentId);
		expect(mine?.left).toBe(7);
		// Without a photo: reported at once.
		await bot.handle(updates.callback(MAKER, `pw:${assignmentId}`, { languageCode: 'ky' }));
		await bot.handle(updates.text(MAKER, '1', { languageCode: 'ky' }));
		await bot.handle(updates.callback(MAKER, 'pn', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_production_reported', { pieces: 1 }));
		expect((await reportsOf()).filter((x) => x.status === 'pending' && !x.photoFileId)).toHaveLength(1);
	});

	it('stale buttons get a short reply and change nothing', async () => {
		await bot.handle(updates.callback(MAKER, 'pn', { languageCode: 'ky' }));
		expect(lastText(MAKER)).toBe(t('ky', 'bot_stale_button'));
		await bot.handle(
			updates.callback(MAKER, 'pw:00000000-0000-0000-0000-000000000000', { languageCode: 'ky' })
		);
		expect(lastText(MAKER)).toBe(t('ky', 'bot_stale_button'));
		await bot.handle(
			updates.callback(COORD, 'pa:00000000-0000-0000-0000-000000000000', { languageCode: 'en' })
		);
		expect(lastText(COORD)).toBe(t('en', 'error_not_found'));
		expect((await reportsOf()).length).toBe(3);
	});
});

describe('a retried photo job', () => {
	it('records the report once: a second run of the same job (same chat and message) returns the first', async () => {
		const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#335577' } })
			.png()
			.toBuffer();
		emu.putFile('retry-1', new Uint8Array(png));
		const before = (await reportsOf()).length;
		const payload = {
			chatId: String(MAKER),
			locale: 'ky',
			assignmentId,
			pieces: 1,
			fileId: 'retry-1',
			name: null
		};
		const info = { attempt: 1, key: `${MAKER}:4242` };
		const jobCtx = jobContext(platform, db.handle.db);
		// The first run reported, then (say) the worker died before marking the job done: it runs again.
		await productionPhotoJob.run(jobCtx, payload, info);
		await productionPhotoJob.run(jobCtx, payload, { ...info, attempt: 2 });
		const after = await reportsOf();
		expect(after.length).toBe(before + 1);
		expect(texts(MAKER).filter((x) => x === t('ky', 'bot_production_reported', { pieces: 1 }))).toHaveLength(
			2
		);
		// The repeat's photo was not kept: one stored photo for the one report.
		const files = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_file where owner_module = 'production' and owner_id = ${assignmentId} and parent_id is null`
			)
		)[0].n;
		expect(files).toBe(after.filter((r) => r.photoFileId).length);
	});
});

describe('the decision reaches the maker from the web too', () => {
	it('a part accepted on the web queue is told in her chat’s language with the reason; an unlinked chat gets nothing', async () => {
		const coord = db.ctx({ actor: actor('pc-coord'), locale: 'en' });
		const maker = db.ctx({ actor: actor('pc-maker'), locale: 'ky' });
		// She switches the chat to English (her account stays in Kyrgyz): the chat's language is used.
		await bot.handle(updates.callback(MAKER, 'l:en', { languageCode: 'ky' }));
		const { id } = await production.reportPieces(maker, { assignmentId, pieces: 4 });
		await deliver();
		emu.calls.length = 0;
		const result = await production.reviewReports(coord, net, {
			reportIds: [id],
			decision: 'accept',
			acceptPieces: 3,
			reason: 'One is torn'
		});
		expect(result.done).toBe(1);
		expect(await deliver()).toBe(1);
		expect(texts(MAKER)).toEqual([
			t('en', 'bot_production_decided_partly', {
				pattern: 'Felt slippers',
				pieces: 4,
				accepted: 3,
				earned: formatMoney(30000, 'KGS', 'en'),
				reason: 'One is torn',
				url: `${db.platform.origin}/en/my-work`
			})
		]);
		// Unlinked from the bot: the next decision sends nothing to the chat.
		await bot.handle(updates.text(MAKER, '/unlink', { languageCode: 'en' }));
		emu.calls.length = 0;
		const next = await production.reportPieces(maker, { assignmentId, pieces: 1 });
		await production.reviewReports(coord, net, { reportIds: [next.id], decision: 'accept' });
		await deliver();
		expect(texts(MAKER)).toEqual([]);
	});
});
