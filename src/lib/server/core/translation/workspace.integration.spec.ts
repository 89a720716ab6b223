import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import {
	exportTranslations,
	importTranslations,
	parseXliff,
	reviewTranslation,
	statusOf,
	translationField,
	translationQueue,
	translationsDueForReview
} from '#lib/server/core';
import { careService, translationEvent } from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';

const NOW = new Date('2026-12-01T11:00:00Z');
let db: TestDb;
const kyTranslator = actor('tr-ky', [
	{ role: 'translator', country: null, organizationId: null, locale: 'ky' }
]);
const entrepreneur = actor('woman-1');
const field = { entity: 'care.service', id: 'kg-102-police', field: 'name' };

beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('the translation workspace', () => {
	it('is for translators of the locale only', async () => {
		await expect(translationQueue(db.ctx({ now: NOW }), MODULES, { locale: 'ky' })).rejects.toMatchObject({
			code: 'UNAUTHENTICATED'
		});
		await expect(
			translationQueue(db.ctx({ actor: entrepreneur, now: NOW }), MODULES, { locale: 'ky' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			reviewTranslation(db.ctx({ actor: kyTranslator, now: NOW }), MODULES, { ...field, locale: 'tg' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			exportTranslations(db.ctx({ actor: kyTranslator, now: NOW }), MODULES, {
				locale: 'kk',
				format: 'xliff'
			})
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const [row] = await db.handle.db.select().from(careService).where(eq(careService.id, 'kg-102-police'));
		expect(statusOf(row.name, 'tg')).toBe('machine-draft');
	});

	it('lists what waits per module and locale, with counts', async () => {
		const q = await translationQueue(db.ctx({ actor: kyTranslator, now: NOW }), MODULES, { locale: 'ky' });
		expect(q.locales).toEqual(['ky']);
		const care = q.counts.find((c) => c.entity === 'care.service' && c.locale === 'ky')!;
		expect(care.draft).toBeGreaterThan(10);
		expect(
			q.items.some((i) => i.id === 'kg-102-police' && i.field === 'name' && i.state === 'machine-draft')
		).toBe(true);
	});

	it('marks a field reviewed, then corrected, keeping every change in an append-only history', async () => {
		const ctx = db.ctx({ actor: kyTranslator, now: NOW });
		const before = await translationField(ctx, MODULES, { ...field, locale: 'ky' });
		expect(before.state).toBe('machine-draft');
		expect(before.sourceLocale).toBe('en');
		await reviewTranslation(ctx, MODULES, { ...field, locale: 'ky', text: before.target });
		await reviewTranslation(ctx, MODULES, { ...field, locale: 'ky', text: '102 – милиция (текшерилди)' });
		const after = await translationField(ctx, MODULES, { ...field, locale: 'ky' });
		expect(after.state).toBe('reviewed');
		expect(after.provenance).toMatchObject({ status: 'reviewed', by: 'tr-ky', at: NOW.toISOString() });
		expect(after.history.map((h) => h.action)).toEqual(['edit', 'review']);
		const list = await db.handle.db.select().from(translationEvent);
		await expect(db.handle.db.execute(sql`update core_translation_event set after = 'x'`)).rejects.toThrow();
		await expect(db.handle.db.execute(sql`delete from core_translation_event`)).rejects.toThrow();
		expect((await db.handle.db.select().from(translationEvent)).length).toBe(list.length);
		// The Kyrgyz directory shows the reviewed text without the machine-draft mark.
		const { care } = await import('#lib/server/modules/care');
		const kg = await care.findServices(db.ctx({ locale: 'ky', now: NOW }), { country: 'KG', kind: 'police' });
		expect(kg[0].name).toMatchObject({ text: '102 – милиция (текшерилди)', draft: false });
	});

	it('puts a review whose source changed since in the staleness queue', async () => {
		const [row] = await db.handle.db.select().from(careService).where(eq(careService.id, 'kg-102-police'));
		await db.handle.db
			.update(careService)
			.set({ name: { ...row.name, en: `${row.name.en} (renamed)` } })
			.where(eq(careService.id, 'kg-102-police'));
		const due = await translationsDueForReview(db.ctx({ actor: kyTranslator, now: NOW }), MODULES);
		expect(due.map((d) => d.id)).toContain('care.service|kg-102-police|name|ky');
		expect(due[0].reason).toBe('translation_source_changed');
		expect(await translationsDueForReview(db.ctx({ actor: entrepreneur, now: NOW }), MODULES)).toEqual([]);
		await db.handle.db.update(careService).set({ name: row.name }).where(eq(careService.id, 'kg-102-police'));
	});

	it('round-trips XLIFF 1.2: export, edit offline, dry run, import all or nothing', async () => {
		const ctx = db.ctx({ actor: kyTranslator, now: NOW });
		const file = await exportTranslations(ctx, MODULES, { locale: 'ky', format: 'xliff' });
		expect(file.body).toContain('<xliff version="1.2"');
		const units = parseXliff(file.body);
		expect(units.length).toBeGreaterThan(50);
		const unit = units.find((u) => u.id === 'care.service|kg-117-domestic-violence-line|name')!;
		expect(unit.targetLocale).toBe('ky');
		const edited = file.body.replace(
			`<target state="needs-review-translation">${unit.target.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</target>`,
			'<target state="translated">117 – үй-бүлөлүк зомбулук боюнча линия &amp; кеңеш</target>'
		);
		expect(edited).not.toBe(file.body);
		const dry = await importTranslations(ctx, MODULES, {
			locale: 'ky',
			format: 'xliff',
			content: edited,
			dryRun: true
		});
		expect(dry).toMatchObject({ applied: false, changed: 1, errors: [] });
		expect(statusOf(await nameOf('kg-117-domestic-violence-line'), 'ky')).toBe('machine-draft');
		// One bad unit: nothing is imported.
		const broken = edited.replace('id="care.service|kg-102-police|name"', 'id="care.service|no-such|name"');
		const refused = await importTranslations(ctx, MODULES, {
			locale: 'ky',
			format: 'xliff',
			content: broken,
			dryRun: false
		});
		expect(refused.applied).toBe(false);
		expect(refused.errors).toEqual([{ id: 'care.service|no-such|name', problem: 'unknown' }]);
		expect(statusOf(await nameOf('kg-117-domestic-violence-line'), 'ky')).toBe('machine-draft');
		const done = await importTranslations(ctx, MODULES, {
			locale: 'ky',
			format: 'xliff',
			content: edited,
			dryRun: false
		});
		expect(done).toMatchObject({ applied: true, changed: 1 });
		const name = await nameOf('kg-117-domestic-violence-line');
		expect(name.ky).toBe('117 – үй-бүлөлүк зомбулук боюнча линия & кеңеш');
		expect(statusOf(name, 'ky')).toBe('reviewed');
		// Exported again, the unit carries the imported text as final.
		const again = parseXliff(
			(await exportTranslations(ctx, MODULES, { locale: 'ky', format: 'xliff' })).body
		);
		expect(again.find((u) => u.id === unit.id)?.target).toBe(name.ky);
		// CSV too.
		const csv = await exportTranslations(ctx, MODULES, { locale: 'ky', format: 'csv' });
		const csvDry = await importTranslations(ctx, MODULES, {
			locale: 'ky',
			format: 'csv',
			content: csv.body,
			dryRun: true
		});
		expect(csvDry.errors).toEqual([]);
		expect(csvDry.changed).toBe(0);
	});
});

async function nameOf(id: string) {
	const [row] = await db.handle.db.select().from(careService).where(eq(careService.id, id));
	return row.name;
}
