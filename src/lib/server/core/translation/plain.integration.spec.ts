import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { reviewTranslation, translationField, translationQueue, unitsOf } from '#lib/server/core';
import { fieldText, program, timelineEntry } from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';
import { programs, programsModule } from '#lib/server/modules/programs';
import { coalitions } from '#lib/server/modules/coalitions';

/**
 * Plain and nested fields (issue 18): a program's operator and notes, a coalition's figures' notes,
 * timeline notes. The record keeps its text as published; drafts and reviews live beside it.
 */
const NOW = new Date('2026-12-01T12:00:00Z');
const CYRILLIC = /[а-яёөүңқғҳҷӣӯ]/i;
let db: TestDb;
const kyTranslator = actor('tr-ky', [
	{ role: 'translator', country: null, organizationId: null, locale: 'ky' }
]);
const SLUG = 'kg-msme-interest-free-loans';

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('plain and nested fields in her language', () => {
	it('shows a program’s operator and criteria notes in Kyrgyz, marked as machine drafts', async () => {
		const ky = await programs.getProgram(db.ctx({ locale: 'ky', now: NOW }), SLUG);
		expect(ky.operatorText).toMatchObject({ fallback: null, draft: true });
		expect(ky.operatorText!.text).toMatch(CYRILLIC);
		const noted = ky.criteria.find((c) => c.draft);
		expect(noted?.requirement).toMatch(/8 000 000/);
		const en = await programs.getProgram(db.ctx({ locale: 'en', now: NOW }), SLUG);
		expect(en.operatorText?.draft).toBe(false);
		expect(en.criteria.some((c) => c.draft)).toBe(false);
		// The record itself keeps the text as published.
		const [row] = await db.handle.db.select().from(program).where(eq(program.slug, SLUG));
		expect(en.operatorText?.text).toBe(row.operator);
	});

	it('shows a coalition’s figures’ notes and its timeline notes in Tajik, marked as drafts', async () => {
		const kg = await coalitions.getCoalition(db.ctx({ locale: 'tg', now: NOW }), 'kg');
		const notes = kg.reported.map((r) => r.note).filter((n) => n !== null);
		expect(notes.length).toBeGreaterThan(0);
		for (const n of notes) expect(n).toMatchObject({ fallbackLocale: null, draft: true });
		expect(notes[0]!.text).toMatch(CYRILLIC);
		const entries = kg.items.flatMap((i) => i.timeline).filter((e) => !e.id.startsWith('demo'));
		const seeded = entries.find((e) => e.id === 'kg-reported-1-entry-1')!;
		expect(seeded.note).toMatchObject({ fallbackLocale: null, draft: true });
		expect(seeded.note.text).toMatch(CYRILLIC);
		// The append-only entry itself is untouched: only its English text.
		const [row] = await db.handle.db
			.select()
			.from(timelineEntry)
			.where(eq(timelineEntry.id, 'kg-reported-1-entry-1'));
		expect(Object.keys(row.note)).toEqual(['en']);
	});

	it('lists them in the workspace and the exports, and a review there removes the draft mark', async () => {
		const ctx = db.ctx({ actor: kyTranslator, locale: 'ky', now: NOW });
		const queue = await translationQueue(ctx, MODULES, { locale: 'ky', limit: 5000 });
		const fields = new Set(queue.items.map((i) => `${i.entity}:${i.field.replace(/\d+/g, 'N')}`));
		for (const f of [
			'programs.program:operator',
			'programs.program:criteria.N.note',
			'coalitions.coalition:reported.N.note',
			'coalitions.timeline:note'
		])
			expect(fields, f).toContain(f);
		const units = await unitsOf(ctx, MODULES, 'ky');
		const [p] = await db.handle.db.select().from(program).where(eq(program.slug, SLUG));
		expect(units.map((u) => u.id)).toContain(`programs.program|${p.id}|operator`);

		const input = { entity: 'programs.program', id: p.id, field: 'operator', locale: 'ky' };
		const before = await translationField(ctx, MODULES, input);
		expect(before).toMatchObject({ state: 'machine-draft', sourceLocale: 'en', source: p.operator });
		await reviewTranslation(ctx, MODULES, { ...input, text: `${before.target} (текшерилди)` });
		const after = await translationField(ctx, MODULES, input);
		expect(after.state).toBe('reviewed');
		expect(after.history[0]).toMatchObject({ action: 'edit', by: 'tr-ky' });
		const page = await programs.getProgram(db.ctx({ locale: 'ky', now: NOW }), SLUG);
		expect(page.operatorText).toMatchObject({ draft: false, text: `${before.target} (текшерилди)` });

		// A later run of the drafts seed keeps her text.
		const seed = programsModule.seeds!.find((s) => s.name === 'programs.translations')!;
		await seed.run(db.ctx({ now: NOW }));
		expect((await translationField(ctx, MODULES, input)).target).toBe(`${before.target} (текшерилди)`);
	});

	it('drops a machine draft when the published text changes, and keeps a review (stale)', async () => {
		const [p] = await db.handle.db.select().from(program).where(eq(program.slug, SLUG));
		const noteIndex = p.criteria.findIndex((c) => c.note);
		const criteria = p.criteria.map((c, i) => (i === noteIndex ? { ...c, note: 'rewritten note' } : c));
		await db.handle.db
			.update(program)
			.set({ criteria, operator: `${p.operator} (renamed)` })
			.where(eq(program.id, p.id));
		const ctx = db.ctx({ actor: kyTranslator, locale: 'ky', now: NOW });
		const note = await translationField(ctx, MODULES, {
			entity: 'programs.program',
			id: p.id,
			field: `criteria.${noteIndex}.note`,
			locale: 'ky'
		});
		expect(note).toMatchObject({ state: 'missing', source: 'rewritten note', target: '' });
		const operator = await translationField(ctx, MODULES, {
			entity: 'programs.program',
			id: p.id,
			field: 'operator',
			locale: 'ky'
		});
		expect(operator.state).toBe('stale');
		const page = await programs.getProgram(db.ctx({ locale: 'ky', now: NOW }), SLUG);
		expect(page.criteria[noteIndex]).toMatchObject({ draft: false });
		expect(page.criteria[noteIndex].requirement).toContain('rewritten note');
		const stored = await db.handle.db.select().from(fieldText).where(eq(fieldText.recordId, p.id));
		expect(stored.length).toBeGreaterThan(0);
	});
});
