/**
 * The HTTP layer both marketplace clients share: JSON requests through an injected `fetch`, retries
 * with backoff on 429 and 5xx that respect the marketplace's own wait header, and a log that can never
 * see a credential. Credentials travel only in the `headers` argument of `request` and are never passed
 * to the log, to an error, or to a result (a test captures every log line to prove it).
 */
export type ClientLog = (
	level: 'info' | 'warn',
	event: string,
	fields: Record<string, string | number | boolean | undefined>
) => void;

export interface ClientDeps {
	fetch: typeof globalThis.fetch;
	/** Waits `ms`; tests pass a fake that records the waits instead of sleeping. */
	sleep: (ms: number) => Promise<void>;
	log?: ClientLog;
	/** Retries after the first attempt (429 and 5xx). */
	maxRetries?: number;
	/** The first backoff; doubles each retry. */
	backoffMs?: number;
	/** A wait longer than this is not slept: the call fails as rate-limited with the wait given back. */
	maxWaitMs?: number;
}

export class MarketplaceHttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		/** How long the marketplace asked to wait, when it said so (429). */
		readonly retryAfterMs?: number
	) {
		super(`marketplace answered ${status}`);
		this.name = 'MarketplaceHttpError';
	}
}

export interface JsonResponse<T> {
	status: number;
	body: T;
	headers: Headers;
}

/** How long a 429 asks to wait: each marketplace's own header, else the standard Retry-After. */
export type RetryAfter = (headers: Headers) => number | undefined;

export const standardRetryAfter: RetryAfter = (headers) => {
	const value = headers.get('retry-after');
	if (!value) return undefined;
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
};

export async function request<T>(
	deps: ClientDeps,
	marketplace: string,
	options: {
		method: 'GET' | 'POST';
		url: string;
		headers: Record<string, string>;
		body?: unknown;
		retryAfter: RetryAfter;
	}
): Promise<JsonResponse<T>> {
	const maxRetries = deps.maxRetries ?? 4;
	const backoff = deps.backoffMs ?? 1000;
	const maxWait = deps.maxWaitMs ?? 120_000;
	const path = new URL(options.url).pathname;
	for (let attempt = 0; ; attempt++) {
		let response: Response;
		try {
			response = await deps.fetch(options.url, {
				method: options.method,
				headers: {
					Accept: 'application/json',
					...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
					...options.headers
				},
				body: options.body !== undefined ? JSON.stringify(options.body) : undefined
			});
		} catch (error) {
			deps.log?.('warn', 'marketplace.network', { marketplace, path, attempt, name: (error as Error).name });
			if (attempt >= maxRetries) throw new MarketplaceHttpError(0, null);
			await deps.sleep(backoff * 2 ** attempt);
			continue;
		}
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			// Not JSON (a proxy's error page): kept as text for the caller, never logged.
		}
		const retryable = response.status === 429 || response.status >= 500;
		if (!retryable) {
			deps.log?.('info', 'marketplace.response', { marketplace, path, status: response.status, attempt });
			if (response.status >= 400) throw new MarketplaceHttpError(response.status, body);
			return { status: response.status, body: body as T, headers: response.headers };
		}
		const asked = response.status === 429 ? options.retryAfter(response.headers) : undefined;
		const wait = asked ?? backoff * 2 ** attempt;
		deps.log?.('warn', 'marketplace.retry', {
			marketplace,
			path,
			status: response.status,
			attempt,
			waitMs: wait
		});
		if (attempt >= maxRetries || wait > maxWait) throw new MarketplaceHttpError(response.status, body, asked);
		await deps.sleep(wait);
	}
}

/** Spaces calls of one kind (Wildberries card writes: one per 6 s) within one client. */
export class Pacer {
	private last = -Infinity;
	constructor(
		private readonly intervalMs: number,
		private readonly now: () => number,
		private readonly sleep: (ms: number) => Promise<void>
	) {}
	async next(): Promise<void> {
		const due = this.last + this.intervalMs - this.now();
		if (due > 0) await this.sleep(due);
		this.last = Math.max(this.now(), this.last + this.intervalMs);
	}
}
