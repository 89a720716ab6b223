import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import {
	importTranslations,
	reviewTranslation,
	statusOf,
	translationField,
	translationQueue,
	type I18nText
} from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { course, lesson, quiz } from './schema';
import { learning } from './index';
import { readSeedCourses } from './seed';

/**
 * Learning's texts in the translation workspace (issue 18): a review there updates the course's own
 * status map (what course and lesson pages show), quiz questions and choices are listed and translated
 * there like lesson texts, and a reseed never overwrites a reviewed or human-edited text.
 */
const NOW = new Date('2026-12-01T15:00:00Z');
let db: TestDb;
const kyTranslator = actor('tr-ky', [
	{ role: 'translator', country: null, organizationId: null, locale: 'ky' }
]);
const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);
const tr = () => db.ctx({ actor: kyTranslator, now: NOW, locale: 'ky' });
const reader = (locale: 'ky' | 'tg' | 'en' = 'ky') => db.ctx({ locale, now: NOW });
const seedCourse = (slug: string) => readSeedCourses().find((c) => c.meta.slug === slug)!;

async function courseRow(slug: string) {
	const [row] = await db.handle.db.select().from(course).where(eq(course.slug, slug));
	return row;
}
async function quizRow(id: string) {
	const [row] = await db.handle.db.select().from(quiz).where(eq(quiz.id, id));
	return row;
}
async function lessonRow(id: string) {
	const [row] = await db.handle.db.select().from(lesson).where(eq(lesson.id, id));
	return row;
}
async function reseed() {
	const seed = MODULES.flatMap((m) => m.seeds ?? []).find((s) => s.name === 'learning.courses')!;
	await seed.run(db.ctx({ now: NOW }));
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('a review in the workspace', () => {
	it('updates the course’s own status, so the lesson page drops its draft note', async () => {
		const id = 'business-money/02-cash-book';
		expect((await learning.lessonView(reader(), 'business-money', '02-cash-book')).status).toBe(
			'machine-draft'
		);
		const draftsBefore = (await learning.courseView(reader(), 'business-money')).translation.find(
			(t) => t.locale === 'ky'
		)!.drafts;
		await reviewTranslation(tr(), MODULES, { entity: 'learning.lesson', id, field: 'body', locale: 'ky' });
		const c = await courseRow('business-money');
		expect(c.status['lesson:02-cash-book']).toMatchObject({ ky: 'reviewed', tg: 'machine-draft' });
		expect((await learning.lessonView(reader(), 'business-money', '02-cash-book')).status).toBe('reviewed');
		expect((await learning.lessonView(reader('tg'), 'business-money', '02-cash-book')).status).toBe(
			'machine-draft'
		);
		const after = (await learning.courseView(reader(), 'business-money')).translation;
		expect(after.find((t) => t.locale === 'ky')!.drafts).toBe(draftsBefore - 1);
	});

	it('of a course title shows in the catalogue', async () => {
		const listed = async () =>
			(await learning.listCourses(reader())).find((c) => c.slug === 'pricing-handmade')!.draftText;
		expect(await listed()).toBe(true);
		const { id } = await courseRow('pricing-handmade');
		await reviewTranslation(tr(), MODULES, { entity: 'learning.course', id, field: 'title', locale: 'ky' });
		expect((await courseRow('pricing-handmade')).status.title).toMatchObject({ ky: 'reviewed' });
		expect(await listed()).toBe(false);
	});
});

describe('an import of a translator’s XLIFF file', () => {
	it('updates the course’s status like a review on the page', async () => {
		const c = await courseRow('selling-online');
		const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="birge-content" source-language="en" target-language="ky" datatype="plaintext"><body>
    <trans-unit id="learning.course|${c.id}|summary"><source>${esc(c.summary.en!)}</source><target>${esc(c.summary.ky!)}</target></trans-unit>
  </body></file>
</xliff>`;
		const report = await importTranslations(tr(), MODULES, {
			locale: 'ky',
			format: 'xliff',
			content: xml,
			dryRun: false
		});
		expect(report).toMatchObject({ applied: true, reviewed: 1, errors: [] });
		expect((await courseRow('selling-online')).status.summary).toMatchObject({
			ky: 'reviewed',
			tg: 'machine-draft'
		});
	});
});

describe('quiz questions and choices in the workspace', () => {
	const id = 'business-money/quiz-1';

	it('are listed per path with their state, like lesson texts', async () => {
		const q = await translationQueue(tr(), MODULES, { locale: 'ky', module: 'learning', limit: 2000 });
		const paths = q.items.filter((i) => i.entity === 'learning.quiz' && i.id === id).map((i) => i.field);
		const z = await quizRow(id);
		const first = z.questions[0];
		expect(paths).toContain('title');
		expect(paths).toContain(`questions.${first.id}.prompt`);
		expect(paths).toContain(`questions.${first.id}.options.${first.options![0].id}.text`);
		const item = q.items.find((i) => i.id === id && i.field === `questions.${first.id}.prompt`)!;
		expect(item).toMatchObject({ state: 'machine-draft', source: first.prompt.en, target: first.prompt.ky });
	});

	it('an edit there is what learners read, with its history, and a fully checked quiz is reviewed', async () => {
		const z = await quizRow(id);
		const [first] = z.questions;
		const option = first.options![0];
		const path = `questions.${first.id}.options.${option.id}.text`;
		await reviewTranslation(tr(), MODULES, {
			entity: 'learning.quiz',
			id,
			field: path,
			locale: 'ky',
			text: 'Текшерилген жооп'
		});
		const stored = (await quizRow(id)).questions[0].options![0];
		expect(stored.text.ky).toBe('Текшерилген жооп');
		expect(stored.text.$p?.ky).toMatchObject({ status: 'reviewed', by: 'tr-ky' });
		expect(stored.text.en).toBe(option.text.en);
		expect(statusOf(stored.text, 'tg')).toBe('machine-draft');
		const view = await learning.lessonView(reader(), 'business-money', '03-cash-flow');
		expect(view.quizzes[0].questions[0].options[0].text).toBe('Текшерилген жооп');
		const field = await translationField(tr(), MODULES, {
			entity: 'learning.quiz',
			id,
			field: path,
			locale: 'ky'
		});
		expect(field).toMatchObject({ state: 'reviewed', target: 'Текшерилген жооп' });
		expect(field.history[0]).toMatchObject({
			action: 'edit',
			before: option.text.ky,
			after: 'Текшерилген жооп'
		});
		// Not yet all of it: the quiz stays a draft in Kyrgyz until its title, prompts and choices are checked.
		const key = 'quiz:quiz-1.json';
		expect((await courseRow('business-money')).status[key]?.ky).toBe('machine-draft');
		const paths = [
			'title',
			...z.questions.flatMap((x) => [
				`questions.${x.id}.prompt`,
				...(x.options ?? []).map((o) => `questions.${x.id}.options.${o.id}.text`)
			])
		].filter((p) => p !== path);
		for (const p of paths)
			await reviewTranslation(tr(), MODULES, { entity: 'learning.quiz', id, field: p, locale: 'ky' });
		expect((await courseRow('business-money')).status[key]).toMatchObject({
			ky: 'reviewed',
			tg: 'machine-draft'
		});
	});
});

describe('a reseed', () => {
	it('replaces only texts still as a seed left them, and keeps reviewed and edited ones', async () => {
		const seeded = seedCourse('business-money');
		const lesson3 = seeded.lessons.find((l) => l.slug === '03-cash-flow')!;
		// As an older seed left them: a Tajik draft and an English (source) summary, marked by nobody.
		const old = await lessonRow('business-money/03-cash-flow');
		await db.handle.db
			.update(lesson)
			.set({ body: { ...old.body, tg: 'Кӯҳна тарҷума' } })
			.where(eq(lesson.id, old.id));
		const c = await courseRow('business-money');
		await db.handle.db
			.update(course)
			.set({ summary: { ...c.summary, en: 'An older summary.' } })
			.where(eq(course.id, c.id));
		// A person's edit of the source: the title of another course, in English.
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { course: loans } = await learning.editableCourse(ctx, 'loans');
		const plain = (t: I18nText) =>
			Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('$'))) as Record<string, string>;
		await learning.updateCourse(ctx, 'loans', {
			level: loans.level,
			passPercent: loans.passPercent,
			title: { ...plain(loans.title), en: 'Loans, read closely' },
			summary: plain(loans.summary)
		});
		const reviewedBefore = await lessonRow('business-money/02-cash-book');

		await reseed();

		// The seed's own texts follow the seed.
		expect((await lessonRow(old.id)).body.tg).toBe(lesson3.body.tg);
		expect(statusOf((await lessonRow(old.id)).body, 'tg')).toBe('machine-draft');
		expect((await courseRow('business-money')).summary.en).toBe(seeded.meta.summary.en);
		// A review in the workspace, a translator's edit and an author's edit are kept, with their marks.
		const reviewed = await lessonRow('business-money/02-cash-book');
		expect(reviewed.body).toEqual(reviewedBefore.body);
		expect(reviewed.body.$p?.ky).toMatchObject({ status: 'reviewed', by: 'tr-ky' });
		const z = await quizRow('business-money/quiz-1');
		expect(z.questions[0].options![0].text.ky).toBe('Текшерилген жооп');
		expect((await courseRow('loans')).title.en).toBe('Loans, read closely');
		// And so is the status the pages show for them.
		const status = (await courseRow('business-money')).status;
		expect(status['lesson:02-cash-book']?.ky).toBe('reviewed');
		expect(status['quiz:quiz-1.json']?.ky).toBe('reviewed');
		expect(status['lesson:03-cash-flow']?.tg).toBe('machine-draft');
		expect((await learning.lessonView(reader(), 'business-money', '02-cash-book')).status).toBe('reviewed');
	});

	it('run twice changes nothing', async () => {
		const before = await db.handle.db.select().from(lesson).orderBy(lesson.id);
		const quizzes = await db.handle.db.select().from(quiz).orderBy(quiz.id);
		await reseed();
		const strip = <T extends { updatedAt: Date }>(rows: T[]) => rows.map(({ updatedAt: _u, ...r }) => r);
		expect(strip(await db.handle.db.select().from(lesson).orderBy(lesson.id))).toEqual(strip(before));
		expect(strip(await db.handle.db.select().from(quiz).orderBy(quiz.id))).toEqual(strip(quizzes));
	});
});
