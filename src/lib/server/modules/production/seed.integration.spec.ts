import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { production } from './index';
import { makeUser } from './testing';
import { material, stockMovement } from './schema';
import * as q from './queries';

/** The demo network of the demo seed: labelled demo, consistent (stock, counters, balance), openable. */

let db: TestDb;
const NET = 'demo-production-kg';

beforeAll(async () => {
	db = await createTestDb({ seed: true, demo: true });
});
afterAll(async () => {
	await db?.close();
});

describe('the production demo seed', () => {
	it('gives the demo organization’s staff a demo network with makers, patterns, materials, an order and reports', async () => {
		await makeUser(db.handle.db, 'demo-staff');
		const staff = db.ctx({
			actor: actor(
				'demo-staff',
				[],
				[
					{
						organizationId: 'demo-org-kg-artisans',
						organizationKind: 'business_association',
						country: 'KG',
						role: 'staff'
					}
				]
			),
			locale: 'ru'
		});
		const { network } = await production.getNetwork(staff, NET);
		expect(network.demo).toBe(true);
		expect(network.name).toContain('demo');
		const makers = await production.listMakers(staff, NET);
		expect(makers).toHaveLength(5);
		expect(makers.every((m) => m.demo && m.name.includes('Demo') && m.phone === null)).toBe(true);
		expect((await production.listPatterns(staff, NET)).length).toBe(2);
		const orders = await production.listOrders(staff, NET);
		expect(orders).toHaveLength(1);
		expect(orders[0]).toMatchObject({ quantity: 30, assigned: 30, accepted: 4 });
		const queue = await production.listQueue(staff, NET, { status: 'pending' });
		expect(queue.total).toBe(3);
		expect(queue.reports).toHaveLength(3);
		// the running balance equals the sum of her entries
		const bal = await q.balanceOf(db.handle.db, 'demo-maker-1');
		expect(bal!.balanceMinor).toBe(40000);
		expect((await q.summedBalance(db.handle.db, 'demo-maker-1')).total).toBe(40000);
		// every unit on hand is explained by the movements
		for (const m of await db.handle.db.select().from(material).where(eq(material.networkId, NET))) {
			const [{ sum }] = await db.handle.db
				.select({ sum: sql<number>`coalesce(sum(${stockMovement.delta}), 0)::int` })
				.from(stockMovement)
				.where(eq(stockMovement.materialId, m.id));
			expect(m.onHand, m.name).toBe(sum);
			expect(m.onHand).toBeGreaterThanOrEqual(0);
		}
		// someone else: not found
		await makeUser(db.handle.db, 'stranger');
		await expect(production.getNetwork(db.ctx({ actor: actor('stranger') }), NET)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});
});
