import { randomBytes } from 'node:crypto';
import { redirect, isHttpError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { startApp, type App } from '#lib/server/app';
import { startBotInProcess } from '#lib/server/bot/runtime';
import { config } from '#lib/server/config';
import { ANONYMOUS, moduleJobs, startJobs, translateError } from '#lib/server/core';
import { BOT_JOBS } from '#lib/server/bot/jobs';
import { MODULES } from '#lib/server/modules';
import { accounts } from '#lib/server/modules/accounts';
import { describeError, log } from '#lib/server/log';
import { checkCrossSite, securityHeaders } from '#lib/server/web/security';
import { compress } from '#lib/server/web/compress';
import { cleanTarget, inspectBody } from '#lib/server/web/guard';
import { hostAllowed, publicOrigin } from '#lib/server/web/origin';
import { loggablePath } from '#lib/server/web/secret-paths.js';
import { apiErrorBody } from '#lib/server/web/api';
import { isPrivatePath, LOCALE_COOKIE, negotiateLocale } from '#lib/server/web/locale';
import { isLocale, LOCALE_TAGS, type Locale } from '#lib/i18n/locales';
import { t, type MessageKey, type MessageParams } from '#lib/i18n/messages';
import { backupApp, signalBackupDir } from '#lib/server/operations';
import {
	PageCache,
	DataVersions,
	answerFromCache,
	cacheableRequest,
	type CacheRequest
} from '#lib/server/web/page-cache';
import { ASSETS, LEGACY_ASSETS } from '#lib/asset-urls';

/**
 * The web server's one App, started by `init` (the composition root). Requests reach it through
 * `event.locals` (`ctx`, and `app` for the few edge routes that need the App itself, e.g. health).
 */
let started: App | null = null;
let pageCache: PageCache | null = null;
let versions: DataVersions | null = null;

export const init: ServerInit = async () => {
	const app = await startApp();
	started = app;
	pageCache = app.config.BIRGE_PAGE_CACHE_MB
		? new PageCache({ maxBytes: app.config.BIRGE_PAGE_CACHE_MB * 1024 * 1024 })
		: null;
	if (pageCache) await listenForChanges(app);
	// Jobs run here unless BIRGE_JOBS=off (then `npm run worker` runs them in a process of its own).
	const jobs = app.config.BIRGE_JOBS
		? startJobs(app.platform, app.database.db, [...moduleJobs(MODULES), ...BOT_JOBS])
		: null;
	// The Telegram bot (TELEGRAM_BOT_TOKEN) runs here with PGlite; with PostgreSQL `npm run bot` runs it.
	const stopBot = await startBotInProcess(app);
	const close = async () => {
		await stopBot?.();
		await jobs?.stop();
		await app.close();
	};
	// adapter-node emits this after the HTTP server has closed; our server.js awaits the global.
	process.once('sveltekit:shutdown' as never, close);
	(globalThis as { __birgeClose?: () => Promise<void> }).__birgeClose = close;
	// `kill -USR2 <pid>`: a backup from inside the running server (the embedded database admits one
	// process, so the CLI cannot back it up while the server runs). Written to <data dir>/backups/<time>.
	process.on('SIGUSR2', () => {
		const dir = signalBackupDir(app);
		backupApp(app, dir).then(
			(m) => log.info('backup written', { dir, tables: Object.keys(m.tables).length, files: m.files.length }),
			(error: unknown) => log.error('backup failed', { dir, error: String(error) })
		);
	});
	log.info('birge ready', { database: app.database.kind });
};

/**
 * The page cache's data version, in memory while the database's change notifications reach this
 * process (then a hit touches no database), and the server's fast path: scripts/server.js answers a
 * hit from the raw request before SvelteKit builds a Request (same rules: `answerFromCache`).
 */
async function listenForChanges(app: App) {
	const v = new DataVersions(app.database.db);
	versions = v;
	try {
		const unlisten = await app.database.listen(
			'birge_data_change',
			() => v.bump(),
			() => v.bump()
		);
		v.setListening(true);
		process.once('sveltekit:shutdown' as never, () => {
			v.setListening(false);
			void unlisten().catch(() => {});
		});
	} catch (error) {
		log.warn('page cache: no change notifications, reading the data version per request', {
			error: describeError(error)
		});
	}
	const cfg = config();
	(globalThis as { __birgeCachedPage?: unknown }).__birgeCachedPage = (request: CacheRequest) => {
		const version = pageCache && v.current();
		return version ? answerFromCache(pageCache!, version, request, (host) => hostAllowed(cfg, host)) : null;
	};
}

const isApi = (event: RequestEvent) => event.url.pathname.startsWith('/api/');

/** The request's language before the locale hook ran: the URL's prefix, else negotiation. */
function earlyLocale(event: RequestEvent): Locale {
	const first = event.url.pathname.split('/')[1];
	if (isLocale(first)) return first;
	let cookie: string | undefined;
	try {
		cookie = event.cookies.get(LOCALE_COOKIE);
	} catch {
		cookie = undefined;
	}
	return negotiateLocale(event.request, cookie, event.url);
}

/** A refusal before any route runs: JSON for the API, a small page in her language otherwise. */
function refuse(
	event: RequestEvent,
	status: number,
	code: string,
	key: MessageKey,
	params?: MessageParams
): Response {
	const locale = earlyLocale(event);
	const message = t(locale, key, params);
	const wantsJson = (event.request.headers.get('accept') ?? '').includes('json') || isApi(event);
	if (wantsJson)
		return new Response(JSON.stringify(apiErrorBody(code, message)), {
			status,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	const title = t(locale, 'error_page_title', { status });
	const html = `<!doctype html><html lang="${LOCALE_TAGS[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
	const headers = new Headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
	securityHeaders(headers, { privatePage: false });
	headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	return new Response(html, { status, headers });
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * 0. The request id, and the Host check: without ORIGIN only loopback hosts are answered, so no
 * link can be built for, and no mail sent from, a forged host.
 */
const edge: Handle = async ({ event, resolve }) => {
	event.locals.requestId = randomBytes(8).toString('hex');
	const cfg = config();
	if (!hostAllowed(cfg, event.request.headers.get('host') ?? event.url.host))
		return refuse(event, 421, 'MISDIRECTED', 'error_host_not_allowed', { origin: publicOrigin(cfg) });
	// A page cached before the assets had hashed names: to the current file, remembered only briefly
	// (the target changes with every release; the target itself is cached for a year).
	const legacy =
		event.request.method === 'GET' || event.request.method === 'HEAD'
			? LEGACY_ASSETS[event.url.pathname]
			: undefined;
	if (legacy)
		return new Response(null, {
			status: 302,
			headers: { location: legacy, 'cache-control': 'public, max-age=600' }
		});
	return resolve(event);
};

/** 2. The input guard: NUL bytes, invalid UTF-8 and unreadable bodies → 400 before any route runs. */
const inputs: Handle = async ({ event, resolve }) => {
	const raw = rawTarget(event);
	if (!cleanTarget(raw.pathname, raw.search)) return refuse(event, 400, 'INVALID', 'error_bad_request');
	const verdict = await inspectBody(event.request, { form: !isApi(event) });
	if (!verdict.ok) return refuse(event, 400, 'INVALID', 'error_bad_request');
	return resolve(event);
};

/** The path and query as sent (SvelteKit's URL has already decoded some of it). */
function rawTarget(event: RequestEvent): { pathname: string; search: string } {
	const url = new URL(event.request.url);
	return { pathname: url.pathname, search: url.search };
}

/** 1. Cross-site requests with side effects are refused before anything runs. */
const crossSite: Handle = async ({ event, resolve }) => {
	const trusted = publicOrigin(config());
	if (checkCrossSite(event.request, event.url, trusted) === 'deny')
		return refuse(event, 403, 'FORBIDDEN', 'error_cross_site');
	return resolve(event);
};

/** 3. Locale from the URL; `/` redirects by cookie, then Accept-Language (default ru). */
const locale: Handle = async ({ event, resolve }) => {
	const privatePage = isPrivatePath(event.url.pathname);
	event.locals.private = privatePage;
	const first = event.url.pathname.split('/')[1];
	if (event.url.pathname === '/') {
		const target = negotiateLocale(event.request, event.cookies.get(LOCALE_COOKIE), event.url);
		redirect(303, `/${target}`);
	}
	if (isLocale(first)) {
		event.locals.locale = first;
		// Remember the language for the next visit to `/`, except on private pages (no cookies).
		const rememberLocale =
			!privatePage && event.request.method === 'GET' && event.cookies.get(LOCALE_COOKIE) !== first;
		if (rememberLocale) {
			event.cookies.set(LOCALE_COOKIE, first, {
				path: '/',
				maxAge: 60 * 60 * 24 * 365,
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:'
			});
		}
	} else {
		event.locals.locale = negotiateLocale(event.request, event.cookies.get(LOCALE_COOKIE), event.url);
	}
	// Anonymous GETs of public pages: from the cache of rendered, compressed responses when the data
	// they show has not changed (one database read); see web/page-cache.ts.
	let cacheKey: string | null = null;
	if (pageCache && versions && cacheableRequest(event.request, event.url)) {
		const version = await versions.read();
		// Keyed by the target as sent (as the server's fast path sees it), not SvelteKit's decoded URL.
		const raw = new URL(event.request.url);
		cacheKey = pageCache.key(version, event.request, raw);
		const hit = answerFromCache(
			pageCache,
			version,
			{
				method: event.request.method,
				target: raw.pathname + raw.search,
				header: (name) => event.request.headers.get(name),
				secure: event.url.protocol === 'https:'
			},
			() => true
		);
		if (hit) return new Response(hit.body?.slice() ?? null, { status: hit.status, headers: hit.headers });
	}
	let response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%birge.lang%', LOCALE_TAGS[event.locals.locale])
				.replace('%birge.css%', ASSETS.css)
				// The meta tag would override the header: private pages send no referrer at all.
				.replace('%birge.referrer%', privatePage ? 'no-referrer' : 'strict-origin-when-cross-origin')
	});
	// An error that escaped an API endpoint: the API's own error body, whatever the Accept header.
	const failure = event.locals.failure;
	if (failure && isApi(event) && response.status >= 400) {
		response = new Response(
			JSON.stringify(apiErrorBody(failure.code, failure.message, {}, failure.requestId)),
			{ status: failure.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } }
		);
	}
	securityHeaders(response.headers, { privatePage });
	if (!cacheKey || !pageCache || response.status !== 200) return compress(event.request, response);
	const html = (response.headers.get('content-type') ?? '').startsWith('text/html')
		? await response.clone().text()
		: null;
	return pageCache.put(cacheKey, await compress(event.request, response), html);
};

/** 4. Session → actor → service context. Private pages never read or refresh a session. */
const context: Handle = async ({ event, resolve }) => {
	if (!started) throw new Error('Birge is not started');
	const app = started;
	event.locals.app = app;
	let actor = ANONYMOUS;
	event.locals.sessionId = null;
	event.locals.user = null;
	if (!event.locals.private) {
		const session = await accounts.sessionFromHeaders(app.context(), event.request.headers);
		if (session) {
			actor = session.actor;
			event.locals.sessionId = session.sessionId;
			event.locals.user = session.user;
		}
	}
	event.locals.ctx = app.context({
		actor,
		locale: event.locals.locale,
		clientKey: event.locals.private ? undefined : safeClientAddress(event)
	});
	return resolve(event);
};

function safeClientAddress(event: Parameters<Handle>[0]['event']): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}

export const handle = sequence(edge, crossSite, inputs, locale, context);

/**
 * Errors thrown in a load, an action or an endpoint. A service's AppError becomes its own status
 * (403, 404, 409…) with its message in her language; anything else is a 500, logged with the
 * request id, the route pattern and what identifies the error (never request data or query
 * parameters), and the page shows the id.
 */
export const handleError: HandleServerError = ({ kind, error, event }) => {
	const locale = event.locals.locale ?? earlyLocale(event);
	if (kind === 'unknown') {
		const translated = translateError(error, locale);
		if (translated) {
			event.locals.failure = {
				status: translated.status,
				code: translated.code,
				message: translated.message
			};
			return { status: translated.status, message: translated.message, code: translated.code };
		}
		const requestId = event.locals.requestId ?? randomBytes(8).toString('hex');
		log.error('server error', {
			requestId,
			route: event.route.id ?? loggablePath(event.url.pathname),
			method: event.request.method,
			// Private pages (/care): the error's name only; its message could quote the URL or the query.
			error: isPrivatePath(event.url.pathname)
				? { name: error instanceof Error ? error.name : 'Error' }
				: describeError(error)
		});
		const message = t(locale, 'error_server');
		event.locals.failure = { status: 500, code: 'SERVER_ERROR', message, requestId };
		return { message, id: requestId };
	}
	if (kind === 'framework' && error.status === 404) {
		const message = t(locale, 'error_not_found');
		event.locals.failure = { status: 404, code: 'NOT_FOUND', message };
		return { message };
	}
	if (kind === 'framework' && error.status === 405) {
		event.locals.failure = { status: 405, code: 'METHOD_NOT_ALLOWED', message: error.message };
		return;
	}
	if (kind === 'framework' && error.status >= 400 && error.status < 500) {
		const message = t(locale, 'error_bad_request');
		event.locals.failure = { status: error.status, code: 'INVALID', message };
		return { message };
	}
	if (isHttpError(error)) return;
	return;
};
