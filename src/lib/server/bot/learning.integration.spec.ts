import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { authUser } from '#lib/server/db/schema';
import { rowsOf } from '#lib/server/db';
import { accounts } from '#lib/server/modules/accounts';
import { learning } from '#lib/server/modules/learning';
import { t } from '#lib/i18n/messages';
import { createBirgeBot, type BirgeBot } from './bot';
import { BOT_INFO, startEmulator, updates, type Emulator } from './testing/emulator';

/** Learning in the bot, against the emulated Bot API: courses, bite-size lessons, quizzes, shared progress. */

let db: TestDb;
let emu: Emulator;
let bot: BirgeBot;

const COURSE = 'business-money';
const quiz = JSON.parse(fs.readFileSync(path.resolve('seed/learning', COURSE, 'quiz-1.json'), 'utf8')) as {
	id: string;
	afterLesson: string;
	questions: { id: string; kind: string; answer?: number; options?: { id: string; correct: boolean }[] }[];
};

const count = async (table: string, where = sql``) =>
	Number(
		rowsOf<{ n: number }>(
			await db.handle.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} ${where}`)
		)[0].n
	);
const sent = (chat: number) => emu.sent('sendMessage', chat);
const texts = (chat: number) => sent(chat).map((c) => String(c.payload.text));
const lastText = (chat: number) => texts(chat).at(-1) ?? '';
const buttons = (chat: number) => {
	const markup = sent(chat).at(-1)?.payload.reply_markup as
		{ inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
	return (markup?.inline_keyboard ?? []).flat();
};
const allCallbackData = (chat: number) =>
	sent(chat).flatMap((c) =>
		(
			(c.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)
				?.inline_keyboard ?? []
		)
			.flat()
			.map((b) => b.callback_data ?? '')
	);

/** Answers the whole quiz right through the buttons and typed numbers. */
async function passQuiz(chat: number, lang: string) {
	for (const [i, q] of quiz.questions.entries()) {
		if (q.kind === 'numeric')
			await bot.handle(updates.text(chat, String(q.answer).replace('.', ','), { languageCode: lang }));
		else if (q.kind === 'single')
			await bot.handle(
				updates.callback(chat, `qa:${i}:${q.options!.find((o) => o.correct)!.id}`, { languageCode: lang })
			);
		else {
			for (const o of q.options!.filter((x) => x.correct))
				await bot.handle(updates.callback(chat, `qt:${i}:${o.id}`, { languageCode: lang }));
			await bot.handle(updates.callback(chat, `qd:${i}`, { languageCode: lang }));
		}
	}
}

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

describe('learning in the bot', () => {
	it('lists courses and lessons, sends a lesson as Telegram HTML under the limit; without a link stores nothing', async () => {
		await bot.handle(updates.text(801, '/learn', { languageCode: 'ky' }));
		expect(lastText(801)).toContain(t('ky', 'bot_learn_heading'));
		expect(lastText(801)).toContain(t('ky', 'bot_learn_not_saved'));
		expect(buttons(801).map((b) => b.callback_data)).toContain(`lc:${COURSE}`);
		await bot.handle(updates.callback(801, `lc:${COURSE}`, { languageCode: 'ky' }));
		const lessonButtons = buttons(801).map((b) => b.callback_data);
		expect(lessonButtons).toEqual([
			`ll:${COURSE}:01-two-purses`,
			`ll:${COURSE}:02-cash-book`,
			`ll:${COURSE}:03-cash-flow`
		]);
		await bot.handle(updates.callback(801, `ll:${COURSE}:${quiz.afterLesson}`, { languageCode: 'ky' }));
		const lesson = sent(801).filter((c) => c.payload.parse_mode === 'HTML');
		expect(lesson.length).toBeGreaterThanOrEqual(2);
		for (const m of lesson) {
			const text = String(m.payload.text);
			expect(text.length).toBeLessThanOrEqual(4096);
			// Only the tags Telegram's HTML knows.
			for (const tag of text.matchAll(/<\/?([a-z]+)[^>]*>/g))
				expect(['b', 'i', 's', 'code', 'pre', 'blockquote', 'a']).toContain(tag[1]);
		}
		expect(String(lesson[0].payload.text)).toMatch(/^<b>/);
		// Not linked: no "mark as read", a quiz button, the next lesson (none after the last).
		expect(buttons(801).map((b) => b.callback_data)).toEqual([`lq:${COURSE}:${quiz.afterLesson}:0`]);
		await bot.handle(updates.callback(801, `lq:${COURSE}:${quiz.afterLesson}:0`, { languageCode: 'ky' }));
		await passQuiz(801, 'ky');
		expect(lastText(801)).toContain(t('ky', 'bot_learn_passed'));
		expect(lastText(801)).toContain(t('ky', 'bot_learn_not_saved'));
		expect(await count('learning_quiz_attempt')).toBe(0);
		expect(await count('learning_lesson_progress')).toBe(0);
		for (const data of allCallbackData(801)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
	});

	it('a linked account: reading and the quiz are stored as on the web, once, and the web shows the same progress', async () => {
		const id = 'tg-learner';
		await db.handle.db
			.insert(authUser)
			.values({ id, name: 'Айгүл', email: `${id}@example.org`, locale: 'ru' });
		const webCtx = db.ctx({ actor: actor(id), locale: 'ru' });
		const { code } = await accounts.createTelegramCode(webCtx);
		await bot.handle(updates.text(802, `/link ${code}`, { languageCode: 'ru' }));
		await bot.handle(updates.callback(802, `ll:${COURSE}:01-two-purses`, { languageCode: 'ru' }));
		expect(buttons(802).map((b) => b.callback_data)).toEqual([
			`lr:${COURSE}:01-two-purses`,
			`ll:${COURSE}:02-cash-book`
		]);
		await bot.handle(updates.callback(802, `lr:${COURSE}:01-two-purses`, { languageCode: 'ru' }));
		await bot.handle(updates.callback(802, `lr:${COURSE}:01-two-purses`, { languageCode: 'ru' }));
		expect(lastText(802)).toBe(t('ru', 'bot_learn_read_done'));
		const web = await learning.courseView(webCtx, COURSE);
		expect(web.progress).toMatchObject({ read: 1, quizzesPassed: 0 });
		// The quiz, with a wrong typed number first.
		await bot.handle(updates.callback(802, `lq:${COURSE}:${quiz.afterLesson}:0`, { languageCode: 'ru' }));
		await bot.handle(updates.callback(802, `qa:3:a`, { languageCode: 'ru' }));
		expect(lastText(802)).toBe(t('ru', 'bot_stale_button'));
		const first = quiz.questions[0];
		await bot.handle(
			updates.callback(802, `qa:0:${first.options!.find((o) => o.correct)!.id}`, { languageCode: 'ru' })
		);
		await bot.handle(updates.text(802, 'много', { languageCode: 'ru' }));
		expect(lastText(802)).toBe(t('ru', 'bot_learn_not_number'));
		// Start over and pass.
		await bot.handle(updates.callback(802, `lq:${COURSE}:${quiz.afterLesson}:0`, { languageCode: 'ru' }));
		await passQuiz(802, 'ru');
		expect(lastText(802)).toContain(t('ru', 'bot_learn_passed'));
		expect(lastText(802)).toContain(t('ru', 'bot_learn_attempt_saved'));
		// A late tap on the last button does not store a second attempt.
		await bot.handle(updates.callback(802, `qa:4:x`, { languageCode: 'ru' }));
		expect(await count('learning_quiz_attempt', sql`where user_id = ${id}`)).toBe(1);
		const after = await learning.courseView(webCtx, COURSE);
		expect(after.progress).toMatchObject({ read: 1, quizzesPassed: 1 });
		// Resume where she stopped.
		await bot.handle(updates.callback(802, `lc:${COURSE}`, { languageCode: 'ru' }));
		expect(buttons(802)[0].callback_data).toMatch(new RegExp(`^ll:${COURSE}:`));
		expect(lastText(802)).toContain(
			t('ru', 'bot_learn_progress', { read: 1, total: 3, passed: 1, quizzes: 1 })
		);
	});

	it('an unknown course or a broken button: a short reply, never a crash', async () => {
		await bot.handle(updates.callback(803, 'lc:no-such-course', { languageCode: 'en' }));
		expect(lastText(803)).toBe(t('en', 'bot_stale_button'));
		await bot.handle(updates.callback(803, `ll:${COURSE}`, { languageCode: 'en' }));
		expect(lastText(803)).toBe(t('en', 'bot_stale_button'));
		await bot.handle(updates.callback(803, `lq:${COURSE}:${quiz.afterLesson}:9`, { languageCode: 'en' }));
		expect(lastText(803)).toBe(t('en', 'bot_stale_button'));
		await bot.handle(updates.callback(803, `lr:${COURSE}:01-two-purses`, { languageCode: 'en' }));
		expect(lastText(803)).toBe(t('en', 'bot_learn_not_saved'));
	});
});
