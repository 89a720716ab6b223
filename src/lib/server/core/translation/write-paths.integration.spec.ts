import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { entitiesOf, statusOf, type I18nText } from '#lib/server/core';
import {
	agenda,
	coalition,
	indicator,
	result,
	organization,
	program,
	recommendation,
	timelineEntry
} from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';
import { accounts } from '#lib/server/modules/accounts';
import { programs } from '#lib/server/modules/programs';
import { coalitions } from '#lib/server/modules/coalitions';
import { care } from '#lib/server/modules/care';
import { learning } from '#lib/server/modules/learning';
import { impact } from '#lib/server/modules/impact';

/**
 * Every save path of every translatable entity keeps the marks of the languages it did not change
 * and records the changed one as reviewed by the person who saved it (issue 18). A new entity in a
 * module's `translatable` fails the first test until it has its case here.
 */
const NOW = new Date('2026-12-01T13:00:00Z');
let db: TestDb;
const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);
const coordinator = actor('coord-kg', [
	{ role: 'coalition_coordinator', country: 'KG', organizationId: null }
]);

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

/** A text as a form sends it: every language's text, no marks. */
const plain = (t: I18nText) =>
	Object.fromEntries(Object.entries(t).filter(([k]) => !k.startsWith('$'))) as Record<string, string>;

/** After an edit of `ru`: ky keeps its machine-draft mark, ru is reviewed by the editor. */
function expectCarried(text: I18nText, by: string) {
	expect(statusOf(text, 'ky')).toBe('machine-draft');
	expect(text.$p?.ru).toMatchObject({ status: 'reviewed', by, at: NOW.toISOString() });
	expect(text.$p?.ru?.sourceHash).toMatch(/^[0-9a-f]{16}$/);
}

/** A new record's text: the language she wrote in is the source, the others are hers, reviewed. */
function expectAuthored(text: I18nText, src: string, by: string) {
	expect(text.$src).toBe(src);
	expect(statusOf(text, src as 'en')).toBe('source');
	for (const l of Object.keys(plain(text))) if (l !== src) expect(text.$p?.[l as 'ru']?.by).toBe(by);
}

/** A quiz as its editor sends it back: every text as stored, nothing changed unless `edit` does. */
function quizForm(z: {
	slug: string;
	title: I18nText;
	questions: {
		id: string;
		kind: string;
		prompt: I18nText;
		answer?: number;
		tolerance?: number;
		options?: { id: string; correct: boolean; text: I18nText }[];
	}[];
}) {
	return {
		slug: z.slug,
		title: plain(z.title),
		passPercent: '',
		questions: z.questions.map((x) => ({
			id: x.id,
			kind: x.kind,
			prompt: plain(x.prompt),
			answer: x.answer === undefined ? '' : String(x.answer),
			tolerance: x.tolerance === undefined ? '' : String(x.tolerance),
			options: (x.options ?? []).map((o) => ({ id: o.id, text: plain(o.text), correct: o.correct }))
		}))
	};
}

const CASES: Record<string, () => Promise<void>> = {
	async 'programs.program'() {
		const slug = 'kg-msme-interest-free-loans';
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { program: input } = await programs.programForEdit(ctx, slug);
		const [before] = await db.handle.db.select().from(program).where(eq(program.slug, slug));
		expect(statusOf(before.title, 'ky')).toBe('machine-draft');
		await programs.updateProgram(ctx, slug, {
			...input,
			title: { ...plain(before.title), ru: `${before.title.ru} (правка)` },
			summary: plain(before.summary)
		});
		const [after] = await db.handle.db.select().from(program).where(eq(program.slug, slug));
		expectCarried(after.title, 'admin-1');
		expect(after.summary).toEqual(before.summary);
	},
	async 'care.service'() {
		// No service edits a help entry's texts; its one write path is the reseed, which keeps them.
		const [before] = await care.findServices(db.ctx({ locale: 'ky', now: NOW }));
		expect(before.name.draft).toBe(true);
		const seed = MODULES.flatMap((m) => m.seeds ?? []).find((s) => s.name === 'care.services')!;
		await seed.run(db.ctx({ now: NOW }));
		const [after] = await care.findServices(db.ctx({ locale: 'ky', now: NOW }));
		expect(after.name).toEqual(before.name);
	},
	async 'coalitions.coalition'() {
		const [c] = await db.handle.db.select().from(coalition).where(eq(coalition.slug, 'kg'));
		expect(c.name.$p).toBeTruthy();
		const profile: I18nText = {
			en: 'Profile',
			ky: 'Профиль (ky)',
			$src: 'en',
			$p: { ky: { status: 'machine-draft', by: null } }
		};
		await db.handle.db.update(coalition).set({ profile }).where(eq(coalition.id, c.id));
		const ctx = db.ctx({ actor: coordinator, now: NOW });
		await coalitions.updateProfile(ctx, 'kg', { profile: { ...plain(profile), ru: 'Профиль' } });
		const [after] = await db.handle.db.select().from(coalition).where(eq(coalition.slug, 'kg'));
		expectCarried(after.profile, 'coord-kg');
		expect(after.name).toEqual(c.name);
		// A new coalition's name and profile: written in her language.
		await coalitions.createCoalition(db.ctx({ actor: admin, now: NOW, locale: 'ru' }), {
			slug: 'kg-2',
			country: 'KG',
			name: { ru: 'Вторая коалиция', en: 'Second coalition' },
			profile: {}
		});
		const [added] = await db.handle.db.select().from(coalition).where(eq(coalition.slug, 'kg-2'));
		expectAuthored(added.name, 'ru', 'admin-1');
	},
	async 'coalitions.recommendation'() {
		const ctx = db.ctx({ actor: coordinator, now: NOW, locale: 'en' });
		const { id } = await coalitions.createRecommendation(ctx, 'kg', {
			barrier: 'finance',
			title: { en: 'Lower collateral' }
		} as never);
		const [created] = await db.handle.db.select().from(recommendation).where(eq(recommendation.id, id));
		expectAuthored(created.title, 'en', 'coord-kg');
		const title: I18nText = {
			...created.title,
			ky: 'Күрөөнү азайтуу',
			$p: { ky: { status: 'machine-draft', by: null } }
		};
		await db.handle.db.update(recommendation).set({ title }).where(eq(recommendation.id, id));
		await coalitions.updateRecommendationText(ctx, 'kg', {
			recommendationId: id,
			title: { ...plain(title), ru: 'Снизить залог' },
			text: {}
		});
		const [after] = await db.handle.db.select().from(recommendation).where(eq(recommendation.id, id));
		expectCarried(after.title, 'coord-kg');
	},
	async 'coalitions.agenda'() {
		// Agendas are created, never renamed: the title is hers, in the language she wrote.
		const ctx = db.ctx({ actor: coordinator, now: NOW, locale: 'ky' });
		const { id } = await coalitions.createAgenda(ctx, 'kg', { title: { ky: 'Күн тартиби', en: 'Agenda' } });
		const [row] = await db.handle.db.select().from(agenda).where(eq(agenda.id, id));
		expectAuthored(row.title, 'ky', 'coord-kg');
	},
	async 'coalitions.timeline'() {
		// Append-only: a new entry's note records its source; earlier entries' translations stay beside them.
		const ctx = db.ctx({ actor: coordinator, now: NOW, locale: 'en' });
		const { id } = await coalitions.createRecommendation(ctx, 'kg', {
			barrier: 'finance',
			title: { en: 'Timeline case' }
		} as never);
		await coalitions.recordStatus(ctx, 'kg', {
			recommendationId: id,
			date: '2026-11',
			status: 'submitted',
			note: { en: 'Sent to the ministry' }
		} as never);
		const entries = await db.handle.db
			.select()
			.from(timelineEntry)
			.where(eq(timelineEntry.recommendationId, id));
		expect(entries.find((e) => e.status === 'submitted')?.note).toMatchObject({ $src: 'en' });
		const kg = await coalitions.getCoalition(db.ctx({ locale: 'ky', now: NOW }), 'kg');
		const seeded = kg.items.flatMap((i) => i.timeline).find((e) => e.id === 'kg-reported-1-entry-1');
		expect(seeded?.note.draft).toBe(true);
	},
	async 'learning.course'() {
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { course: before } = await learning.editableCourse(ctx, 'business-money');
		expect(statusOf(before.title, 'ky')).toBe('machine-draft');
		await learning.updateCourse(ctx, 'business-money', {
			level: before.level,
			passPercent: before.passPercent,
			title: { ...plain(before.title), ru: `${before.title.ru} (правка)` },
			summary: plain(before.summary)
		});
		const { course: after } = await learning.editableCourse(ctx, 'business-money');
		expectCarried(after.title, 'admin-1');
		expect(after.summary).toEqual(before.summary);
		// The module's own status map follows: her Russian is checked, the Kyrgyz draft stays one.
		expect(after.status.title).toMatchObject({ ru: 'reviewed', ky: 'machine-draft' });
	},
	async 'learning.module'() {
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { modules } = await learning.editableCourse(ctx, 'pricing-handmade');
		const m = modules[0];
		expect(statusOf(m.title, 'ky')).toBe('machine-draft');
		await learning.editOutline(ctx, 'pricing-handmade', {
			op: 'rename-module',
			module: m.id,
			title: { ...plain(m.title), ru: 'Первый модуль' }
		});
		const { modules: after } = await learning.editableCourse(ctx, 'pricing-handmade');
		expectCarried(after[0].title, 'admin-1');
	},
	async 'learning.lesson'() {
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { lessons } = await learning.editableCourse(ctx, 'business-money');
		const l = lessons[0];
		expect(statusOf(l.body, 'ky')).toBe('machine-draft');
		await learning.saveLesson(ctx, 'business-money', l.slug, {
			slug: l.slug,
			minutes: l.minutes,
			title: plain(l.title),
			body: { ...plain(l.body), ru: `${l.body.ru}\n\nПравка.` }
		});
		const { lessons: after, course } = await learning.editableCourse(ctx, 'business-money');
		expectCarried(after[0].body, 'admin-1');
		expect(after[0].title).toEqual(l.title);
		expect(course.status[`lesson:${l.slug}`]).toMatchObject({ ru: 'reviewed', ky: 'machine-draft' });
		const view = await learning.lessonView(db.ctx({ locale: 'ru', now: NOW }), 'business-money', l.slug);
		expect(view.status).toBe('reviewed');
	},
	async 'learning.quiz'() {
		const ctx = db.ctx({ actor: admin, now: NOW });
		const { quizzes, lessons } = await learning.editableCourse(ctx, 'business-money');
		const z = quizzes[0];
		const lessonSlug = lessons.find((l) => l.id === z.lessonId)!.slug;
		expect(statusOf(z.questions[0].prompt, 'ky')).toBe('machine-draft');
		// Saved as it is: nothing changes, not even the version (learners' attempts stay current).
		await learning.saveQuiz(ctx, 'business-money', lessonSlug, z.slug, quizForm(z));
		const { quizzes: same } = await learning.editableCourse(ctx, 'business-money');
		expect(same[0].version).toBe(z.version);
		expect(same[0].questions).toEqual(z.questions);
		const form = quizForm(z);
		form.questions[0].prompt.ru = `${form.questions[0].prompt.ru} (правка)`;
		form.title.ru = `${form.title.ru} (правка)`;
		await learning.saveQuiz(ctx, 'business-money', lessonSlug, z.slug, form);
		const { quizzes: after, course } = await learning.editableCourse(ctx, 'business-money');
		expectCarried(after[0].questions[0].prompt, 'admin-1');
		expectCarried(after[0].title, 'admin-1');
		expect(after[0].questions[1]).toEqual(z.questions[1]);
		expect(statusOf(after[0].questions[0].options![0].text, 'ky')).toBe('machine-draft');
		// The seed's key of the quiz in the status map is the one that changes.
		expect(course.status[`quiz:${z.slug}.json`]).toMatchObject({ ky: 'machine-draft' });
		expect(course.status[`quiz:${z.slug}`]).toBeUndefined();
	},
	async 'impact.result'() {
		const ctx = db.ctx({ actor: coordinator, now: NOW, locale: 'ru' });
		const { id } = await impact.createResult(ctx, {
			title: { ru: 'Женщины ведут учёт', en: 'Women keep books' }
		});
		const [row] = await db.handle.db.select().from(result).where(eq(result.id, id));
		expectAuthored(row.title, 'ru', 'coord-kg');
	},
	async 'impact.indicator'() {
		const ctx = db.ctx({ actor: coordinator, now: NOW, locale: 'ky' });
		const { id: resultId } = await impact.createResult(ctx, { title: { ky: 'Натыйжа' } });
		const { id } = await impact.createIndicator(ctx, {
			resultId,
			title: { ky: 'Окутулган аялдар', en: 'Women trained' },
			definition: { ky: 'Курсту бүтүргөн аялдар', ru: 'Женщины, окончившие курс' },
			unit: 'people',
			numericType: 'integer',
			direction: 'increase'
		});
		const [row] = await db.handle.db.select().from(indicator).where(eq(indicator.id, id));
		expectAuthored(row.title, 'ky', 'coord-kg');
		expectAuthored(row.definition, 'ky', 'coord-kg');
	},
	async 'accounts.organization'() {
		// Organizations are created, never renamed: the name is hers, in the language she wrote.
		const created = await accounts.createOrganization(db.ctx({ actor: admin, now: NOW, locale: 'ru' }), {
			slug: 'kg-assoc-write-paths',
			kind: 'business_association',
			name: { ru: 'Ассоциация', en: 'Association' },
			country: 'KG'
		});
		const [row] = await db.handle.db.select().from(organization).where(eq(organization.id, created.id));
		expectAuthored(row.name, 'ru', 'admin-1');
	}
};

/**
 * Entities whose save paths do not carry provenance yet, named so that they are not forgotten (none
 * now: learning's and impact's write paths carry the marks since issue 18). The fix for a new one is
 * `carryProvenance(previous, next, { by, at, locale })` or `authoredText` in the module's service.
 */
const GAPS: Record<string, string> = {};

/**
 * Entities no module form writes: their texts come from a reference seed (which keeps every text a
 * person reviewed) and change only through the translation workspace, whose review is tested there.
 */
const SEED_ONLY: Record<string, string> = {
	'coalitions.initiative': 'the initiative row is written only by the coalitions reference seed',
	'coalitions.source': 'sources are written only by the coalitions reference seed',
	'shops.category': 'the category taxonomy is written only by its seed (seed/shops/categories.json)'
};

describe('save paths keep the translations’ marks', () => {
	it('has a case (or a named gap) for every translatable entity', () => {
		expect([...Object.keys(CASES), ...Object.keys(GAPS), ...Object.keys(SEED_ONLY)].sort()).toEqual(
			entitiesOf(MODULES)
				.map((e) => e.entity)
				.sort()
		);
	});
	for (const [entity, run] of Object.entries(CASES)) it(entity, run);
});
