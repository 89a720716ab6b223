import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { careConfirmation, careService } from '#lib/server/db/schema';
import { applySeedPlan, seedPlan, type SeedService } from './seed';
import data from '../../../../../seed/care-services.json';

/**
 * care-services.json version 2 on a database seeded with version 1 (issue 18 item 6). Version 1 is
 * rebuilt from version 2 by undoing the re-check its "about" lists: KZ 150 published (B, dated), KZ 102
 * in review (C), no TJ 112.
 */
const v2 = data.services as SeedService[];
const v1 = v2
	.filter((s) => s.id !== 'tj-112-emergency-rescue')
	.map((s): SeedService => {
		if (s.id === 'kz-150-helpline')
			return {
				...s,
				confidence: 'B',
				publish: true,
				sources: [{ url: 'https://example.org/2023/08/11/kz-150', note: null }]
			};
		if (s.id === 'kz-102-police') return { ...s, confidence: 'C', publish: false, sources: [s.sources[1]] };
		return s;
	});

const NOW = new Date('2026-12-01T10:00:00Z');
let db: TestDb;
const stateOf = async (id: string) =>
	(await db.handle.db.select().from(careService).where(eq(careService.id, id)))[0];
const historyOf = (id: string) =>
	db.handle.db
		.select()
		.from(careConfirmation)
		.where(eq(careConfirmation.serviceId, id))
		.orderBy(careConfirmation.id);

beforeAll(async () => {
	db = await createTestDb();
	const ctx = db.ctx({ now: new Date('2026-06-01T10:00:00Z') });
	await applySeedPlan(ctx, seedPlan(v1));
	// An editor confirmed KG 102 by calling it, and withdrew UZ 112 (say, the line was down).
	await db.handle.db
		.update(careService)
		.set({
			lastConfirmedOn: '2026-05-20',
			lastConfirmedBy: 'editor-1',
			lastConfirmedMethod: 'called_operator'
		})
		.where(eq(careService.id, 'kg-102-police'));
	await db.handle.db.insert(careConfirmation).values({
		serviceId: 'kg-102-police',
		action: 'confirmed',
		confirmedOn: '2026-05-20',
		method: 'called_operator',
		byUserId: 'editor-1',
		phones: ['102']
	});
	await db.handle.db
		.update(careService)
		.set({ state: 'review', reviewReason: 'care_reason_withdrawn' })
		.where(eq(careService.id, 'uz-112-emergency'));
	await db.handle.db.insert(careConfirmation).values({
		serviceId: 'uz-112-emergency',
		action: 'withdrawn',
		confirmedOn: '2026-05-21',
		byUserId: 'editor-1',
		phones: ['112']
	});
	expect((await stateOf('kz-150-helpline')).state).toBe('published');
	await applySeedPlan(db.ctx({ now: NOW }), seedPlan(v2));
});
afterAll(async () => db?.close());

describe('care-services.json version 2 on an existing database', () => {
	it('adds the Tajik 112 rescue line, published with its dated source', async () => {
		const tj = await stateOf('tj-112-emergency-rescue');
		expect(tj.state).toBe('published');
		expect(tj.phones).toEqual(['112']);
		expect(tj.lastConfirmedMethod).toBe('source');
	});

	it('moves Kazakhstan 150 back to review and records why in its history', async () => {
		const kz = await stateOf('kz-150-helpline');
		expect(kz.state).toBe('review');
		expect(kz.confidence).toBe('C');
		const last = (await historyOf('kz-150-helpline')).at(-1)!;
		expect(last).toMatchObject({ action: 'withdrawn', byUserId: null, method: 'source' });
	});

	it('publishes Kazakhstan 102, now with a dated source', async () => {
		const kz = await stateOf('kz-102-police');
		expect(kz.state).toBe('published');
		expect(kz.lastConfirmedOn).toBe('2023-10-16');
	});

	it('keeps an editor’s confirmation and never republishes what an editor withdrew', async () => {
		const kg = await stateOf('kg-102-police');
		expect(kg).toMatchObject({
			state: 'published',
			lastConfirmedBy: 'editor-1',
			lastConfirmedOn: '2026-05-20'
		});
		const uz = await stateOf('uz-112-emergency');
		expect(uz.state).toBe('review');
		expect(uz.reviewReason).toBe('care_reason_withdrawn');
		expect((await historyOf('uz-112-emergency')).at(-1)).toMatchObject({
			action: 'withdrawn',
			byUserId: 'editor-1'
		});
		// Its sources are brought up to date all the same.
		expect(uz.sources.length).toBe(v2.find((s) => s.id === 'uz-112-emergency')!.sources.length);
	});

	it('changes nothing on a second run', async () => {
		const before = await db.handle.db.select().from(careConfirmation);
		await applySeedPlan(db.ctx({ now: NOW }), seedPlan(v2));
		expect((await db.handle.db.select().from(careConfirmation)).length).toBe(before.length);
	});
});
