import type { ExportSettings } from './card';
import {
	connectionFailure,
	OZON_HOSTS,
	type ConnectionResult,
	type ExportProgress,
	type ExportRequest,
	type ExportResult,
	type MarketplaceClient,
	type MarketplaceMessage
} from './client';
import {
	MarketplaceHttpError,
	request,
	standardRetryAfter,
	type ClientDeps,
	type RetryAfter
} from './client-http';
import { ozonImportBodies, ozonItems, type OzonItem } from './format-ozon';
import { validateOzon } from './validate-ozon';

/**
 * Ozon Seller API client. `Client-Id` and `Api-Key` go in headers and nowhere else. An import returns
 * a task id; the task is polled with `/v1/product/import/info` until every item is imported, failed
 * or skipped, and each failure is kept by field and attribute as Ozon words it. A 429 waits as long
 * as `Item-Retry-After` says (minutes); a wait past `maxWaitMs` (the daily quota) ends the call.
 */
export interface OzonOptions extends ClientDeps {
	clientId: string;
	apiKey: string;
	settings: ExportSettings;
	hosts?: Partial<typeof OZON_HOSTS>;
	/** Between polls of an import task. */
	pollIntervalMs?: number;
	/** Polls before an item still pending is reported as pending. */
	maxPolls?: number;
}

const ozonRetryAfter: RetryAfter = (headers) => {
	const minutes = Number(headers.get('item-retry-after'));
	return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : standardRetryAfter(headers);
};

interface ImportInfoItem {
	offer_id: string;
	product_id?: number;
	status: 'pending' | 'imported' | 'failed' | 'skipped' | string;
	errors?: {
		code?: string;
		field?: string;
		attribute_id?: number;
		attribute_name?: string;
		level?: string;
		state?: string;
		message?: string;
		description?: string;
		texts?: { message?: string; description?: string };
	}[];
}

function ozonMessage(e: NonNullable<ImportInfoItem['errors']>[number]): MarketplaceMessage {
	return {
		message: e.message || e.texts?.message || e.description || e.texts?.description || e.code || '',
		code: e.code,
		field: e.field || undefined,
		attributeId: e.attribute_id || undefined,
		attributeName: e.attribute_name || undefined,
		level: e.level
	};
}

function bodyMessage(body: unknown): MarketplaceMessage[] {
	if (body && typeof body === 'object') {
		const b = body as { code?: unknown; message?: unknown };
		if (typeof b.message === 'string')
			return [{ message: b.message, code: b.code === undefined ? undefined : String(b.code) }];
	}
	return [{ message: 'request failed' }];
}

export function ozonClient(options: OzonOptions): MarketplaceClient {
	const hosts = { ...OZON_HOSTS, ...options.hosts };
	const headers = { 'Client-Id': options.clientId, 'Api-Key': options.apiKey };
	const call = <T>(path: string, body: unknown) =>
		request<T>(options, 'ozon', {
			method: 'POST',
			url: `${hosts.seller}${path}`,
			headers,
			body,
			retryAfter: ozonRetryAfter
		});

	async function testConnection(): Promise<ConnectionResult> {
		try {
			await call('/v4/product/info/limit', {});
			return { ok: true };
		} catch (error) {
			return connectionFailure(error instanceof MarketplaceHttpError ? error.status : 0);
		}
	}

	async function pollTask(taskId: number): Promise<Map<string, ImportInfoItem>> {
		const items = new Map<string, ImportInfoItem>();
		const maxPolls = options.maxPolls ?? 30;
		for (let poll = 0; poll < maxPolls; poll++) {
			if (poll > 0) await options.sleep(options.pollIntervalMs ?? 5000);
			const { body } = await call<{ result?: { items?: ImportInfoItem[] } }>('/v1/product/import/info', {
				task_id: taskId
			});
			for (const item of body?.result?.items ?? []) items.set(item.offer_id, item);
			const list = [...items.values()];
			if (list.length > 0 && list.every((i) => i.status !== 'pending')) break;
		}
		return items;
	}

	async function exportCards(
		requests: ExportRequest[],
		onProgress?: ExportProgress
	): Promise<ExportResult[]> {
		const results: ExportResult[] = [];
		const owner = new Map<OzonItem, ExportResult>();
		for (const { card, category } of requests) {
			const problems = validateOzon(card, options.settings, category);
			const result: ExportResult = {
				productCode: card.productCode,
				offerIds: [],
				status: 'blocked',
				problems,
				errors: []
			};
			results.push(result);
			if (problems.some((p) => p.severity === 'error')) continue;
			for (const item of ozonItems(card, options.settings)) {
				owner.set(item, result);
				result.offerIds.push(item.offer_id);
			}
		}
		let done = results.filter((r) => r.status === 'blocked').length;
		onProgress?.(done, results.length);
		for (const body of ozonImportBodies([...owner.keys()])) {
			const cards = [...new Set(body.items.map((i) => owner.get(i)!))];
			let statuses: Map<string, ImportInfoItem>;
			try {
				const { body: answer } = await call<{ result?: { task_id?: number } }>('/v3/product/import', body);
				const taskId = answer?.result?.task_id;
				if (taskId === undefined) throw new MarketplaceHttpError(200, answer);
				statuses = await pollTask(taskId);
			} catch (error) {
				const errors =
					error instanceof MarketplaceHttpError ? bodyMessage(error.body) : [{ message: 'request failed' }];
				for (const r of cards) Object.assign(r, { status: 'failed', errors });
				done += cards.length;
				onProgress?.(done, results.length);
				continue;
			}
			for (const r of cards) {
				const items = r.offerIds.map((id) => statuses.get(id));
				r.errors = items.flatMap((i) =>
					(i?.errors ?? []).map((e) => ({ ...ozonMessage(e), offerId: i!.offer_id }))
				);
				const states = items.map((i) => i?.status ?? 'pending');
				r.status = states.includes('failed')
					? 'failed'
					: states.includes('pending')
						? 'pending'
						: states.every((s) => s === 'skipped')
							? 'skipped'
							: 'accepted';
			}
			done += cards.length;
			onProgress?.(done, results.length);
		}
		return results;
	}

	return { marketplace: 'ozon', testConnection, exportCards };
}
