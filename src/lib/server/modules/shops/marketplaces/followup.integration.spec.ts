import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { JobRunner, jobContext, type AnyJob } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { shops, shopsModule } from '../index';
import { fakeWildberries, startFakeServer, type FakeServer } from './fake-marketplace-server';
import { FOLLOWUP_DELAYS_SECONDS } from './followup';
import { recordSentPrice, restoreHeldPrice } from './sent-price';
import type { StepOutcome } from './client';

/**
 * The follow-up of a Wildberries run (issue 13 §4), on PGlite and PostgreSQL, against the fake server
 * answering the prices history as 02-products.yaml documents it: a card without its nmID is looked up
 * again by a scheduled job and then gets its photos and price; a sent price is matched to its task
 * (accepted, or held with Wildberries' own words); the rounds stop after the last one.
 */
let db: TestDb;
let server: FakeServer;
const NOW = new Date('2026-12-01T09:00:00Z');
const WB_TOKEN = 'wb-secret-token-followup-0123456789';
const SHOP = 'kiyiz-followup';
const QUARANTINE =
	'The new price is several times lower than the current price. Item has been moved to Price Quarantine';

beforeAll(async () => {
	server = await startFakeServer();
	db = await createTestDb({
		seed: true,
		platform: {
			origin: 'https://birge.example',
			endpoints: { 'wildberries.content': server.origin, 'wildberries.prices': server.origin }
		}
	});
	await db.handle.db
		.insert(authUser)
		.values({ id: 'u-aida', name: 'Aida', email: 'aida@example.org', locale: 'ru' });
});
afterAll(async () => {
	await db?.close();
	await server?.close();
});

const aida = () => db.ctx({ actor: actor('u-aida'), now: NOW, locale: 'ru' });

/** The price Birge takes Wildberries to have for a product (`last_sent_price`), without its time. */
async function priceWbHas(slug: string) {
	const [row] = rowsOf<{ price: { amountMinor: number; discountPercent?: number } | null }>(
		await db.handle.db.execute(sql`select l.last_sent_price as price from shops_marketplace_listing l
			join shops_product p on p.id = l.product_id where p.slug = ${slug} and l.marketplace = 'wildberries'`)
	);
	return row?.price ? { amount: row.price.amountMinor, discount: row.price.discountPercent ?? 0 } : null;
}

async function photo(): Promise<Uint8Array> {
	return new Uint8Array(
		await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#8a6d3b' } })
			.jpeg({ quality: 80 })
			.toBuffer()
	);
}

describe('the follow-up of a Wildberries run', () => {
	it('finds a late nmID, reads the prices task, and stops after its last round', async () => {
		const wb = fakeWildberries(server, WB_TOKEN);
		server.route('HEAD', '/*', () => ({ headers: { 'Content-Type': 'image/jpeg' } }));
		const realFetch = globalThis.fetch;
		const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
			const url = String(input instanceof Request ? input.url : input);
			return realFetch(
				url.startsWith('https://birge.example/')
					? url.replace('https://birge.example', server.origin)
					: input,
				init
			);
		});
		let clock = NOW;
		const runner = new JobRunner(
			() => jobContext(db.platform, db.handle.db, () => clock),
			shopsModule.jobs as AnyJob[]
		);
		const followups = async () =>
			Number(
				rowsOf<{ n: number }>(
					await db.handle.db.execute(
						sql`select count(*)::int as n from core_job where name = 'shops.marketplace-followup'`
					)
				)[0].n
			);
		let runId: string;
		try {
			await shops.createShop(aida(), {
				slug: SHOP,
				name: { ru: 'Ак Кийиз' },
				country: 'KG',
				region: 'KG-C',
				delivery: ['post'],
				languages: ['ru']
			});
			await shops.saveMarketplaceAccount(aida(), SHOP, {
				marketplace: 'wildberries',
				token: WB_TOKEN,
				currency: 'RUB'
			});
			for (const [slug, sku] of [
				['mat', 'MAT1'],
				['rug', 'RUG1'],
				['never', 'NEVER1']
			]) {
				await shops.createProduct(aida(), SHOP, {
					slug,
					title: { ru: 'Войлочное изделие ручной работы' },
					description: { ru: 'Из овечьей шерсти, свалено вручную.' },
					category: 'felt',
					packageSize: { lengthCm: 30, widthCm: 15, heightCm: 10 },
					weightG: 400,
					priceMinor: 150000,
					availability: 'in_stock',
					quantity: 3,
					variants: [{ sku }]
				});
				await shops.addPhoto(aida(), SHOP, slug, { bytes: await photo(), alt: { ru: 'Фото' } });
				await shops.setProductStatus(aida(), SHOP, slug, 'published');
				await shops.saveListing(aida(), SHOP, slug, {
					marketplace: 'wildberries',
					enabled: true,
					currency: 'RUB',
					price: '900',
					// The rug sells at 10 % off: Wildberries' `discount` goes with its price.
					discount: slug === 'rug' ? '10' : '',
					categoryId: '105'
				});
			}
			// A discount is whole per cent, 0 to 99: anything else is refused on the field.
			const refused = await shops
				.saveListing(aida(), SHOP, 'rug', {
					marketplace: 'wildberries',
					enabled: true,
					currency: 'RUB',
					price: '900',
					discount: '100',
					categoryId: '105'
				})
				.catch((x) => x);
			expect(refused.fields.discount.key).toBe('marketplaces_error_discount');
			// The rug's and the never-found card's nmIDs are not given yet when the run ends.
			wb.hidden.add('RUG1');
			wb.hidden.add('NEVER1');
			runId = await shops.startExport(aida(), SHOP, 'wildberries');
			await runner.tick();
			let view = await shops.exportRunView(aida(), SHOP, runId);
			let by = Object.fromEntries(view.results.map((r) => [r.product, r]));
			expect(by.mat.price?.state).toBe('sent');
			expect([by.rug.media?.state, by.rug.price?.state]).toEqual(['waiting', 'waiting']);
			expect(await followups()).toBe(1);
			// Not due yet: nothing runs before its wait.
			const lookups = () => server.requests.filter((r) => r.path === '/content/v2/get/cards/list').length;
			const before = lookups();
			await runner.tick();
			expect(lookups()).toBe(before);

			expect(await priceWbHas('mat')).toEqual({ amount: 90000, discount: 0 });
			// Round 1: the rug's card is found and its photos and price go; the mat's task is still
			// processing (data: null), so nothing is recorded for it yet.
			const matNm = wb.nmIds.get('MAT1')!;
			wb.held.set(matNm, QUARANTINE);
			wb.hidden.delete('RUG1');
			clock = new Date(NOW.getTime() + (FOLLOWUP_DELAYS_SECONDS[0] + 1) * 1000);
			await runner.tick();
			view = await shops.exportRunView(aida(), SHOP, runId);
			by = Object.fromEntries(view.results.map((r) => [r.product, r]));
			expect([by.rug.media?.state, by.rug.price?.state]).toEqual(['sent', 'sent']);
			expect(wb.media.map((m) => m.nmId)).toContain(wb.nmIds.get('RUG1'));
			expect(wb.prices.flat()).toContainEqual({ nmID: wb.nmIds.get('RUG1'), price: 900, discount: 10 });
			expect(wb.prices.flat()).toContainEqual({ nmID: matNm, price: 900 });
			expect(by.mat.price?.state).toBe('sent');
			expect(by.never.media?.state).toBe('waiting');

			// Round 2: the mat's task is processed with every good in error: held, in Wildberries' words.
			clock = new Date(clock.getTime() + (FOLLOWUP_DELAYS_SECONDS[1] + 1) * 1000);
			await runner.tick();
			view = await shops.exportRunView(aida(), SHOP, runId);
			by = Object.fromEntries(view.results.map((r) => [r.product, r]));
			expect(by.mat.price).toMatchObject({ state: 'held', amount: '900', currency: 'RUB' });
			expect(by.mat.price!.errors.map((e) => e.message)).toEqual([QUARANTINE]);
			expect(by.rug.price?.state).toBe('sent');
			// Held back: Wildberries has no price of Birge's for the mat (its first), the rug's stands.
			expect(await priceWbHas('mat')).toBeNull();
			expect(await priceWbHas('rug')).toEqual({ amount: 90000, discount: 10 });

			// Round 3: the rug's task is processed without errors: accepted.
			clock = new Date(clock.getTime() + (FOLLOWUP_DELAYS_SECONDS[2] + 1) * 1000);
			await runner.tick();
			view = await shops.exportRunView(aida(), SHOP, runId);
			by = Object.fromEntries(view.results.map((r) => [r.product, r]));
			expect(by.rug.price).toMatchObject({ state: 'accepted', amount: '900', currency: 'RUB' });
			expect(by.rug.price!.errors).toEqual([]);

			// The never-found card keeps the rounds going until the last one, then they stop.
			for (let i = 0; i < FOLLOWUP_DELAYS_SECONDS.length + 2; i++) {
				clock = new Date(clock.getTime() + 3600 * 1000);
				await runner.tick();
			}
			expect(await followups()).toBe(FOLLOWUP_DELAYS_SECONDS.length);
			view = await shops.exportRunView(aida(), SHOP, runId);
			by = Object.fromEntries(view.results.map((r) => [r.product, r]));
			expect([by.never.media?.state, by.never.price?.state]).toEqual(['waiting', 'waiting']);
		} finally {
			fetchSpy.mockRestore();
		}

		// The prices history was read with the token, a page of at most 1000 goods.
		const history = server.requests.filter((r) => r.path.startsWith('/api/v2/history/'));
		expect(history.length).toBeGreaterThan(0);
		expect(history.every((r) => r.headers.authorization === WB_TOKEN && r.method === 'GET')).toBe(true);
		const goods = history.filter((r) => r.path === '/api/v2/history/goods/task');
		expect(goods.map((r) => [r.query.get('limit'), r.query.get('offset')])).toEqual([['1000', '0']]);
		// What followed is append-only.
		const e = (await db.handle.db
			.execute(sql`delete from shops_export_followup`)
			.catch((x) => x)) as Error & { cause?: Error };
		expect(String(e.cause?.message ?? e.message)).toMatch(/append-only/);
	});

	it('gives a held-back price way to the one it replaced, unless a newer one was sent since', async () => {
		const ctx = aida();
		const [{ id }] = rowsOf<{ id: string }>(
			await db.handle.db.execute(sql`select id from shops_product where slug = 'rug'`)
		);
		const sent = (amountMinor: number): StepOutcome => ({
			state: 'sent',
			problems: [],
			errors: [],
			amountMinor,
			currency: 'RUB'
		});
		expect(await priceWbHas('rug')).toEqual({ amount: 90000, discount: 10 });
		await recordSentPrice(ctx, id, sent(120000));
		expect(await priceWbHas('rug')).toEqual({ amount: 120000, discount: 0 });
		await restoreHeldPrice(ctx, id, sent(120000));
		expect(await priceWbHas('rug')).toEqual({ amount: 90000, discount: 10 });
		await recordSentPrice(ctx, id, sent(30000));
		await recordSentPrice(ctx, id, sent(95000));
		// The held one is not the last sent: the last one stands.
		await restoreHeldPrice(ctx, id, sent(30000));
		expect(await priceWbHas('rug')).toEqual({ amount: 95000, discount: 0 });
	});
});
