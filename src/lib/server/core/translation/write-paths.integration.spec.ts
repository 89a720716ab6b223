import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { entitiesOf, statusOf, type I18nText } from '#lib/server/core';
import {
	agenda,
	coalition,
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
 * Entities whose save paths do not carry provenance yet, named so that they are not forgotten: their
 * seeds mark the drafts, but an author's edit rewrites the whole text without the marks. The fix is
 * `carryProvenance(previous, next, { by, at, locale })` in the module's service (learning's
 * `updateCourse` and `saveLesson`; impact's `createResult` and `createIndicator`, `authoredText`).
 */
const GAPS: Record<string, string> = {
	'learning.course': 'learning authoring (updateCourse) keeps its own status map only',
	'learning.module': 'written with the course (updateCourse)',
	'learning.lesson': 'learning authoring (saveLesson) keeps its own status map only',
	'learning.quiz': 'seeded only; no authoring path for its title yet',
	'impact.result': 'createResult stores the text without its source language',
	'impact.indicator': 'createIndicator stores the texts without their source language'
};

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
