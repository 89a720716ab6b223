import type { CardPhoto, ExportSettings, Problem } from './card';
import {
	connectionFailure,
	WILDBERRIES_HOSTS,
	type ConnectionResult,
	type ExportProgress,
	type ExportRequest,
	type ExportResult,
	type MarketplaceClient,
	type MarketplaceMessage
} from './client';
import {
	MarketplaceHttpError,
	Pacer,
	request,
	standardRetryAfter,
	type ClientDeps,
	type RetryAfter
} from './client-http';
import {
	wildberriesBatches,
	wildberriesCard,
	wildberriesPriceTasks,
	type WildberriesCard
} from './format-wildberries';
import { WILDBERRIES } from './rules';
import { Problems, checkPhotos } from './validate-common';
import { validateWildberries } from './validate-wildberries';

/**
 * Wildberries Content API client. The token goes in `Authorization` and nowhere else. Card uploads
 * are paced to one per 6 s (10 a minute); a 429 waits as long as `X-Ratelimit-Retry` says (seconds).
 * A 200 on upload only queues the cards: the error list is read afterwards and every card named there
 * is reported failed with Wildberries' own messages.
 */
export interface WildberriesOptions extends ClientDeps {
	token: string;
	settings: ExportSettings;
	hosts?: Partial<typeof WILDBERRIES_HOSTS>;
	now?: () => number;
	/** The pause between card writes (6 s by Wildberries' limits; tests shorten it). */
	cardWriteIntervalMs?: number;
	/** How long to let the queue work before reading the error list. */
	errorListDelayMs?: number;
	/** Whether Wildberries can fetch a photo URL (default: public http(s) hosts only). */
	reachable?: (url: string) => boolean;
	/** The language of the error list's subject names (ru, en, zh). */
	locale?: 'ru' | 'en' | 'zh';
}

const wbRetryAfter: RetryAfter = (headers) => {
	const value = Number(headers.get('x-ratelimit-retry'));
	return Number.isFinite(value) && value > 0 ? value * 1000 : standardRetryAfter(headers);
};

interface ErrorListResponse {
	data?: {
		items?: { batchUUID?: string; vendorCodes?: string[]; errors?: Record<string, string[]> }[];
		cursor?: { next?: boolean; updatedAt?: string; batchUUID?: string };
	};
	error?: boolean;
	errorText?: string;
}

interface ContentResponse {
	error?: boolean;
	errorText?: string;
	additionalErrors?: unknown;
}

export function messagesOf(body: unknown): MarketplaceMessage[] {
	if (!body || typeof body !== 'object')
		return [{ message: typeof body === 'string' ? body.slice(0, 500) : '' }];
	const b = body as ContentResponse & { detail?: string; title?: string };
	const out: MarketplaceMessage[] = [];
	if (b.errorText) out.push({ message: b.errorText });
	if (b.additionalErrors && typeof b.additionalErrors === 'object')
		for (const [key, value] of Object.entries(b.additionalErrors as Record<string, unknown>))
			out.push({ message: `${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}` });
	if (out.length === 0 && (b.title || b.detail))
		out.push({ message: [b.title, b.detail].filter(Boolean).join(': ') });
	return out;
}

export type WildberriesClient = ReturnType<typeof wildberriesClient>;

/**
 * A prices upload after Wildberries processed it (`GET /api/v2/history/tasks`): `status` 3 all goods
 * updated, 4 cancelled, 5 some goods with errors, 6 every good with errors; for 5 and 6 the goods
 * (`GET /api/v2/history/goods/task`) with their own `status` (2 updated, 3 not updated) and `errorText`
 * (the price quarantine, a sale by stock index…). `processed: false` while the task has no processed
 * state yet (no data, or a status outside 3–6).
 */
export type PriceTaskOutcome =
	| { processed: false }
	| {
			processed: true;
			status: 3 | 4 | 5 | 6;
			goods: { nmID: number; vendorCode?: string; accepted: boolean; errorText?: string }[];
	  };

interface TaskHistoryResponse {
	data?: { uploadID?: number; status?: number } | null;
	error?: boolean;
	errorText?: string;
}
interface GoodsHistoryResponse {
	data?: {
		uploadID?: number;
		historyGoods?: { nmID?: number; vendorCode?: string; status?: number; errorText?: string }[] | null;
	} | null;
}

export function wildberriesClient(options: WildberriesOptions): MarketplaceClient & {
	readErrorList(vendorCodes: Set<string>): Promise<Map<string, string[]>>;
	saveMedia(nmId: number, photos: CardPhoto[]): Promise<{ saved: boolean; problems: Problem[] }>;
	uploadPrices(items: { nmID: number; price: number; discount?: number }[]): Promise<number[]>;
	generateBarcodes(count: number): Promise<string[]>;
	findNmId(vendorCode: string): Promise<number | null>;
	priceTaskOutcome(uploadId: number): Promise<PriceTaskOutcome>;
} {
	const hosts = { ...WILDBERRIES_HOSTS, ...options.hosts };
	const headers = { Authorization: options.token };
	const now = options.now ?? Date.now;
	const pacer = new Pacer(options.cardWriteIntervalMs ?? WILDBERRIES.cardWriteIntervalMs, now, options.sleep);
	const call = <T>(method: 'GET' | 'POST', url: string, body?: unknown) =>
		request<T>(options, 'wildberries', { method, url, headers, body, retryAfter: wbRetryAfter });

	async function testConnection(): Promise<ConnectionResult> {
		try {
			await call('GET', `${hosts.content}/ping`);
			await call('GET', `${hosts.prices}/ping`);
			return { ok: true };
		} catch (error) {
			return connectionFailure(error instanceof MarketplaceHttpError ? error.status : 0);
		}
	}

	async function readErrorList(vendorCodes: Set<string>): Promise<Map<string, string[]>> {
		const found = new Map<string, string[]>();
		let cursor: Record<string, unknown> = { limit: 100 };
		for (let page = 0; page < 100; page++) {
			await pacer.next();
			const { body } = await call<ErrorListResponse>(
				'POST',
				`${hosts.content}/content/v2/cards/error/list?locale=${options.locale ?? 'ru'}`,
				{ cursor, order: { ascending: true } }
			);
			for (const item of body?.data?.items ?? [])
				for (const [code, messages] of Object.entries(item.errors ?? {}))
					if (vendorCodes.has(code)) found.set(code, [...(found.get(code) ?? []), ...messages]);
			const next = body?.data?.cursor;
			if (!next?.next) break;
			cursor = { limit: 100, updatedAt: next.updatedAt, batchUUID: next.batchUUID };
		}
		return found;
	}

	async function exportCards(
		requests: ExportRequest[],
		onProgress?: ExportProgress
	): Promise<ExportResult[]> {
		const results: ExportResult[] = [];
		const toSend: { result: ExportResult; body: WildberriesCard }[] = [];
		for (const { card, category } of requests) {
			const problems = validateWildberries(card, options.settings, category, { photos: false });
			const result: ExportResult = {
				productCode: card.productCode,
				offerIds: [],
				status: 'blocked',
				problems,
				errors: []
			};
			results.push(result);
			if (problems.some((p) => p.severity === 'error')) continue;
			const body = wildberriesCard(card, options.settings, category);
			result.offerIds = body.variants.map((v) => v.vendorCode);
			toSend.push({ result, body });
		}
		let done = results.length - toSend.length;
		onProgress?.(done, results.length);
		const owner = new Map(toSend.map((s) => [s.body, s.result]));
		const queued: ExportResult[] = [];
		for (const batch of wildberriesBatches(toSend.map((s) => s.body))) {
			const batchResults = batch.map((b) => owner.get(b)!);
			await pacer.next();
			try {
				const { body } = await call<ContentResponse>(
					'POST',
					`${hosts.content}/content/v2/cards/upload`,
					batch
				);
				if (body?.error) throw new MarketplaceHttpError(200, body);
				queued.push(...batchResults);
			} catch (error) {
				const errors = error instanceof MarketplaceHttpError ? messagesOf(error.body) : [];
				for (const r of batchResults) {
					r.status = 'failed';
					r.errors = errors.length ? errors : [{ message: 'request failed' }];
				}
				done += batchResults.length;
				onProgress?.(done, results.length);
			}
		}
		if (queued.length > 0) {
			if (options.errorListDelayMs) await options.sleep(options.errorListDelayMs);
			const listed = await readErrorList(new Set(queued.flatMap((r) => r.offerIds)));
			for (const r of queued) {
				const errors = r.offerIds.flatMap((code) =>
					(listed.get(code) ?? []).map((message) => ({ message, offerId: code }))
				);
				r.status = errors.length ? 'failed' : 'accepted';
				r.errors = errors;
			}
			done += queued.length;
			onProgress?.(done, results.length);
		}
		return results;
	}

	/**
	 * `/content/v3/media/save` replaces all of a card's media, and one bad file saves none even on a 200:
	 * so every photo is checked first (size, format, count from the card; then that its public URL
	 * answers with an image, without credentials). Nothing is sent unless all pass.
	 */
	async function saveMedia(
		nmId: number,
		photos: CardPhoto[]
	): Promise<{ saved: boolean; problems: Problem[] }> {
		const out = new Problems();
		checkPhotos(out, photos, {
			min: 1,
			max: WILDBERRIES.photosMax,
			minWidth: WILDBERRIES.photoMinWidth,
			minHeight: WILDBERRIES.photoMinHeight,
			formats: WILDBERRIES.photoFormats,
			maxBytes: WILDBERRIES.photoBytesMax,
			reachable: options.reachable
		});
		for (const [i, photo] of photos.entries()) {
			try {
				const response = await options.fetch(photo.url, { method: 'HEAD' });
				const type = response.headers.get('content-type') ?? '';
				if (!response.ok || !type.startsWith('image/'))
					out.error(`photos.${i}`, 'photo_not_public', { number: i + 1 });
			} catch {
				out.error(`photos.${i}`, 'photo_not_public', { number: i + 1 });
			}
		}
		if (out.list.some((p) => p.severity === 'error')) return { saved: false, problems: out.list };
		const { body } = await call<ContentResponse>('POST', `${hosts.content}/content/v3/media/save`, {
			nmId,
			data: photos.map((p) => p.url)
		});
		if (body?.error) throw new MarketplaceHttpError(200, body);
		return { saved: true, problems: out.list };
	}

	/** Prices API upload tasks (≤ 1000 items each); returns the task ids. */
	async function uploadPrices(
		items: { nmID: number; price: number; discount?: number }[]
	): Promise<number[]> {
		const ids: number[] = [];
		for (const task of wildberriesPriceTasks(items)) {
			const { body } = await call<{ data?: { id?: number } }>(
				'POST',
				`${hosts.prices}/api/v2/upload/task`,
				task
			);
			if ((body as ContentResponse | undefined)?.error) throw new MarketplaceHttpError(200, body);
			if (body?.data?.id !== undefined) ids.push(body.data.id);
		}
		return ids;
	}

	/** Barcodes Wildberries issues for sizes without one (`POST /content/v2/barcodes`, ≤ 5,000 at a time). */
	async function generateBarcodes(count: number): Promise<string[]> {
		const wanted = Math.max(1, Math.min(WILDBERRIES.barcodesPerRequest, Math.trunc(count)));
		const { body } = await call<{ data?: string[] }>('POST', `${hosts.content}/content/v2/barcodes`, {
			count: wanted
		});
		return (body?.data ?? []).filter((b) => typeof b === 'string');
	}

	/**
	 * The nmID Wildberries gave a created card (the media call needs it): `POST /content/v2/get/cards/list`
	 * searching by seller article; null while the card is not created yet.
	 */
	async function findNmId(vendorCode: string): Promise<number | null> {
		const { body } = await call<{ cards?: { nmID?: number; vendorCode?: string }[] }>(
			'POST',
			`${hosts.content}/content/v2/get/cards/list`,
			{ settings: { cursor: { limit: 100 }, filter: { textSearch: vendorCode, withPhoto: -1 } } }
		);
		return body?.cards?.find((c) => c.vendorCode === vendorCode)?.nmID ?? null;
	}

	/** A prices task's processed state and, when some goods failed, each good's own (1000 a page). */
	async function priceTaskOutcome(uploadId: number): Promise<PriceTaskOutcome> {
		const { body } = await call<TaskHistoryResponse>(
			'GET',
			`${hosts.prices}/api/v2/history/tasks?uploadID=${uploadId}`
		);
		const status = body?.data?.status;
		if (status !== 3 && status !== 4 && status !== 5 && status !== 6) return { processed: false };
		if (status === 3 || status === 4) return { processed: true, status, goods: [] };
		const goods: { nmID: number; vendorCode?: string; accepted: boolean; errorText?: string }[] = [];
		const limit = 1000;
		for (let offset = 0; offset < 100 * limit; offset += limit) {
			const page = await call<GoodsHistoryResponse>(
				'GET',
				`${hosts.prices}/api/v2/history/goods/task?uploadID=${uploadId}&limit=${limit}&offset=${offset}`
			);
			const items = page.body?.data?.historyGoods ?? [];
			for (const g of items)
				if (typeof g.nmID === 'number')
					goods.push({
						nmID: g.nmID,
						vendorCode: g.vendorCode,
						accepted: g.status === 2,
						errorText: g.errorText || undefined
					});
			if (items.length < limit) break;
		}
		return { processed: true, status, goods };
	}

	return {
		marketplace: 'wildberries',
		findNmId,
		priceTaskOutcome,
		testConnection,
		exportCards,
		readErrorList,
		saveMedia,
		uploadPrices,
		generateBarcodes
	};
}
