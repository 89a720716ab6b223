import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing in for Wildberries and Ozon in tests (and in the e2e journey once the
 * shops pages exist): each route is a handler that sees the method, path, headers and parsed JSON body
 * and answers with a status, headers and a body. Every request is recorded. Test tooling only.
 */
export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}
export interface FakeAnswer {
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
}
export type FakeHandler = (req: FakeRequest, count: number) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeServer {
	origin: string;
	requests: FakeRequest[];
	/** `path` ending in `/*` answers every path under it (photos under /files/…). */
	route(method: string, path: string, handler: FakeHandler): void;
	close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
	const routes = new Map<string, FakeHandler>();
	const counts = new Map<string, number>();
	const requests: FakeRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown = raw;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				// kept as text
			}
			const record: FakeRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				body
			};
			requests.push(record);
			const key = `${record.method} ${record.path}`;
			const prefix = [...routes.keys()].find((k) => k.endsWith('/*') && key.startsWith(k.slice(0, -1)));
			const handler = routes.get(key) ?? (prefix ? routes.get(prefix) : undefined);
			const count = (counts.get(key) ?? 0) + 1;
			counts.set(key, count);
			const answer: FakeAnswer = handler
				? await handler(record, count)
				: { status: 404, body: { message: 'not found' } };
			const isJson = answer.body !== undefined && typeof answer.body !== 'string';
			res.writeHead(answer.status ?? 200, {
				...(isJson ? { 'Content-Type': 'application/json' } : {}),
				...answer.headers
			});
			res.end(answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : String(answer.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		route(method, path, handler) {
			routes.set(`${method} ${path}`, handler);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** What the fake Wildberries saw: cards uploaded, media saved, price tasks, and the nmIDs it gave. */
export interface FakeWildberries {
	nmIds: Map<string, number>;
	media: { nmId: number; data: string[] }[];
	prices: { nmID: number; price: number; discount?: number }[][];
	/** Answers to the next prices calls before the normal one (a 429 with its wait header, a 500…). */
	pricesAnswers: FakeAnswer[];
	/** Seller articles whose card the cards list does not find yet (no nmID). */
	hidden: Set<string>;
	/** nmIDs whose price the prices task leaves unchanged, with Wildberries' `errorText`. */
	held: Map<number, string>;
	/** How many status polls of each task answer "not processed" (`data: null`) first. */
	pendingPolls: number;
}

/**
 * Wildberries' content and prices routes as the official specs describe them (02-products.yaml,
 * 04-prices.yaml), checking the token in `Authorization` and the body shapes: a card upload gives each
 * seller article an nmID, the error list names `failing` articles, the cards list finds a card by its
 * article, media and price uploads are recorded.
 */
export function fakeWildberries(server: FakeServer, token: string, failing: Record<string, string[]> = {}) {
	const state: FakeWildberries = {
		nmIds: new Map(),
		media: [],
		prices: [],
		pricesAnswers: [],
		hidden: new Set(),
		held: new Map(),
		pendingPolls: 1
	};
	const polls = new Map<number, number>();
	const authorized = (req: FakeRequest) => req.headers.authorization === token;
	const refused = { status: 401, body: { title: 'unauthorized', detail: 'token' } };
	server.route('POST', '/content/v2/cards/upload', (req) => {
		if (!authorized(req)) return refused;
		const cards = req.body as { subjectID: number; variants: { vendorCode: string }[] }[];
		if (!Array.isArray(cards) || cards.some((c) => !Number.isInteger(c.subjectID) || !c.variants?.length))
			return { status: 400, body: { error: true, errorText: 'Неверный формат', additionalErrors: null } };
		for (const card of cards)
			for (const v of card.variants)
				if (!failing[v.vendorCode] && !state.nmIds.has(v.vendorCode))
					state.nmIds.set(v.vendorCode, 100000 + state.nmIds.size);
		return { body: { data: null, error: false, errorText: '', additionalErrors: {} } };
	});
	server.route('POST', '/content/v2/cards/error/list', (req) =>
		authorized(req)
			? {
					body: {
						data: {
							items: Object.keys(failing).length
								? [{ batchUUID: 'b1', vendorCodes: Object.keys(failing), errors: failing }]
								: [],
							cursor: { next: false }
						},
						error: false
					}
				}
			: refused
	);
	server.route('POST', '/content/v2/get/cards/list', (req) => {
		if (!authorized(req)) return refused;
		const search = (req.body as { settings?: { filter?: { textSearch?: string } } }).settings?.filter
			?.textSearch;
		const nmID = search && !state.hidden.has(search) ? state.nmIds.get(search) : undefined;
		return {
			body: { cards: nmID ? [{ nmID, vendorCode: search }] : [], cursor: { total: nmID ? 1 : 0 } }
		};
	});
	server.route('POST', '/content/v3/media/save', (req) => {
		if (!authorized(req)) return refused;
		const body = req.body as { nmId: number; data: string[] };
		if (!Number.isInteger(body.nmId) || !Array.isArray(body.data))
			return { status: 400, body: { error: true, errorText: 'Неверный формат' } };
		state.media.push(body);
		return { body: { data: {}, error: false, errorText: '', additionalErrors: null } };
	});
	server.route('POST', '/api/v2/upload/task', (req) => {
		if (!authorized(req)) return refused;
		const queued = state.pricesAnswers.shift();
		if (queued) return queued;
		const data = (req.body as { data: { nmID: number; price: number }[] }).data;
		if (!Array.isArray(data) || data.some((d) => !Number.isInteger(d.nmID) || !Number.isInteger(d.price)))
			return { status: 400, body: { data: null, error: true, errorText: 'Invalid data' } };
		state.prices.push(data);
		return { body: { data: { id: 500 + state.prices.length, alreadyExists: false }, error: false } };
	});
	// 02-products.yaml: `GET /api/v2/history/tasks?uploadID=` (status 3 all updated, 5 some goods with
	// errors, 6 all), `GET /api/v2/history/goods/task?uploadID=&limit=&offset=` (goods: status 2 updated,
	// 3 not, with errorText). Before it is processed the fake answers `data: null` (the field is nullable).
	const task = (req: FakeRequest) => {
		const id = Number(req.query.get('uploadID'));
		return Number.isInteger(id) && id > 500 ? state.prices[id - 501] : undefined;
	};
	server.route('GET', '/api/v2/history/tasks', (req) => {
		if (!authorized(req)) return refused;
		const items = task(req);
		if (!items) return { status: 400, body: { data: null, error: true, errorText: 'Invalid uploadID' } };
		const id = Number(req.query.get('uploadID'));
		const seen = (polls.get(id) ?? 0) + 1;
		polls.set(id, seen);
		if (seen <= state.pendingPolls) return { body: { data: null, error: false, errorText: '' } };
		const failed = items.filter((i) => state.held.has(i.nmID)).length;
		const status = failed === 0 ? 3 : failed === items.length ? 6 : 5;
		return {
			body: {
				data: {
					uploadID: id,
					status,
					uploadDate: '2026-12-01T09:00:00Z',
					activationDate: '2026-12-01T09:00:00Z',
					overAllGoodsNumber: items.length,
					successGoodsNumber: items.length - failed
				},
				error: false,
				errorText: ''
			}
		};
	});
	server.route('GET', '/api/v2/history/goods/task', (req) => {
		if (!authorized(req)) return refused;
		const items = task(req);
		const limit = Number(req.query.get('limit'));
		const offset = Number(req.query.get('offset') ?? 0);
		if (!items || !Number.isInteger(limit) || limit < 1 || limit > 1000)
			return { status: 400, body: { data: null, error: true, errorText: 'Invalid request parameters' } };
		const vendorOf = (nmID: number) => [...state.nmIds].find(([, n]) => n === nmID)?.[0] ?? '';
		return {
			body: {
				data: {
					uploadID: Number(req.query.get('uploadID')),
					historyGoods: items.slice(offset, offset + limit).map((i) => ({
						nmID: i.nmID,
						vendorCode: vendorOf(i.nmID),
						sizeID: i.nmID * 10,
						techSizeName: '0',
						price: i.price,
						currencyIsoCode4217: 'RUB',
						discount: i.discount ?? 0,
						clubDiscount: null,
						status: state.held.has(i.nmID) ? 3 : 2,
						errorText: state.held.get(i.nmID) ?? ''
					}))
				},
				error: false,
				errorText: ''
			}
		};
	});
	return state;
}
