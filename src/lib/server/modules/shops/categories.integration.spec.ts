import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import {
	JobRunner,
	jobContext,
	reviewTranslation,
	search,
	translationField,
	translationQueue,
	unitsOf,
	type AnyJob
} from '#lib/server/core';
import { productCategory } from '#lib/server/db/schema';
import { MODULES } from '#lib/server/modules';
import { CATEGORIES, shops, shopsModule } from './index';
import taxonomy from '../../../../../seed/shops/categories.json';

/**
 * Birge's product categories in the database (issue 18): loaded from seed/shops/categories.json into
 * shops_category with a draft mark per name, read from there by the catalogue filter, the product form
 * and the cards, and listed in the translation workspace. Runs on PGlite and, with DATABASE_URL, on
 * PostgreSQL.
 */
const NOW = new Date('2026-12-01T12:00:00Z');
const kyTranslator = actor('tr-ky', [
	{ role: 'translator', country: null, organizationId: null, locale: 'ky' }
]);
const names = Object.fromEntries(taxonomy.categories.map((c) => [c.code, c.name])) as Record<
	string,
	Record<string, string>
>;
let db: TestDb;

beforeAll(async () => {
	db = await createTestDb({ seed: true, demo: true });
});
afterAll(async () => db?.close());

describe('product categories', () => {
	it('are loaded from the taxonomy, in its order, codes unchanged, each name with its source and draft marks', async () => {
		const rows = await db.handle.db.select().from(productCategory).orderBy(asc(productCategory.position));
		expect(rows.map((r) => r.code)).toEqual(taxonomy.categories.map((c) => c.code));
		expect(rows.map((r) => r.code)).toEqual([...CATEGORIES]);
		const felt = rows.find((r) => r.code === 'felt')!;
		expect(felt.name).toMatchObject({ ...names.felt, $src: 'en' });
		expect(felt.name.$p).toEqual({
			ky: { status: 'machine-draft', by: null },
			kk: { status: 'machine-draft', by: null },
			tg: { status: 'machine-draft', by: null },
			uz: { status: 'machine-draft', by: null },
			ru: { status: 'machine-draft', by: null }
		});
	});

	it('are read in her language by the filter and the cards, marked as drafts', async () => {
		const ky = await shops.listCategories(db.ctx({ locale: 'ky', now: NOW }));
		expect(ky.map((c) => c.code)).toEqual([...CATEGORIES]);
		expect(ky.find((c) => c.code === 'felt')).toEqual({
			code: 'felt',
			name: names.felt.ky,
			fallbackLocale: null,
			draft: true
		});
		const en = await shops.listCategories(db.ctx({ locale: 'en', now: NOW }));
		expect(en.find((c) => c.code === 'felt')).toMatchObject({ name: names.felt.en, draft: false });
		const cyrl = await shops.listCategories(db.ctx({ locale: 'uz-Cyrl', now: NOW }));
		expect(cyrl.find((c) => c.code === 'toys')?.name).toBe('Ўйинчоқлар');

		const catalogue = await shops.findProducts(db.ctx({ locale: 'ky', now: NOW }), {});
		expect(catalogue.items.length).toBeGreaterThan(0);
		for (const card of catalogue.items) expect(card.categoryName).toBe(names[card.category].ky);
	});

	it('are listed in the workspace; a reviewed name shows on the cards and survives the seed', async () => {
		const ctx = db.ctx({ actor: kyTranslator, locale: 'ky', now: NOW });
		const queue = await translationQueue(ctx, MODULES, { locale: 'ky', module: 'shops', limit: 5000 });
		const keys = queue.items.filter((i) => i.entity === 'shops.category').map((i) => `${i.key}:${i.field}`);
		expect(keys.sort()).toEqual(CATEGORIES.map((c) => `${c}:name`).sort());
		expect(queue.counts.find((c) => c.entity === 'shops.category' && c.locale === 'ky')).toMatchObject({
			missing: 0,
			draft: CATEGORIES.length
		});
		expect((await unitsOf(ctx, MODULES, 'ky')).map((u) => u.id)).toContain('shops.category|felt|name');

		const input = { entity: 'shops.category', id: 'felt', field: 'name', locale: 'ky' };
		expect(await translationField(ctx, MODULES, input)).toMatchObject({
			state: 'machine-draft',
			source: names.felt.en,
			target: names.felt.ky
		});
		await reviewTranslation(ctx, MODULES, { ...input, text: 'Кийиз буюмдары' });
		const after = await translationField(ctx, MODULES, input);
		expect(after).toMatchObject({ state: 'reviewed', target: 'Кийиз буюмдары' });
		expect(after.history[0]).toMatchObject({ action: 'edit', by: 'tr-ky' });

		const reader = db.ctx({ locale: 'ky', now: NOW });
		expect((await shops.listCategories(reader)).find((c) => c.code === 'felt')).toMatchObject({
			name: 'Кийиз буюмдары',
			draft: false
		});
		const felt = (await shops.findProducts(reader, { category: 'felt' })).items;
		expect(felt.length).toBeGreaterThan(0);
		for (const card of felt) expect(card.categoryName).toBe('Кийиз буюмдары');

		// The seed runs again (a new version of the taxonomy): her name stays, the others' drafts too.
		await shopsModule.seeds!.find((s) => s.name === 'shops.categories')!.run(db.ctx({ now: NOW }));
		expect((await translationField(ctx, MODULES, input)).target).toBe('Кийиз буюмдары');
		const toys = await translationField(ctx, MODULES, { ...input, id: 'toys' });
		expect(toys).toMatchObject({ state: 'machine-draft', target: names.toys.ky });
	});

	it('are searched as stored: a corrected name finds the category products once the reindex job ran', async () => {
		const reader = () => db.ctx({ locale: 'ky', now: NOW });
		const slugs = async (q: string, fresh = false) =>
			(await shops.findProducts(reader(), { q }, { fresh })).items.map((c) => c.slug);
		const oldWord = 'топтомдору';
		expect(names.diy_kits.ky.toLowerCase()).toContain(oldWord);
		expect(await slugs(oldWord, true)).toContain('amigurumi-kit');
		// Nothing has this word yet; the catalogue's page for it is cached (at this version).
		expect(await slugs('Жипчебелек')).toEqual([]);

		const ctx = db.ctx({ actor: kyTranslator, locale: 'ky', now: NOW });
		const input = { entity: 'shops.category', id: 'diy_kits', field: 'name', locale: 'ky' };
		await reviewTranslation(ctx, MODULES, { ...input, text: 'Жипчебелек' });
		await reviewTranslation(ctx, MODULES, { ...input, text: 'Жипчебелек' });
		// A burst of edits queues one run, due after its minute.
		const queued = await db.handle.db.execute(
			sql`select count(*)::int as n from core_job where name = 'shops.reindex-category' and payload->>'category' = 'diy_kits' and state = 'queued'`
		);
		expect(Number((rowsOf<{ n: number }>(queued)[0] ?? { n: 0 }).n)).toBe(1);

		const later = new Date(NOW.getTime() + 5 * 60_000);
		const runner = new JobRunner(
			() => jobContext(db.platform, db.handle.db, () => later),
			shopsModule.jobs as AnyJob[]
		);
		await runner.tick();
		// Found by the corrected word, through the result cache too (the product updates bumped its version).
		expect(await slugs('Жипчебелек')).toContain('amigurumi-kit');
		expect(await slugs('Жипчебелек', true)).toContain('amigurumi-kit');
		// The old name is gone from its search text (its title's "топтому" still finds it, by typo correction).
		const [row] = rowsOf<{ body: string }>(
			await db.handle.db.execute(
				sql`select search_body_other as body from shops_product where slug = 'amigurumi-kit'`
			)
		);
		expect(row.body).toContain(search.foldText('Жипчебелек'));
		expect(row.body).not.toContain(search.foldText(oldWord));
	});
});
