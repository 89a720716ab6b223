import { SECRET_PATHS } from './secret-paths.js';

/**
 * Rendered, compressed public responses, kept in this process and keyed by the version of the data,
 * the path with its query, and the encoding. An anonymous GET that hits it touches the database once
 * (to read the data version) and renders nothing.
 *
 * The data version is `core_data_change`: a statement trigger on every content table records each
 * writing transaction (`core_install_change_triggers`, run after every migration, so a module's new
 * tables are covered without a line of its own). The version is (count, max, sum) of the recorded
 * transactions, read under the same visibility as the page's own queries: a write that commits after
 * the version was read can only make the entry older than its key (one extra render later), never
 * newer. Entries also expire after `ttlMs` (relative dates on pages stay fresh).
 *
 * Never cached: a request with a session cookie or an Authorization header, anything but GET, a
 * response that is not 200, sets a cookie other than the language, or is a page holding a POST form
 * (forms carry per-visitor keys, e.g. against double submits); paths with a secret; `/healthz`.
 */

export const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?birge\.session_token=/;
const LOCALE_COOKIE = /^birge_locale=/;
const POST_FORM = /<form\b[^>]*\bmethod\s*=\s*["']?post/i;

interface Entry {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
	etag: string | null;
	at: number;
}

export interface PageCacheOptions {
	maxBytes?: number;
	ttlMs?: number;
	now?: () => number;
}

export interface PageCacheStats {
	hits: number;
	misses: number;
	stored: number;
	bytes: number;
	entries: number;
}

/** `"br"`, `"gzip"` or `"identity"`, as `compress` chooses it from the same header. */
export function encodingOf(request: Request): string {
	const accept = request.headers.get('accept-encoding') ?? '';
	return /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : 'identity';
}

/** Whether this request may be answered from (and fill) the cache. */
export function cacheableRequest(request: Request, url: URL): boolean {
	if (request.method !== 'GET') return false;
	if (request.headers.has('authorization')) return false;
	if (SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return false;
	const path = url.pathname;
	if (path === '/' || path === '/healthz' || path.startsWith('/files/') || path.includes('/exit'))
		return false;
	if (SECRET_PATHS.some(({ pattern }) => pattern.test(path))) return false;
	return true;
}

export class PageCache {
	readonly #entries = new Map<string, Entry>();
	readonly #maxBytes: number;
	readonly #ttlMs: number;
	readonly #now: () => number;
	#bytes = 0;
	readonly stats: PageCacheStats = { hits: 0, misses: 0, stored: 0, bytes: 0, entries: 0 };

	constructor(options: PageCacheOptions = {}) {
		this.#maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
		this.#ttlMs = options.ttlMs ?? 5 * 60_000;
		this.#now = options.now ?? Date.now;
	}

	key(version: string, request: Request, url: URL): string {
		// Accept matters to the API (JSON errors) and to SvelteKit's own data requests.
		const accept = /json/.test(request.headers.get('accept') ?? '') ? 'json' : 'html';
		return `${version}\n${url.pathname}${url.search}\n${encodingOf(request)}\n${accept}`;
	}

	/** A fresh Response for the key (the caller may add headers to it), or null. */
	get(key: string, request: Request): Response | null {
		const entry = this.#entries.get(key);
		if (!entry || this.#now() - entry.at > this.#ttlMs) {
			if (entry) this.#drop(key, entry);
			this.stats.misses++;
			return null;
		}
		// Most recently used last.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		this.stats.hits++;
		const headers = new Headers(entry.headers);
		headers.set('x-birge-cache', 'hit');
		if (entry.etag && request.headers.get('if-none-match') === entry.etag)
			return new Response(null, { status: 304, headers: { etag: entry.etag, vary: 'Accept-Encoding' } });
		return new Response(entry.body.slice(), { status: entry.status, headers });
	}

	/**
	 * Keeps `response` (already compressed) when it may be shared; `html` is the uncompressed page,
	 * checked for POST forms. Returns the response to send (a copy when it was read).
	 */
	async put(key: string, response: Response, html: string | null): Promise<Response> {
		if (response.status !== 200 || !response.body) return response;
		const cookies = response.headers.getSetCookie();
		if (cookies.some((c) => !LOCALE_COOKIE.test(c))) return response;
		if (html !== null && POST_FORM.test(html)) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers: [string, string][] = [];
		response.headers.forEach((value, name) => {
			if (name !== 'set-cookie') headers.push([name, value]);
		});
		const entry: Entry = {
			status: response.status,
			headers,
			body,
			etag: response.headers.get('etag'),
			at: this.#now()
		};
		const size = body.byteLength + key.length + 512;
		if (size <= this.#maxBytes / 8) {
			const old = this.#entries.get(key);
			if (old) this.#drop(key, old);
			this.#entries.set(key, entry);
			this.#bytes += size;
			this.stats.stored++;
			while (this.#bytes > this.#maxBytes) {
				const [oldestKey, oldest] = this.#entries.entries().next().value!;
				this.#drop(oldestKey, oldest);
			}
			this.stats.bytes = this.#bytes;
			this.stats.entries = this.#entries.size;
		}
		return new Response(body.slice(), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	}

	#drop(key: string, entry: Entry) {
		this.#entries.delete(key);
		this.#bytes -= entry.body.byteLength + key.length + 512;
		this.stats.bytes = this.#bytes;
		this.stats.entries = this.#entries.size;
	}
}

/** The data version (now in core, where modules can key what they precompute by it). */
export { dataVersion } from '#lib/server/core/data-version';
