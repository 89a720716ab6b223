import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { AppError, type Actor } from '#lib/server/core';
import { shops } from '../shops';
import { production } from './index';
import { makeUser } from './testing';

/**
 * The shops stock link: accepted pieces of an order linked to a shop product raise its stock in the
 * acceptance's transaction, exactly once (two coordinators accepting at once included); only a product of
 * a shop the coordinator runs, sold from stock, can be linked.
 */

let db: TestDb;
let coord: Actor;
let coord2: Actor;
let stranger: Actor;
let makerUser: Actor;
let net: string;
let patternId: string;
let makerId: string;
let ownProduct: string;
let foreignProduct: string;
let madeToOrder: string;
const NOW = new Date('2026-11-20T08:00:00Z');
const ctx = (a: Actor) => db.ctx({ actor: a, now: NOW, locale: 'en' });

const shopInput = (slug: string) => ({
	slug,
	name: { ky: 'Кийиз үй', ru: 'Войлочный дом' },
	story: { ky: 'Кийиз басабыз.' },
	country: 'KG',
	region: 'KG-Y',
	crafts: { ky: 'кийиз' },
	delivery: ['pickup'],
	languages: ['ky']
});
const productInput = (slug: string, availability: 'in_stock' | 'made_to_order') => ({
	slug,
	title: { ky: 'Кийиз тапочка', ru: 'Войлочные тапочки' },
	description: { ky: 'Жылуу.' },
	category: 'felt',
	materials: { ky: 'жүн' },
	priceMinor: 150000,
	availability,
	quantity: availability === 'in_stock' ? 2 : undefined,
	leadTimeDays: availability === 'made_to_order' ? 7 : undefined,
	variants: []
});

// The shops tables are read with plain SQL: this module reaches shops only through its index.ts.
async function productId(slug: string) {
	const rows = rowsOf<{ id: string }>(
		await db.handle.db.execute(sql`select id from shops_product where slug = ${slug}`)
	);
	expect(rows, slug).toHaveLength(1);
	return rows[0].id;
}
const quantityOf = async (id: string) =>
	rowsOf<{ quantity: number | null }>(
		await db.handle.db.execute(sql`select quantity from shops_product where id = ${id}`)
	)[0].quantity;
const setAvailability = async (id: string, availability: string) =>
	db.handle.db.execute(sql`update shops_product set availability = ${availability} where id = ${id}`);

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	const d = db.handle.db;
	coord = await makeUser(d, 'stock-coord');
	coord2 = await makeUser(d, 'stock-coord-2');
	stranger = await makeUser(d, 'stock-stranger');
	makerUser = await makeUser(d, 'stock-maker');
	await shops.createShop(ctx(coord), shopInput('coord-felt'));
	await shops.createProduct(ctx(coord), 'coord-felt', productInput('slippers', 'in_stock'));
	await shops.createProduct(ctx(coord), 'coord-felt', productInput('to-order', 'made_to_order'));
	await shops.createShop(ctx(stranger), shopInput('stranger-felt'));
	await shops.createProduct(ctx(stranger), 'stranger-felt', productInput('their-slippers', 'in_stock'));
	ownProduct = await productId('slippers');
	madeToOrder = await productId('to-order');
	foreignProduct = await productId('their-slippers');

	net = (await production.createNetwork(ctx(coord), { name: 'Stock link', country: 'KG' })).id;
	await production.addCoCoordinator(ctx(coord), net, { email: 'stock-coord-2@example.test' });
	patternId = (
		await production.createPattern(ctx(coord), net, {
			title: { en: 'Slippers' },
			difficulty: 'easy',
			minutesPerPiece: 60,
			defaultRateMinor: 5000
		})
	).id;
	const { code } = await production.createInvitation(ctx(coord), net);
	makerId = (await production.joinWithCode(ctx(makerUser), { code, name: 'Aizada', consent: true })).makerId;
});

afterAll(async () => {
	await db?.close();
});

async function orderLinkedTo(ref: string | undefined, quantity = 10) {
	return production.createOrder(ctx(coord), net, {
		patternId,
		quantity: String(quantity),
		dueDate: '2026-12-20',
		shopProductRef: ref,
		assignments: [{ makerId, quantity: String(quantity) }]
	});
}

async function report(orderId: string, pieces: number) {
	const o = await production.getOrder(ctx(coord), net, orderId);
	return production.reportPieces(ctx(makerUser), { assignmentId: o.assignments[0].id, pieces });
}

describe('the shops stock link', () => {
	it('lists only in-stock products of the shops she runs', async () => {
		const list = await production.linkableShopProducts(ctx(coord), net);
		expect(list.map((p) => p.id)).toEqual([ownProduct]);
		expect(list[0].quantity).toBe(2);
		// a coordinator of another network cannot list through this one
		const e = await production.linkableShopProducts(ctx(stranger), net).catch((x) => x);
		expect((e as AppError).code).toBe('NOT_FOUND');
	});

	it('refuses a product of a shop she does not run, or one made to order, and records nothing', async () => {
		const before = (await production.listOrders(ctx(coord), net)).length;
		for (const ref of [foreignProduct, madeToOrder, 'no-such-product']) {
			const e = await orderLinkedTo(ref).catch((x) => x);
			expect(e, ref).toBeInstanceOf(AppError);
			expect((e as AppError).code).toBe('INVALID');
			expect(Object.keys((e as AppError).fields)).toEqual(['shopProductRef']);
		}
		expect((await production.listOrders(ctx(coord), net)).length).toBe(before);
		expect(await quantityOf(foreignProduct)).toBe(2);
	});

	it('raises the stock by the accepted pieces, in the acceptance, once', async () => {
		const { id: orderId } = await orderLinkedTo(ownProduct);
		expect((await production.getOrder(ctx(coord), net, orderId)).shopProduct).toEqual({
			id: ownProduct,
			title: 'Войлочные тапочки'
		});
		const r1 = await report(orderId, 5);
		// four of five pass the check: four reach the shop
		const res = await production.reviewReports(ctx(coord), net, {
			reportIds: [r1.id],
			decision: 'accept',
			acceptPieces: '4',
			reason: 'one seam open'
		});
		expect(res.shopStockAdded).toBe(4);
		expect(await quantityOf(ownProduct)).toBe(6);
		// accepting it again changes nothing
		const again = await production.reviewReports(ctx(coord2), net, {
			reportIds: [r1.id],
			decision: 'accept'
		});
		expect(again).toMatchObject({ done: 0, skipped: 1, shopStockAdded: 0 });
		expect(await quantityOf(ownProduct)).toBe(6);
		// a rejected report adds nothing
		const r2 = await report(orderId, 2);
		await production.reviewReports(ctx(coord), net, {
			reportIds: [r2.id],
			decision: 'reject',
			reason: 'wet'
		});
		expect(await quantityOf(ownProduct)).toBe(6);
	});

	it('two coordinators accepting the same report at once raise it once', async () => {
		const { id: orderId } = await orderLinkedTo(ownProduct, 3);
		const r = await report(orderId, 3);
		const before = (await quantityOf(ownProduct))!;
		const results = await Promise.all([
			production.reviewReports(ctx(coord), net, { reportIds: [r.id], decision: 'accept' }),
			production.reviewReports(ctx(coord2), net, { reportIds: [r.id], decision: 'accept' })
		]);
		expect(results.map((x) => x.shopStockAdded).sort()).toEqual([0, 3]);
		expect(await quantityOf(ownProduct)).toBe(before + 3);
		const audits = await db.handle.db.execute(
			sql`select count(*)::int as n from core_audit_log where action = 'shops.product.stock_added' and after->'source'->>'ref' = ${r.id}`
		);
		expect(Number(rowsOf<{ n: number }>(audits)[0].n)).toBe(1);
	});

	it('when the product stops being sold from stock, acceptance still earns and adds no stock', async () => {
		const { id: orderId } = await orderLinkedTo(ownProduct, 2);
		const r = await report(orderId, 2);
		await setAvailability(ownProduct, 'made_to_order');
		const res = await production.reviewReports(ctx(coord), net, { reportIds: [r.id], decision: 'accept' });
		expect(res).toMatchObject({ done: 1, shopStockAdded: 0, shopStockMissed: 1 });
		expect(res.earnedMinor).toBe(10000);
		expect((await production.getOrder(ctx(coord), net, orderId)).shopProduct?.title).toBe(
			'Войлочные тапочки'
		);
		await setAvailability(ownProduct, 'in_stock');
	});
});
