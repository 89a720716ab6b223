import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { shops } from '../index';

/**
 * A maker imports a marketplace dictionary for her own shop (issue 13 §3), on PGlite and PostgreSQL:
 * her re-check is kept for her shop only, another shop's owner cannot import into it, staff see it and
 * may accept it for every shop, and a staff change of the category makes her check stale.
 */
let db: TestDb;
const NOW = new Date('2026-12-01T09:00:00Z');
const SHOP = 'ak-kiyiz-dict';
const OTHER = 'bermet-dict';
const staff = actor('u-staff', [{ role: 'platform_admin', country: null, organizationId: null }]);

// Shaped like Wildberries' `/content/v2/object/charcs/{subjectId}` answer; the ids and names are made up.
const charcs501 = JSON.stringify({
	data: [
		{ charcID: 11, subjectID: 501, name: 'Состав', required: true, maxCount: 3, charcType: 1 },
		{ charcID: 12, subjectID: 501, name: 'Вес товара', required: false, unitName: 'г', charcType: 4 }
	]
});

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-aida', 'u-bermet', 'u-staff'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
});
afterAll(async () => {
	await db?.close();
});

const aida = () => db.ctx({ actor: actor('u-aida'), now: NOW, locale: 'ru' });
const bermet = () => db.ctx({ actor: actor('u-bermet'), now: NOW, locale: 'ru' });
const admin = () => db.ctx({ actor: staff, now: NOW, locale: 'en' });
const felt = (maps: Awaited<ReturnType<typeof shops.categoryMaps>>) =>
	maps.find((e) => e.birgeCategory === 'felt-goods')!.marketplaces.wildberries!;

async function code(p: Promise<unknown>): Promise<string> {
	const e = await p.catch((x) => x);
	expect(e).toBeInstanceOf(AppError);
	return (e as AppError).code;
}

describe('a maker’s own dictionary import', () => {
	beforeAll(async () => {
		const base = { country: 'KG', region: 'KG-C', delivery: ['post'], languages: ['ru'] };
		await shops.createShop(aida(), { slug: SHOP, name: { ru: 'Ак Кийиз' }, ...base });
		await shops.createShop(bermet(), { slug: OTHER, name: { ru: 'Вязание Бермет' }, ...base });
		await shops.editCategoryMap(admin(), {
			birgeCategory: 'felt-goods',
			marketplace: 'wildberries',
			categoryId: 501,
			categoryName: 'Тапочки'
		});
		// A felt product in each shop, listed on Wildberries with the map's category.
		for (const [who, slug] of [
			[aida, SHOP],
			[bermet, OTHER]
		] as const) {
			await shops.createProduct(who(), slug, {
				slug: 'slippers',
				title: { ru: 'Войлочные тапочки ручной работы' },
				description: { ru: 'Из овечьей шерсти.' },
				category: 'felt',
				packageSize: { lengthCm: 30, widthCm: 15, heightCm: 10 },
				weightG: 400,
				priceMinor: 150000,
				availability: 'in_stock',
				quantity: 3
			});
			await shops.saveListing(who(), slug, 'slippers', {
				marketplace: 'wildberries',
				enabled: true,
				currency: 'RUB',
				price: '1500'
			});
		}
	});

	const wbListing = async (who: typeof aida, slug: string) =>
		(await shops.productListings(who(), slug, 'slippers')).listings.find(
			(l) => l.marketplace === 'wildberries'
		)!;

	it('refuses another shop’s owner and a stranger’s file, and changes nothing', async () => {
		expect(
			await code(shops.importShopDictionary(bermet(), SHOP, { marketplace: 'wildberries', json: charcs501 }))
		).toBe('NOT_FOUND');
		expect(
			await code(shops.importShopDictionary(aida(), SHOP, { marketplace: 'wildberries', json: '{"x":1}' }))
		).toBe('INVALID');
		expect(await code(shops.importShopDictionary(aida(), SHOP, { marketplace: 'kaspi', json: '{}' }))).toBe(
			'INVALID'
		);
		const rows = rowsOf(await db.handle.db.execute(sql`select 1 from shops_shop_category_map`));
		expect(rows).toHaveLength(0);
		expect(await code(shops.shopMapChecks(aida()))).toBe('FORBIDDEN');
	});

	it('re-checks the maps for her shop only; staff accept it for every shop', async () => {
		const checks = await shops.importShopDictionary(aida(), SHOP, {
			marketplace: 'wildberries',
			json: charcs501
		});
		const mine = checks.find((c) => c.birgeCategory === 'felt-goods')!;
		expect(mine.result).toBe('checked');
		expect(mine.newRequired).toEqual(['Состав']);
		// The other seeded maps have no id yet: nothing is kept for them.
		expect(checks.find((c) => c.birgeCategory === 'knitted-toys')!.result).toBe('not_mapped');
		const kept = rowsOf<{ birge_category: string; marketplace: string }>(
			await db.handle.db.execute(sql`select birge_category, marketplace from shops_shop_category_map`)
		);
		expect(kept).toEqual([{ birge_category: 'felt-goods', marketplace: 'wildberries' }]);

		// Her validators read her check (the characteristic list it brought); the other shop's do not.
		const hers = await wbListing(aida, SHOP);
		expect(hers.mapVerified).toBe(true);
		expect(hers.attributes.map((a) => a.id)).toEqual([11, 12]);
		expect(hers.problems.map((p) => p.code)).toContain('attribute_required');
		const theirs = await wbListing(bermet, OTHER);
		expect(theirs.mapVerified).toBe(false);
		expect(theirs.attributes).toEqual([]);
		// The platform's map (which every other shop reads) is still unverified.
		expect(felt(await shops.categoryMaps(admin())).status).toBe('unverified');
		const pending = await shops.shopMapChecks(admin());
		expect(pending).toEqual([
			expect.objectContaining({
				shop: 'Ак Кийиз',
				birgeCategory: 'felt-goods',
				marketplace: 'wildberries',
				status: 'checked',
				attributes: 2
			})
		]);

		await shops.acceptShopCategoryMap(admin(), {
			shopId: pending[0].shopId,
			birgeCategory: 'felt-goods',
			marketplace: 'wildberries'
		});
		const accepted = felt(await shops.categoryMaps(admin()));
		expect(accepted.status).toBe('checked');
		expect(accepted.attributes.map((a) => a.id)).toEqual([11, 12]);
		expect(await shops.shopMapChecks(admin())).toEqual([]);
		// Accepted once: a second accept finds nothing to accept.
		expect(
			await code(
				shops.acceptShopCategoryMap(admin(), {
					shopId: pending[0].shopId,
					birgeCategory: 'felt-goods',
					marketplace: 'wildberries'
				})
			)
		).toBe('NOT_FOUND');
		// A maker cannot accept.
		expect(
			await code(
				shops.acceptShopCategoryMap(aida(), {
					shopId: pending[0].shopId,
					birgeCategory: 'felt-goods',
					marketplace: 'wildberries'
				})
			)
		).toBe('FORBIDDEN');
	});

	it('a staff change of the category makes her check stale: not offered, not accepted', async () => {
		await shops.importShopDictionary(aida(), SHOP, { marketplace: 'wildberries', json: charcs501 });
		await shops.editCategoryMap(admin(), {
			birgeCategory: 'felt-goods',
			marketplace: 'wildberries',
			categoryId: 777
		});
		expect(await shops.shopMapChecks(admin())).toEqual([]);
		const [row] = rowsOf<{ shop_id: string }>(
			await db.handle.db.execute(sql`select shop_id from shops_shop_category_map`)
		);
		expect(
			await code(
				shops.acceptShopCategoryMap(admin(), {
					shopId: row.shop_id,
					birgeCategory: 'felt-goods',
					marketplace: 'wildberries'
				})
			)
		).toBe('CONFLICT');
		expect(felt(await shops.categoryMaps(admin())).categoryId).toBe(777);
		// Stale: her shop reads the platform's map again.
		expect((await wbListing(aida, SHOP)).mapVerified).toBe(false);
	});
});
