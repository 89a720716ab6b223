import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wildberriesClient } from './client-wildberries';
import { ozonClient } from './client-ozon';
import {
	fakeWildberries,
	startFakeServer,
	type FakeRequest,
	type FakeServer
} from './fake-marketplace-server';
import { sendWildberriesMediaAndPrices } from './wildberries-after';
import type { ExportResult } from './client';
import type { MarketplaceCard } from './card';
import { goodCard, ozonRules, wbRules } from './test-fixtures';
import type { ClientLog } from './client-http';
import { translateProblems } from './validate';

const WB_TOKEN = 'wb-secret-token-eyJhbGciOiJFUzI1NiJ9-do-not-log';
const OZON_ID = '4718001';
const OZON_KEY = 'ozon-secret-key-0b7a1e3c-99aa-4d1b';

let server: FakeServer;
let waits: number[];
let logLines: string[];
const sleep = async (ms: number) => {
	waits.push(ms);
};
const log: ClientLog = (level, event, fields) => logLines.push(JSON.stringify({ level, event, ...fields }));

beforeEach(async () => {
	server = await startFakeServer();
	waits = [];
	logLines = [];
});
afterEach(async () => {
	await server.close();
});

const isInt = (v: unknown) => Number.isInteger(v);

/** The upload body as the spec describes it; answers 400 the way Wildberries does when it is not. */
function checkWbUpload(req: FakeRequest) {
	if (req.headers.authorization !== WB_TOKEN) return { status: 401, body: { title: 'unauthorized' } };
	const cards = req.body as { subjectID: unknown; variants: Record<string, unknown>[] }[];
	const ok =
		Array.isArray(cards) &&
		cards.length <= 100 &&
		cards.every(
			(c) =>
				isInt(c.subjectID) &&
				c.variants.length <= 30 &&
				c.variants.every((v) => {
					const d = v.dimensions as Record<string, number>;
					return (
						typeof v.vendorCode === 'string' &&
						(v.vendorCode as string).length <= 72 &&
						(v.title as string).length <= 60 &&
						isInt(d.length) &&
						isInt(d.width) &&
						isInt(d.height) &&
						typeof d.weightBrutto === 'number' &&
						(v.sizes as { price?: unknown }[]).every((s) => s.price === undefined || isInt(s.price))
					);
				})
		);
	return ok
		? { body: { data: null, error: false, errorText: '', additionalErrors: {} } }
		: {
				status: 400,
				body: { data: null, error: true, errorText: 'Invalid request format', additionalErrors: {} }
			};
}

function wb(extra: Partial<Parameters<typeof wildberriesClient>[0]> = {}) {
	return wildberriesClient({
		token: WB_TOKEN,
		settings: { currency: 'RUB' },
		hosts: { content: server.origin, prices: server.origin },
		fetch,
		sleep,
		log,
		cardWriteIntervalMs: 0,
		reachable: (url) => url.startsWith(server.origin) || url.startsWith('https://'),
		...extra
	});
}

describe('Wildberries client against a fake server', () => {
	it('tests the connection on both hosts and says why it fails', async () => {
		server.route('GET', '/ping', (req) =>
			req.headers.authorization === WB_TOKEN
				? { body: { TS: '2026-12-01T10:00:00Z', Status: 'OK' } }
				: { status: 401, body: { title: 'unauthorized', detail: 'token is malformed' } }
		);
		expect(await wb().testConnection()).toEqual({ ok: true });
		expect(server.requests.map((r) => r.path)).toEqual(['/ping', '/ping']);
		expect(await wb({ token: 'wrong' }).testConnection()).toEqual({
			ok: false,
			reason: 'unauthorized',
			status: 401
		});
		expect(
			await wb({
				hosts: { content: 'http://127.0.0.1:1', prices: 'http://127.0.0.1:1' },
				maxRetries: 0
			}).testConnection()
		).toEqual({
			ok: false,
			reason: 'unreachable',
			status: 0
		});
	});

	it('waits as X-Ratelimit-Retry says on 429, then reads the error list after a 200', async () => {
		server.route('POST', '/content/v2/cards/upload', (req, n) =>
			n === 1
				? {
						status: 429,
						headers: { 'X-Ratelimit-Retry': '7', 'X-Ratelimit-Remaining': '0' },
						body: { title: 'too many requests', status: 429, statusText: 'Too Many Requests' }
					}
				: checkWbUpload(req)
		);
		server.route('POST', '/content/v2/cards/error/list', (req) => {
			const cursor = (req.body as { cursor: { batchUUID?: string } }).cursor;
			return cursor.batchUUID
				? {
						body: {
							data: {
								items: [
									{
										batchUUID: 'b2',
										vendorCodes: ['SHAWL-2'],
										errors: { 'SHAWL-2': ['Поле Наименование не должно содержать запрещенные символы: 😊'] }
									}
								],
								cursor: { next: false }
							},
							error: false
						}
					}
				: {
						body: {
							data: {
								items: [
									{
										batchUUID: 'b1',
										vendorCodes: ['someone-else'],
										errors: { 'someone-else': ['old error'] }
									}
								],
								cursor: { next: true, updatedAt: '2026-12-01T10:00:00Z', batchUUID: 'b1' }
							},
							error: false
						}
					};
		});
		const shawl = goodCard({ productCode: 'SHAWL-2', variants: [{ sku: 'SHAWL-2-ONE', size: 'one' }] });
		const blocked = goodCard({ productCode: 'NO-PRICE' });
		blocked.listings.wildberries!.prices = [];
		const progress: [number, number][] = [];
		const results = await wb().exportCards(
			[
				{ card: goodCard(), category: wbRules },
				{ card: shawl, category: wbRules },
				{ card: blocked, category: wbRules }
			],
			(done, total) => progress.push([done, total])
		);
		expect(results.map((r) => [r.productCode, r.status])).toEqual([
			['FELT-SLIPPERS-01', 'accepted'],
			['SHAWL-2', 'failed'],
			['NO-PRICE', 'blocked']
		]);
		expect(results[1].errors).toEqual([
			{ message: 'Поле Наименование не должно содержать запрещенные символы: 😊', offerId: 'SHAWL-2' }
		]);
		expect(results[2].problems.map((p) => p.code)).toEqual(['price_missing']);
		expect(waits).toEqual([7000]);
		expect(progress).toEqual([
			[1, 3],
			[3, 3]
		]);
		const uploads = server.requests.filter((r) => r.path === '/content/v2/cards/upload');
		expect(uploads).toHaveLength(2);
		expect((uploads[1].body as unknown[]).length).toBe(2);
		const lists = server.requests.filter((r) => r.path === '/content/v2/cards/error/list');
		expect(lists.map((r) => r.body)).toEqual([
			{ cursor: { limit: 100 }, order: { ascending: true } },
			{
				cursor: { limit: 100, updatedAt: '2026-12-01T10:00:00Z', batchUUID: 'b1' },
				order: { ascending: true }
			}
		]);
		expect(lists[0].query.get('locale')).toBe('ru');
	});

	it('reports a 400 on upload as failures with Wildberries\u2019 own text', async () => {
		server.route('POST', '/content/v2/cards/upload', () => ({
			status: 400,
			body: {
				data: null,
				error: true,
				errorText: 'Такой категории не существует',
				additionalErrors: { subjectID: 'not found' }
			}
		}));
		const [result] = await wb().exportCards([{ card: goodCard(), category: wbRules }]);
		expect(result.status).toBe('failed');
		expect(result.errors).toEqual([
			{ message: 'Такой категории не существует' },
			{ message: 'subjectID: not found' }
		]);
		expect(server.requests.some((r) => r.path === '/content/v2/cards/error/list')).toBe(false);
	});

	it('backs off on 5xx: 1 s, then 2 s', async () => {
		server.route('POST', '/content/v2/cards/upload', (req, n) =>
			n <= 2 ? { status: 503, body: 'busy' } : checkWbUpload(req)
		);
		server.route('POST', '/content/v2/cards/error/list', () => ({
			body: { data: { items: [], cursor: { next: false } } }
		}));
		const [result] = await wb().exportCards([{ card: goodCard(), category: wbRules }]);
		expect(result.status).toBe('accepted');
		expect(waits).toEqual([1000, 2000]);
	});

	it('paces card writes 6 s apart by default', async () => {
		let clock = 0;
		server.route('POST', '/content/v2/cards/upload', (req) => checkWbUpload(req));
		server.route('POST', '/content/v2/cards/error/list', () => ({
			body: { data: { items: [], cursor: { next: false } } }
		}));
		const many = Array.from({ length: 150 }, (_, i) => ({
			card: goodCard({ productCode: `P${i}`, variants: [{ sku: `P${i}`, size: '1' }] }),
			category: wbRules
		}));
		const client = wb({
			cardWriteIntervalMs: undefined,
			now: () => clock,
			sleep: async (ms) => {
				waits.push(ms);
				clock += ms;
			}
		});
		const results = await client.exportCards(many);
		expect(results.every((r) => r.status === 'accepted')).toBe(true);
		// two uploads (100 + 50) and one error-list read, each 6 s after the one before
		expect(waits).toEqual([6000, 6000]);
	});

	it('checks every photo before the media call, and makes none when one is bad', async () => {
		server.route('HEAD', '/media/p1-1.jpg', () => ({ headers: { 'Content-Type': 'image/jpeg' } }));
		server.route('HEAD', '/media/p1-2.jpg', () => ({ headers: { 'Content-Type': 'image/jpeg' } }));
		server.route('HEAD', '/media/p1-3.jpg', () => ({ status: 404 }));
		server.route('POST', '/content/v3/media/save', (req) =>
			req.headers.authorization === WB_TOKEN
				? { body: { data: {}, error: false, errorText: '', additionalErrors: null } }
				: { status: 401 }
		);
		const photos = goodCard().photos.map((p) => ({
			...p,
			url: p.url.replace('https://birge.example', server.origin)
		}));
		const bad = await wb().saveMedia(123, photos);
		expect(bad.saved).toBe(false);
		expect(bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['photos.2:photo_not_public']);
		const small = await wb().saveMedia(123, [{ ...photos[0], widthPx: 600 }]);
		expect(small.problems.map((p) => p.code)).toEqual(['photo_too_small']);
		expect(server.requests.some((r) => r.path === '/content/v3/media/save')).toBe(false);
		// HEAD requests for photos never carry the token
		expect(server.requests.filter((r) => r.method === 'HEAD').every((r) => !r.headers.authorization)).toBe(
			true
		);

		const good = await wb().saveMedia(123, photos.slice(0, 2));
		expect(good.saved).toBe(true);
		expect(server.requests.find((r) => r.path === '/content/v3/media/save')?.body).toEqual({
			nmId: 123,
			data: photos.slice(0, 2).map((p) => p.url)
		});
	});

	it('finds the nmID of a created card by its seller article', async () => {
		server.route('POST', '/content/v2/get/cards/list', (req) => {
			const search = (req.body as { settings: { filter: { textSearch: string } } }).settings.filter
				.textSearch;
			return {
				body: {
					cards:
						search === 'FELT-SLIPPERS-01'
							? [
									{ nmID: 1, vendorCode: 'FELT-SLIPPERS-01X' },
									{ nmID: 42, vendorCode: 'FELT-SLIPPERS-01' }
								]
							: [],
					cursor: { total: 0 }
				}
			};
		});
		expect(await wb().findNmId('FELT-SLIPPERS-01')).toBe(42);
		expect(await wb().findNmId('NOT-YET')).toBeNull();
		expect(server.requests[0].body).toEqual({
			settings: { cursor: { limit: 100 }, filter: { textSearch: 'FELT-SLIPPERS-01', withPhoto: -1 } }
		});
	});

	it('asks Wildberries for barcodes, at most 5,000 at a time', async () => {
		server.route('POST', '/content/v2/barcodes', (req) => ({
			body: {
				data: Array.from({ length: (req.body as { count: number }).count }, (_, i) => `20000000000${i}`),
				error: false
			}
		}));
		expect(await wb().generateBarcodes(2)).toEqual(['200000000000', '200000000001']);
		await wb().generateBarcodes(9000);
		expect(server.requests.map((r) => r.body)).toEqual([{ count: 2 }, { count: 5000 }]);
	});

	it('uploads prices as tasks of whole numbers', async () => {
		server.route('POST', '/api/v2/upload/task', () => ({
			body: { data: { id: 77, alreadyExists: false }, error: false }
		}));
		expect(await wb().uploadPrices([{ nmID: 1, price: 2500 }])).toEqual([77]);
		expect(server.requests[0].body).toEqual({ data: [{ nmID: 1, price: 2500 }] });
	});
});

function ozon(extra: Partial<Parameters<typeof ozonClient>[0]> = {}) {
	return ozonClient({
		clientId: OZON_ID,
		apiKey: OZON_KEY,
		settings: { currency: 'RUB' },
		hosts: { seller: server.origin },
		fetch,
		sleep,
		log,
		pollIntervalMs: 5000,
		...extra
	});
}

function ozonAuth(req: FakeRequest) {
	return req.headers['client-id'] === OZON_ID && req.headers['api-key'] === OZON_KEY;
}

describe('Ozon client against a fake server', () => {
	it('tests the connection with Client-Id and Api-Key', async () => {
		server.route('POST', '/v4/product/info/limit', (req) =>
			ozonAuth(req)
				? { body: { daily_create: { limit: 1000, usage: 0 } } }
				: { status: 403, body: { code: 7, message: 'Invalid Api-Key' } }
		);
		expect(await ozon().testConnection()).toEqual({ ok: true });
		expect(await ozon({ apiKey: 'nope' }).testConnection()).toEqual({
			ok: false,
			reason: 'forbidden',
			status: 403
		});
	});

	it('respects Item-Retry-After, polls the task and keeps each failure by field', async () => {
		server.route('POST', '/v3/product/import', (req, n) => {
			if (!ozonAuth(req)) return { status: 401 };
			if (n === 1)
				return {
					status: 429,
					headers: { 'Item-Retry-After': '1', 'Item-Rate-Limit-Remaining': '0' },
					body: { code: 8, message: 'rate limit exceeded' }
				};
			const items = (req.body as { items: Record<string, unknown>[] }).items;
			const shaped = items.every(
				(i) =>
					typeof i.price === 'string' &&
					/^\d+\.\d{1,2}$/.test(i.price as string) &&
					['RUB', 'BYN', 'KZT', 'EUR', 'USD', 'CNY'].includes(i.currency_code as string) &&
					['0', '0.05', '0.07', '0.1', '0.2'].includes(i.vat as string) &&
					[i.depth, i.width, i.height, i.weight].every((v) => isInt(v) && (v as number) > 0) &&
					i.dimension_unit === 'mm' &&
					i.weight_unit === 'g' &&
					(i.images as string[]).length <= 15 &&
					(i.offer_id as string).length <= 50
			);
			return shaped
				? { body: { result: { task_id: 172549793 } } }
				: { status: 400, body: { code: 3, message: 'invalid body' } };
		});
		server.route('POST', '/v1/product/import/info', (req, n) => {
			expect((req.body as { task_id: number }).task_id).toBe(172549793);
			if (n === 1)
				return {
					body: { result: { items: [{ offer_id: 'FELTSL38', status: 'pending', errors: [] }], total: 3 } }
				};
			return {
				body: {
					result: {
						items: [
							{ offer_id: 'FELTSL38', product_id: 1, status: 'imported', errors: [] },
							{ offer_id: 'FELTSL39', product_id: 2, status: 'imported', errors: [] },
							{
								offer_id: 'SHAWL1',
								product_id: 0,
								status: 'failed',
								errors: [
									{
										code: 'required_attribute_missing',
										field: 'attribute',
										attribute_id: 85,
										attribute_name: 'Бренд',
										level: 'error',
										state: 'declined',
										message: 'Не заполнен обязательный атрибут Бренд'
									}
								]
							},
							{ offer_id: 'SAME1', product_id: 3, status: 'skipped', errors: [] }
						],
						total: 4
					}
				}
			};
		});
		const shawl = goodCard({ productCode: 'SHAWL', variants: [{ sku: 'SHAWL1' }] });
		const same = goodCard({ productCode: 'SAME', variants: [{ sku: 'SAME1' }] });
		const results = await ozon().exportCards([
			{ card: goodCard(), category: ozonRules },
			{ card: shawl, category: ozonRules },
			{ card: same, category: ozonRules }
		]);
		expect(results.map((r) => [r.productCode, r.status])).toEqual([
			['FELT-SLIPPERS-01', 'accepted'],
			['SHAWL', 'failed'],
			['SAME', 'skipped']
		]);
		expect(results[1].errors).toEqual([
			{
				message: 'Не заполнен обязательный атрибут Бренд',
				code: 'required_attribute_missing',
				field: 'attribute',
				offerId: 'SHAWL1',
				attributeId: 85,
				attributeName: 'Бренд',
				level: 'error'
			}
		]);
		// one minute for Item-Retry-After: 1, then one poll interval
		expect(waits).toEqual([60_000, 5000]);
		const imports = server.requests.filter((r) => r.path === '/v3/product/import');
		expect((imports[1].body as { items: unknown[] }).items).toHaveLength(4);
	});

	it('stops at a wait past the limit (daily quota) and says so per card', async () => {
		server.route('POST', '/v3/product/import', () => ({
			status: 429,
			headers: { 'Item-Retry-After': '600' },
			body: { code: 8, message: 'item_limit_exceeded' }
		}));
		const [result] = await ozon().exportCards([{ card: goodCard(), category: ozonRules }]);
		expect(result.status).toBe('failed');
		expect(result.errors).toEqual([{ message: 'item_limit_exceeded', code: '8' }]);
		expect(waits).toEqual([]);
	});

	it('reports items still pending after the last poll as pending', async () => {
		server.route('POST', '/v3/product/import', () => ({ body: { result: { task_id: 5 } } }));
		server.route('POST', '/v1/product/import/info', () => ({
			body: {
				result: {
					items: [
						{ offer_id: 'FELTSL38', status: 'pending' },
						{ offer_id: 'FELTSL39', status: 'pending' }
					]
				}
			}
		}));
		const [result] = await ozon({ maxPolls: 3 }).exportCards([{ card: goodCard(), category: ozonRules }]);
		expect(result.status).toBe('pending');
		expect(waits).toEqual([5000, 5000]);
	});
});

describe('an Ozon export, start to finish', () => {
	it('shows a validation error in her language, sends nothing, and succeeds once she fixes it', async () => {
		server.route('POST', '/v3/product/import', (req) => {
			const items = (req.body as { items: { offer_id: string }[] }).items;
			return ozonAuth(req) && items.length > 0 ? { body: { result: { task_id: 9 } } } : { status: 400 };
		});
		server.route('POST', '/v1/product/import/info', () => ({
			body: {
				result: {
					items: ['FELTSL38', 'FELTSL39'].map((offer_id) => ({ offer_id, status: 'imported', errors: [] }))
				}
			}
		}));
		const card = goodCard();
		card.package = { ...card.package!, weightG: 0 };
		const [first] = await ozon().exportCards([{ card, category: ozonRules }]);
		expect(first.status).toBe('blocked');
		expect(translateProblems(first.problems, 'ky').map((p) => `${p.label}: ${p.message}`)).toEqual([
			'Салмагы: 0дөн чоң сан жазыңыз.'
		]);
		expect(server.requests).toHaveLength(0);

		card.package.weightG = 420;
		const [second] = await ozon().exportCards([{ card, category: ozonRules }]);
		expect(second).toMatchObject({
			status: 'accepted',
			offerIds: ['FELTSL38', 'FELTSL39'],
			problems: [],
			errors: []
		});
	});
});

describe('credentials', () => {
	it('never reach a log line, an error or a result', async () => {
		server.route('GET', '/ping', () => ({ status: 500, body: { detail: `echo ${WB_TOKEN}` } }));
		server.route('POST', '/v3/product/import', () => ({ status: 429, headers: { 'Item-Retry-After': '1' } }));
		server.route('POST', '/v1/product/import/info', () => ({ body: { result: { items: [] } } }));
		await wb({ maxRetries: 1 }).testConnection();
		const results = await ozon({ maxRetries: 1 }).exportCards([{ card: goodCard(), category: ozonRules }]);
		expect(logLines.length).toBeGreaterThan(3);
		const everything = logLines.join('\n') + JSON.stringify(results);
		for (const secret of [WB_TOKEN, OZON_KEY, OZON_ID]) expect(everything).not.toContain(secret);
		// the requests did carry them, in headers only
		expect(server.requests.some((r) => r.headers.authorization === WB_TOKEN)).toBe(true);
		expect(server.requests.some((r) => r.headers['api-key'] === OZON_KEY)).toBe(true);
	});
});

describe('Wildberries after the card: photos, then the price', () => {
	const accepted = (card = goodCard()): { result: ExportResult; card: MarketplaceCard } => ({
		result: {
			productCode: card.productCode,
			offerIds: [card.productCode],
			status: 'accepted',
			problems: [],
			errors: []
		},
		card: {
			...card,
			photos: card.photos.map((p) => ({ ...p, url: p.url.replace('https://birge.example', server.origin) }))
		}
	});

	it('waits for the nmID: no photos and no price are sent for a card Wildberries has not numbered yet', async () => {
		fakeWildberries(server, WB_TOKEN);
		const item = accepted();
		await sendWildberriesMediaAndPrices(wb(), { currency: 'RUB' }, [item]);
		expect(item.result.media?.state).toBe('waiting');
		expect(item.result.price?.state).toBe('waiting');
		expect(server.requests.map((r) => r.path)).toEqual(['/content/v2/get/cards/list']);
	});

	it('keeps a refused media call apart from the price, which is still sent in whole roubles', async () => {
		const state = fakeWildberries(server, WB_TOKEN);
		state.nmIds.set('FELT-SLIPPERS-01', 4242);
		server.route('HEAD', '/*', () => ({ headers: { 'Content-Type': 'image/jpeg' } }));
		server.route('POST', '/content/v3/media/save', () => ({
			body: { data: null, error: true, errorText: 'Карточка не найдена', additionalErrors: null }
		}));
		const item = accepted();
		await sendWildberriesMediaAndPrices(wb(), { currency: 'RUB' }, [item]);
		expect(item.result.media).toMatchObject({
			state: 'failed',
			errors: [{ message: 'Карточка не найдена' }]
		});
		expect(item.result.price).toMatchObject({
			state: 'sent',
			amountMinor: 250_000,
			currency: 'RUB',
			taskIds: [501]
		});
		expect(state.prices).toEqual([[{ nmID: 4242, price: 2500 }]]);
		expect(item.result.status).toBe('accepted');
	});
});
