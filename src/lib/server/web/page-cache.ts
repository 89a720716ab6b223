import type { Db } from '#lib/server/db';
import { dataVersion } from '#lib/server/core/data-version';
import { isLocale } from '#lib/i18n/locales';
import { SECRET_PATHS } from './secret-paths.js';
import { isPrivatePath, LOCALE_COOKIE as LOCALE_COOKIE_NAME } from './locale';

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

/** What the cache answers: status, headers and the compressed body (null for a 304). */
export interface CachedAnswer {
	status: number;
	headers: [string, string][];
	/** The same headers flattened (name, value, name, value…), as Node's `writeHead` takes them. */
	raw: string[];
	body: Uint8Array | null;
}

/** The cache key: data version, path with query, encoding, and whether JSON was asked for. */
export function pageKey(
	version: string,
	target: string,
	acceptEncoding: string | null | undefined,
	accept: string | null | undefined
): string {
	// Accept matters to the API (JSON errors) and to SvelteKit's own data requests.
	const kind = /json/.test(accept ?? '') ? 'json' : 'html';
	return `${version}\n${target}\n${encodingFrom(acceptEncoding)}\n${kind}`;
}

function encodingFrom(accept: string | null | undefined): string {
	return /\bbr\b/.test(accept ?? '') ? 'br' : /\bgzip\b/.test(accept ?? '') ? 'gzip' : 'identity';
}

interface Entry {
	status: number;
	headers: [string, string][];
	raw: string[];
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
	return encodingFrom(request.headers.get('accept-encoding'));
}

/** Whether this request may be answered from (and fill) the cache. */
export function cacheableRequest(request: Request, url: URL): boolean {
	return cacheableTarget(
		request.method,
		url.pathname,
		request.headers.has('authorization'),
		request.headers.get('cookie')
	);
}

/** The same rule over plain values (the server's fast path has no Request). */
export function cacheableTarget(
	method: string | undefined,
	path: string,
	hasAuthorization: boolean,
	cookie: string | null | undefined
): boolean {
	if (method !== 'GET') return false;
	if (hasAuthorization) return false;
	if (SESSION_COOKIE.test(cookie ?? '')) return false;
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
		return pageKey(
			version,
			url.pathname + url.search,
			request.headers.get('accept-encoding'),
			request.headers.get('accept')
		);
	}

	/** A fresh Response for the key (the caller may add headers to it), or null. */
	get(key: string, request: Request): Response | null {
		const hit = this.lookup(key, request.headers.get('if-none-match'));
		if (!hit) return null;
		return new Response(hit.body?.slice() ?? null, { status: hit.status, headers: hit.headers });
	}

	/**
	 * The stored answer for the key, as plain data (the server's fast path writes it to the socket
	 * without building a Request or a Response): a 304 when `ifNoneMatch` is the stored ETag.
	 */
	lookup(key: string, ifNoneMatch: string | null): CachedAnswer | null {
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
		if (entry.etag && ifNoneMatch === entry.etag)
			return {
				status: 304,
				headers: [
					['etag', entry.etag],
					['vary', 'Accept-Encoding']
				],
				raw: ['etag', entry.etag, 'vary', 'Accept-Encoding'],
				body: null
			};
		return { status: entry.status, headers: entry.headers, raw: entry.raw, body: entry.body };
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
		headers.push(['x-birge-cache', 'hit']);
		const entry: Entry = {
			status: response.status,
			headers,
			raw: headers.flat(),
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

/**
 * The data version a request's cache key starts with. While the process listens to the database's
 * `birge_data_change` notifications (sent by the same trigger, on commit only) the version is a
 * counter in memory and a cache hit touches no database at all; a listener that reconnects bumps it
 * (notifications may have been missed meanwhile). Without a listener, each request reads
 * `core_data_change` (one query).
 *
 * A notification arrives just after its commit, so for that moment an anonymous visitor can still be
 * served the page as it was; a signed-in writer never is (her requests bypass the cache).
 */
export class DataVersions {
	readonly #db: Db;
	readonly #epoch = Date.now().toString(36);
	#counter = 0;
	#listening = false;

	constructor(db: Db) {
		this.#db = db;
	}

	/** Counts a change (a notification, or a reconnect after which some may have been missed). */
	bump(): void {
		this.#counter++;
	}

	/** Marks the listener as live (or not, after it failed); either way the version moves on. */
	setListening(live: boolean): void {
		this.#listening = live;
		this.#counter++;
	}

	/** The version without a database read, or null when no listener is live. */
	current(): string | null {
		return this.#listening ? `m${this.#epoch}:${this.#counter}` : null;
	}

	async read(): Promise<string> {
		return this.current() ?? (await dataVersion(this.#db));
	}
}

/** The data version (in core, where modules can key what they precompute by it). */
export { dataVersion };

const PLAIN_TARGET = /^\/[\w\-/.~?=&%+,:@]*$/;

/** What the cache needs to know of a request, from a Request or from Node's IncomingMessage. */
export interface CacheRequest {
	method: string | undefined;
	/** Path and query as sent. */
	target: string;
	header(name: string): string | null | undefined;
	secure: boolean;
}

/**
 * A cached answer to an anonymous GET, with the language cookie it must set (a hit skips the locale
 * hook), or null. `allowedHost` is the Host check of the edge hook, which a hit must pass as well.
 */
export function answerFromCache(
	cache: PageCache,
	version: string,
	request: CacheRequest,
	allowedHost: (host: string | null | undefined) => boolean
): CachedAnswer | null {
	const path = request.target.split('?', 1)[0];
	if (
		!cacheableTarget(request.method, path, !!request.header('authorization'), request.header('cookie')) ||
		!allowedHost(request.header('host'))
	)
		return null;
	// The target as the URL parser would write it (a plain one, the usual case, is already so).
	let target = request.target;
	if (!PLAIN_TARGET.test(target) || target.includes('/.'))
		try {
			const url = new URL(request.target, 'http://x');
			target = url.pathname + url.search;
		} catch {
			return null;
		}
	const answer = cache.lookup(
		pageKey(version, target, request.header('accept-encoding'), request.header('accept')),
		request.header('if-none-match') ?? null
	);
	if (!answer) return null;
	const cookie = localeCookieFor(path, request.header('cookie'), request.secure);
	return cookie
		? {
				...answer,
				headers: [...answer.headers, ['set-cookie', cookie]],
				raw: [...answer.raw, 'set-cookie', cookie]
			}
		: answer;
}

/** The `birge_locale` cookie the locale hook would set for this GET, or null. */
export function localeCookieFor(
	path: string,
	cookieHeader: string | null | undefined,
	secure: boolean
): string | null {
	const first = path.split('/')[1];
	if (!isLocale(first) || isPrivatePath(path)) return null;
	const current = /(?:^|;\s*)birge_locale=([^;]*)/.exec(cookieHeader ?? '')?.[1];
	if (current === first) return null;
	return (
		`${LOCALE_COOKIE_NAME}=${first}; Max-Age=${60 * 60 * 24 * 365}; Path=/; HttpOnly; SameSite=Lax` +
		(secure ? '; Secure' : '')
	);
}
