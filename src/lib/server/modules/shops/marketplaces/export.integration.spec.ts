import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError, JobRunner, jobContext, type AnyJob } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { shops, shopsModule } from '../index';
import { fakeWildberries, startFakeServer, type FakeServer } from './fake-marketplace-server';

/**
 * The marketplace export wired to products (issue 13), on PGlite and PostgreSQL: listings and their
 * validation, sealed credentials, an Ozon export job against the fake server (a 429, then success and
 * a per-card error), a price missing in one currency blocking that export only, the Kaspi feed, and
 * a Wildberries export with its photos and price after the card (a photo too small sends none, a 429
 * on the prices call retried, the last price sent warning of a cut), and another shop's owner refused
 * everywhere.
 */
let db: TestDb;
let server: FakeServer;
const NOW = new Date('2026-12-01T09:00:00Z');
const API_KEY = 'ozon-secret-api-key-7f3a9c';
const WB_TOKEN = 'wb-secret-token-0123456789abcdef';
const SHOP = 'ak-kiyiz';

beforeAll(async () => {
	server = await startFakeServer();
	db = await createTestDb({
		seed: true,
		platform: {
			origin: 'https://birge.example',
			endpoints: {
				'ozon.seller': server.origin,
				'wildberries.content': server.origin,
				'wildberries.prices': server.origin
			}
		}
	});
	for (const id of ['u-aida', 'u-bermet'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ky' });
});
afterAll(async () => {
	await db?.close();
	await server?.close();
});

const aida = () => db.ctx({ actor: actor('u-aida'), now: NOW, locale: 'ky' });
const bermet = () => db.ctx({ actor: actor('u-bermet'), now: NOW, locale: 'ru' });

async function code(p: Promise<unknown>): Promise<string> {
	const e = await p.catch((x) => x);
	expect(e).toBeInstanceOf(AppError);
	return (e as AppError).code;
}

async function photo(width = 1200, height = 1600): Promise<Uint8Array> {
	const data = await sharp({ create: { width, height, channels: 3, background: '#8a6d3b' } })
		.jpeg({ quality: 80 })
		.toBuffer();
	return new Uint8Array(data);
}

const product = (slug: string, variants: { sku: string; size?: string }[]) => ({
	slug,
	title: { ky: 'Кийиз буюм', ru: 'Войлочное изделие ручной работы' },
	description: { ky: 'Кой жүнүнөн.', ru: 'Из овечьей шерсти, свалено вручную.' },
	category: 'felt',
	materials: { ky: 'кой жүнү' },
	packageSize: { lengthCm: 30, widthCm: 15, heightCm: 10 },
	weightG: 400,
	priceMinor: 150000,
	availability: 'in_stock',
	quantity: 3,
	variants
});

const ozonListing = (extra: Record<string, unknown> = {}) => ({
	marketplace: 'ozon' as const,
	enabled: true,
	currency: 'RUB',
	price: '2500',
	categoryId: '17028922',
	typeId: '91565',
	vat: '0',
	attributes: { '22232': { values: '6307909800', dictionaryIds: '971398' } },
	...extra
});

describe('marketplace export wired to products', () => {
	beforeAll(async () => {
		await shops.createShop(aida(), {
			slug: SHOP,
			name: { ky: 'Ак кийиз', ru: 'Ак Кийиз' },
			country: 'KG',
			region: 'KG-Y',
			delivery: ['post'],
			languages: ['ky', 'ru']
		});
		await shops.createShop(bermet(), {
			slug: 'bermet-knits',
			name: { ru: 'Вязание Бермет' },
			country: 'KG',
			region: 'KG-C',
			delivery: ['post'],
			languages: ['ru']
		});
		await shops.createProduct(aida(), SHOP, product('slippers', [{ sku: 'SLP38', size: '38' }]));
		await shops.createProduct(aida(), SHOP, product('boots', [{ sku: 'BOOT40', size: '40' }]));
		await shops.createProduct(aida(), SHOP, product('bag', []));
		for (const slug of ['slippers', 'boots', 'bag']) {
			await shops.addPhoto(aida(), SHOP, slug, { bytes: await photo(), alt: { ky: 'Сүрөт' } });
			await shops.setProductStatus(aida(), SHOP, slug, 'published');
		}
	});

	it('lists the validator’s problems in her language, and bad input changes nothing', async () => {
		await shops.saveListing(aida(), SHOP, 'slippers', ozonListing({ categoryId: '', typeId: '', vat: '' }));
		const before = await shops.productListings(aida(), SHOP, 'slippers');
		const ozon = before.listings.find((l) => l.marketplace === 'ozon')!;
		expect(ozon.problems.map((p) => p.code)).toEqual(
			expect.arrayContaining(['category_not_mapped', 'type_not_mapped', 'required'])
		);
		// Kyrgyz, from the catalogue (not the English text).
		expect(ozon.problems.find((p) => p.code === 'category_not_mapped')!.message).toMatch(/[а-яөүң]/i);

		const e = await shops
			.saveListing(aida(), SHOP, 'slippers', ozonListing({ price: '25 руб' }))
			.catch((x) => x);
		expect(e).toBeInstanceOf(AppError);
		expect(e.fields.price.key).toBe('marketplaces_error_price');
		const same = await shops.productListings(aida(), SHOP, 'slippers');
		expect(same.listings.find((l) => l.marketplace === 'ozon')!.categoryId).toBe('');

		// Fixed, and saved twice (a double submit): one listing, no errors left.
		await shops.saveListing(aida(), SHOP, 'slippers', ozonListing());
		await shops.saveListing(aida(), SHOP, 'slippers', ozonListing());
		const after = await shops.productListings(aida(), SHOP, 'slippers');
		const fixed = after.listings.find((l) => l.marketplace === 'ozon')!;
		expect(fixed.errors).toBe(0);
		expect(fixed.price).toBe('2500');
		const rows = rowsOf<{ n: number }>(
			await db.handle.db.execute(sql`select count(*)::int as n from shops_marketplace_listing`)
		);
		expect(Number(rows[0].n)).toBe(1);
	});

	it('seals the credentials, never shows them, and tests the connection against the host configured', async () => {
		server.route('POST', '/v4/product/info/limit', (req) =>
			req.headers['api-key'] === API_KEY && req.headers['client-id'] === '123456'
				? { body: { daily_create: { limit: 1000, usage: 0 } } }
				: { status: 403, body: { code: 7, message: 'Invalid Api-Key' } }
		);
		await shops.saveMarketplaceAccount(aida(), SHOP, {
			marketplace: 'ozon',
			clientId: '123456',
			apiKey: API_KEY,
			currency: 'RUB'
		});
		const stored = rowsOf<{ credentials: string }>(
			await db.handle.db.execute(sql`select credentials from shops_marketplace_account`)
		);
		expect(stored[0].credentials).not.toContain(API_KEY);
		expect(stored[0].credentials).not.toContain('123456');
		const overview = await shops.marketplacesOverview(aida(), SHOP);
		expect(JSON.stringify(overview)).not.toContain(API_KEY);
		expect(overview.accounts.find((a) => a.marketplace === 'ozon')!.hasCredentials).toBe(true);
		expect(await shops.testMarketplaceConnection(aida(), SHOP, 'ozon')).toEqual({ ok: true });
		// Bad input is refused in her language and keeps the stored key.
		const e = await shops
			.saveMarketplaceAccount(aida(), SHOP, { marketplace: 'ozon', clientId: 'abc', apiKey: 'x' })
			.catch((x) => x);
		expect(e.fields.clientId.key).toBe('marketplaces_error_client_id');
		expect(await shops.testMarketplaceConnection(aida(), SHOP, 'ozon')).toEqual({ ok: true });
		expect(shopsModule.encryptedFields!.map((f) => f.aad)).toContain('shops_marketplace_account.credentials');
	});

	it('exports as a job: a 429 then success, a per-card error, and a price missing in RUB blocks that product only', async () => {
		await shops.saveListing(aida(), SHOP, 'boots', ozonListing());
		// The bag has an Ozon price in KZT only, while her Ozon cabinet is in RUB.
		await shops.saveListing(aida(), SHOP, 'bag', ozonListing({ currency: 'KZT', price: '12500' }));
		let imports = 0;
		server.route('POST', '/v3/product/import', (req) => {
			imports++;
			if (imports === 1)
				return { status: 429, headers: { 'Retry-After': '1' }, body: { code: 8, message: 'rate limit' } };
			const items = (req.body as { items: { offer_id: string; currency_code: string }[] }).items;
			expect(items.map((i) => i.offer_id).sort()).toEqual(['BOOT40', 'SLP38']);
			expect(items.every((i) => i.currency_code === 'RUB')).toBe(true);
			return { body: { result: { task_id: 77 } } };
		});
		server.route('POST', '/v1/product/import/info', () => ({
			body: {
				result: {
					items: [
						{ offer_id: 'SLP38', product_id: 1, status: 'imported', errors: [] },
						{
							offer_id: 'BOOT40',
							status: 'failed',
							errors: [
								{
									code: 'invalid_attribute',
									field: 'attribute',
									attribute_id: 22232,
									message: 'Значение не из справочника'
								}
							]
						}
					]
				}
			}
		}));
		const written: string[] = [];
		const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
			written.push(String(chunk));
			return true;
		});
		let runId: string;
		try {
			runId = await shops.startExport(aida(), SHOP, 'ozon');
			// A second click while it is queued joins the same run.
			expect(await shops.startExport(aida(), SHOP, 'ozon')).toBe(runId);
			const queued = await shops.exportRunView(aida(), SHOP, runId);
			expect([queued.state, queued.total, queued.done]).toEqual(['queued', 3, 0]);
			const runner = new JobRunner(
				() => jobContext(db.platform, db.handle.db, () => NOW),
				shopsModule.jobs as AnyJob[]
			);
			await runner.tick();
		} finally {
			spy.mockRestore();
		}
		expect(written.join('')).not.toContain(API_KEY);
		const run = await shops.exportRunView(aida(), SHOP, runId);
		expect([run.state, run.done, run.total]).toEqual(['done', 3, 3]);
		const by = Object.fromEntries(run.results.map((r) => [r.product, r]));
		expect(by.slippers.status).toBe('accepted');
		expect(by.boots.status).toBe('failed');
		expect(by.boots.errors[0]).toMatchObject({ message: 'Значение не из справочника', offerId: 'BOOT40' });
		expect(by.bag.status).toBe('blocked');
		expect(by.bag.problems.map((p) => p.code)).toContain('price_missing');
		expect(imports).toBe(2);
		// Results are append-only.
		const e = (await db.handle.db
			.execute(sql`update shops_export_result set status = 'accepted'`)
			.catch((x) => x)) as Error & { cause?: Error };
		expect(String(e.cause?.message ?? e.message)).toMatch(/append-only/);
	});

	it('sends a Wildberries card, then its photos and price; a photo too small sends no photos and says which', async () => {
		const wb = fakeWildberries(server, WB_TOKEN);
		// The prices API answers a 429 first, asking to wait a second (X-Ratelimit-Retry): retried.
		wb.pricesAnswers.push({
			status: 429,
			headers: { 'X-Ratelimit-Retry': '1' },
			body: { title: 'too many requests' }
		});
		// Photos are offered at ORIGIN (https://birge.example); here the fake server answers for it.
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
		await shops.createProduct(aida(), SHOP, product('mat', [{ sku: 'MAT1' }]));
		await shops.addPhoto(aida(), SHOP, 'mat', { bytes: await photo(), alt: { ky: 'Сүрөт' } });
		await shops.addPhoto(aida(), SHOP, 'mat', { bytes: await photo(600, 800), alt: { ky: 'Сүрөт' } });
		await shops.setProductStatus(aida(), SHOP, 'mat', 'published');
		await shops.saveMarketplaceAccount(aida(), SHOP, {
			marketplace: 'wildberries',
			token: WB_TOKEN,
			currency: 'RUB'
		});
		const wbListing = (price: string) => ({
			marketplace: 'wildberries' as const,
			enabled: true,
			currency: 'RUB',
			price,
			categoryId: '105'
		});
		await shops.saveListing(aida(), SHOP, 'slippers', wbListing('1500'));
		await shops.saveListing(aida(), SHOP, 'mat', wbListing('900'));
		// The listing shows the small photo before anything is sent.
		const before = await shops.productListings(aida(), SHOP, 'mat');
		const matWb = before.listings.find((l) => l.marketplace === 'wildberries')!;
		expect(matWb.problems.map((p) => `${p.field}:${p.code}`)).toContain('photos.1:photo_too_small');

		let runId: string;
		try {
			runId = await shops.startExport(aida(), SHOP, 'wildberries');
			const runner = new JobRunner(
				() => jobContext(db.platform, db.handle.db, () => NOW),
				shopsModule.jobs as AnyJob[]
			);
			await runner.tick();
		} finally {
			fetchSpy.mockRestore();
		}
		const run = await shops.exportRunView(aida(), SHOP, runId);
		expect([run.state, run.done, run.total]).toEqual(['done', 2, 2]);
		const by = Object.fromEntries(run.results.map((r) => [r.product, r]));
		// Both cards were created; the slippers' photos went, the mat's did not (photo 2 too small).
		expect(by.slippers.status).toBe('accepted');
		expect(by.mat.status).toBe('accepted');
		expect(by.slippers.media?.state).toBe('sent');
		expect(by.mat.media?.state).toBe('not_sent');
		expect(by.mat.media!.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['photos.1:photo_too_small']);
		// In her language (Kyrgyz), naming the photo and its size.
		expect(by.mat.media!.problems[0].message).toMatch(/2/);
		expect(by.mat.media!.problems[0].message).toContain('600×800');
		expect(by.mat.media!.problems[0].message).toMatch(/[а-яөүң]/i);
		const slippersNm = wb.nmIds.get('SLIPPERS')!;
		const matNm = wb.nmIds.get('MAT1')!;
		expect(wb.media.map((m) => m.nmId)).toEqual([slippersNm]);
		expect(wb.media[0].data).toHaveLength(1);
		expect(wb.media[0].data[0]).toMatch(/^https:\/\/birge\.example\//);
		// Photo checks never carry the token.
		expect(server.requests.filter((r) => r.method === 'HEAD').every((r) => !r.headers.authorization)).toBe(
			true
		);
		// Prices: one task after the 429, whole roubles, for both cards (prices do not wait on photos).
		expect(server.requests.filter((r) => r.path === '/api/v2/upload/task')).toHaveLength(2);
		expect(wb.prices).toHaveLength(1);
		expect([...wb.prices[0]].sort((x, y) => x.nmID - y.nmID)).toEqual(
			[
				{ nmID: slippersNm, price: 1500 },
				{ nmID: matNm, price: 900 }
			].sort((x, y) => x.nmID - y.nmID)
		);
		expect(by.slippers.price).toMatchObject({ state: 'sent', amount: '1500', currency: 'RUB' });
		expect(by.mat.price).toMatchObject({ state: 'sent', amount: '900', currency: 'RUB' });

		// The last price sent is kept: a cut to a third or less of it is warned of (not blocked).
		await shops.saveListing(aida(), SHOP, 'slippers', wbListing('500'));
		const cut = await shops.productListings(aida(), SHOP, 'slippers');
		const cutWb = cut.listings.find((l) => l.marketplace === 'wildberries')!;
		expect(cutWb.problems.filter((p) => p.code === 'price_cut_quarantine').map((p) => p.severity)).toEqual([
			'warning'
		]);
		await shops.saveListing(aida(), SHOP, 'slippers', wbListing('501'));
		const fine = await shops.productListings(aida(), SHOP, 'slippers');
		expect(
			fine.listings.find((l) => l.marketplace === 'wildberries')!.problems.map((p) => p.code)
		).not.toContain('price_cut_quarantine');
	});

	it('serves the Kaspi price list at its secret URL, in Kaspi’s element order, a withdrawn offer kept', async () => {
		await shops.saveMarketplaceAccount(aida(), SHOP, {
			marketplace: 'kaspi',
			kaspiMerchantId: 'AkKiyiz',
			kaspiCompany: 'Ак Кийиз',
			kaspiStoreIds: 'PP1'
		});
		const kaspi = (extra: Record<string, unknown> = {}) => ({
			marketplace: 'kaspi' as const,
			enabled: true,
			currency: 'KZT',
			price: '12500',
			categoryId: 'Тапочки',
			...extra
		});
		await shops.saveListing(aida(), SHOP, 'bag', kaspi());
		await shops.saveListing(aida(), SHOP, 'slippers', kaspi({ withdrawn: true }));
		const overview = await shops.marketplacesOverview(aida(), SHOP);
		const url = overview.accounts.find((a) => a.marketplace === 'kaspi')!.feedUrl!;
		expect(url).toMatch(/^https:\/\/birge\.example\/shops\/feed\/[A-Za-z0-9_-]+\/kaspi\.xml$/);
		const token = url.split('/').at(-2)!;
		const stream = await shops.kaspiFeed(db.ctx({ now: NOW }), token);
		const xml = await new Response(stream!).text();
		expect(xml).toContain('<merchantid>AkKiyiz</merchantid>');
		expect(xml).toContain('<company>Ак Кийиз</company>');
		const bag = /<offer sku="BAG">([\s\S]*?)<\/offer>/.exec(xml)![1];
		const order = [...bag.matchAll(/<(model|brand|availabilities|price|cityprices)\b/g)].map((m) => m[1]);
		expect(order).toEqual(['model', 'brand', 'availabilities', 'price']);
		expect(bag).toContain('<price>12500</price>');
		expect(bag).toContain('available="yes" storeId="PP1"');
		expect(xml).toMatch(/<offer sku="SLP38">[\s\S]*?available="no" storeId="PP1"/);
		// The boots have no Kaspi listing: not in the list. A wrong token is nothing.
		expect(xml).not.toContain('BOOT40');
		expect(await shops.kaspiFeed(db.ctx({ now: NOW }), 'x'.repeat(32))).toBeNull();
	});

	it('refuses another shop’s owner everywhere (NOT_FOUND: the shop is private to her)', async () => {
		const runs = rowsOf<{ id: string }>(await db.handle.db.execute(sql`select id from shops_export_run`));
		expect(await code(shops.saveListing(bermet(), SHOP, 'slippers', ozonListing()))).toBe('NOT_FOUND');
		expect(await code(shops.productListings(bermet(), SHOP, 'slippers'))).toBe('NOT_FOUND');
		expect(await code(shops.startExport(bermet(), SHOP, 'ozon'))).toBe('NOT_FOUND');
		expect(await code(shops.marketplacesOverview(bermet(), SHOP))).toBe('NOT_FOUND');
		expect(
			await code(
				shops.saveMarketplaceAccount(bermet(), SHOP, { marketplace: 'ozon', clientId: '1', apiKey: 'k' })
			)
		).toBe('NOT_FOUND');
		expect(await code(shops.exportRunView(bermet(), 'bermet-knits', runs[0].id))).toBe('NOT_FOUND');
		expect(await code(shops.marketplaceSheet(bermet(), SHOP, 'kaspi', 'csv'))).toBe('NOT_FOUND');
		expect(await code(shops.categoryMaps(aida()))).toBe('FORBIDDEN');
	});

	it('writes the Kaspi and Uzum sheets of enabled listings', async () => {
		const csv = await shops.marketplaceSheet(aida(), SHOP, 'kaspi', 'csv');
		expect(csv.contentType).toMatch(/text\/csv/);
		expect(String(csv.body)).toContain('BAG');
		const xlsx = await shops.marketplaceSheet(aida(), SHOP, 'uzum', 'xlsx');
		expect((xlsx.body as Uint8Array)[0]).toBe(0x50); // a ZIP (PK…)
	});
});
