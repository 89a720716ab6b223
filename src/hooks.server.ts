import { redirect, isHttpError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { startApp } from '#lib/server/app';
import { config } from '#lib/server/config';
import { createContext, ANONYMOUS, isAppError, moduleJobs, startJobs } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { accounts } from '#lib/server/modules/accounts';
import { log } from '#lib/server/log';
import { getApp, setApp } from '#lib/server/web/runtime';
import { checkCrossSite, securityHeaders } from '#lib/server/web/security';
import { compress } from '#lib/server/web/compress';
import { isPrivatePath, LOCALE_COOKIE, negotiateLocale } from '#lib/server/web/locale';
import { isLocale, LOCALE_TAGS } from '#lib/i18n/locales';
import { t } from '#lib/i18n/messages';

export const init: ServerInit = async () => {
	const app = await startApp();
	setApp(app);
	// Jobs run here unless BIRGE_JOBS=off (then `npm run worker` runs them in a process of its own).
	const jobs = app.config.BIRGE_JOBS ? startJobs(app.database.db, moduleJobs(MODULES)) : null;
	const close = async () => {
		await jobs?.stop();
		await app.close();
	};
	// adapter-node emits this after the HTTP server has closed; our server.js awaits the global.
	process.once('sveltekit:shutdown' as never, close);
	(globalThis as { __birgeClose?: () => Promise<void> }).__birgeClose = close;
	log.info('birge ready', { database: app.database.kind });
};

/** 1. Cross-site requests with side effects are refused before anything runs. */
const crossSite: Handle = async ({ event, resolve }) => {
	const trusted = config().ORIGIN ?? event.url.origin;
	if (checkCrossSite(event.request, event.url, new URL(trusted).origin) === 'deny') {
		const locale = negotiateLocale(event.request, event.cookies.get(LOCALE_COOKIE), event.url);
		const message = t(locale, 'error_cross_site');
		const wantsJson =
			(event.request.headers.get('accept') ?? '').includes('json') || event.url.pathname.startsWith('/api/');
		return wantsJson
			? new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message } }), {
					status: 403,
					headers: { 'content-type': 'application/json' }
				})
			: new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

/** 2. Locale from the URL; `/` redirects by cookie, then Accept-Language (default ru). */
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
		if (!privatePage && event.request.method === 'GET' && event.cookies.get(LOCALE_COOKIE) !== first) {
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
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%birge.lang%', LOCALE_TAGS[event.locals.locale])
				// The meta tag would override the header: private pages send no referrer at all.
				.replace('%birge.referrer%', privatePage ? 'no-referrer' : 'strict-origin-when-cross-origin')
	});
	securityHeaders(response.headers, { privatePage });
	return compress(event.request, response);
};

/** 3. Session → actor → service context. Private pages never read or refresh a session. */
const context: Handle = async ({ event, resolve }) => {
	const app = getApp();
	let actor = ANONYMOUS;
	event.locals.sessionId = null;
	event.locals.user = null;
	if (!event.locals.private) {
		const session = await accounts.sessionFromHeaders(app, event.request.headers);
		if (session) {
			actor = session.actor;
			event.locals.sessionId = session.sessionId;
			event.locals.user = session.user;
		}
	}
	event.locals.ctx = createContext(app.database.db, {
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

export const handle = sequence(crossSite, locale, context);

/** Unexpected errors: logged without request data; the user sees a message in her language. */
export const handleError: HandleServerError = ({ kind, error, event }) => {
	const locale = event.locals.locale ?? 'ru';
	if (kind === 'unknown') {
		if (isAppError(error)) return { message: t(locale, error.messageKey, error.params), code: error.code };
		// Private pages (/care): the route only; an error message could quote the URL or the query.
		log.error('unhandled error', {
			route: event.route.id,
			error: isPrivatePath(event.url.pathname)
				? { name: error instanceof Error ? error.name : 'Error' }
				: error instanceof Error
					? error
					: new Error(String(error))
		});
		return { message: t(locale, 'error_server') };
	}
	if (kind === 'framework' && error.status === 404) return { message: t(locale, 'error_not_found') };
	if (isHttpError(error)) return;
	return;
};
