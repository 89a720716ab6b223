import { fail, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { isAppError, newIdempotencyKey } from '#lib/server/core';
import { t } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

/** What a failed form action returns: one message for the form, one per field, and what was typed. */
export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

const SECRET_FIELDS = /password|code|token/i;

/** Form values to echo back after a failure, never including secrets. */
export function echoValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key) && !key.startsWith('_')) values[key] = value;
	}
	return values;
}

/**
 * Maps a service error to a form failure in the user's language (the one map from AppError codes
 * to form errors). Unknown errors are rethrown: SvelteKit logs them and shows the 500 page.
 */
export function formFailure(error: unknown, locale: Locale, form: FormData) {
	if (!isAppError(error)) throw error;
	const fields: Record<string, string> = {};
	for (const [name, fieldError] of Object.entries(error.fields))
		fields[name] = t(locale, fieldError.key, fieldError.params);
	const params = error.code === 'RATE_LIMITED' ? { count: error.retryAfterSeconds ?? 60 } : error.params;
	return fail(error.status, {
		message: t(locale, error.messageKey, params),
		fields,
		values: echoValues(form)
	} satisfies FormFailure);
}

/** Headers passed to the auth library: the session cookie and user agent only. */
export function authHeaders(event: RequestEvent): Headers {
	const headers = new Headers();
	const cookie = event.request.headers.get('cookie');
	if (cookie) headers.set('cookie', cookie);
	const agent = event.request.headers.get('user-agent');
	if (agent) headers.set('user-agent', agent.slice(0, 300));
	return headers;
}

/** Applies Set-Cookie headers produced by the auth library through SvelteKit's cookie API. */
export function applySetCookies(cookies: Cookies, setCookies: string[]) {
	for (const header of setCookies) {
		const [pair, ...attributes] = header.split(';').map((p) => p.trim());
		const eq = pair.indexOf('=');
		if (eq < 1) continue;
		const name = pair.slice(0, eq);
		const value = pair.slice(eq + 1);
		const options: Parameters<Cookies['set']>[2] = { path: '/', encode: (v: string) => v };
		for (const attribute of attributes) {
			const [rawKey, ...rest] = attribute.split('=');
			const key = rawKey.toLowerCase();
			const v = rest.join('=');
			if (key === 'max-age') options.maxAge = Number(v);
			else if (key === 'expires') options.expires = new Date(v);
			else if (key === 'path') options.path = v;
			else if (key === 'httponly') options.httpOnly = true;
			else if (key === 'secure') options.secure = true;
			else if (key === 'samesite') options.sameSite = v.toLowerCase() as 'lax' | 'strict' | 'none';
		}
		options.secure ??= false;
		cookies.set(name, value, options);
	}
}

/** A fresh key for a form's hidden `_once` field (double submits create one record). */
export const formKey = newIdempotencyKey;
