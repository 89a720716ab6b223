import { fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, newIdempotencyKey, parseInput, translateError } from '#lib/server/core';
import type { Locale } from '#lib/i18n/locales';

/** What a failed form action returns: one message for the form, one per field, and what was typed. */
export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

const SECRET_FIELDS = /password|code|token/i;

/** Form values to echo back after a failure, never including secrets. */
export function echoValues(form: FormData | null): Record<string, string> {
	const values: Record<string, string> = {};
	if (!form) return values;
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key) && !key.startsWith('_')) values[key] = value;
	}
	return values;
}

/**
 * Maps a service error to a form failure in the user's language (the one map from AppError codes
 * to form errors, through core's translateError). Unknown errors are rethrown: the error hook logs
 * them with a request id and shows the 500 page. `extra` is merged into the failure's data.
 */
export function formFailure<E extends Record<string, unknown> = Record<never, never>>(
	error: unknown,
	locale: Locale,
	form: FormData | null,
	extra?: E
) {
	const translated = translateError(error, locale);
	if (!translated) throw error;
	return fail(translated.status, {
		message: translated.message,
		fields: translated.fields,
		values: echoValues(form),
		...(extra ?? ({} as E))
	} satisfies FormFailure & E);
}

/**
 * The request's form. A body that is not a form (text/plain, multipart without a boundary) is a
 * 400 in her language, not a crash (the request guard in hooks refuses most of them earlier).
 */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		throw new AppError('INVALID', { messageKey: 'error_bad_request' });
	}
}

/** A form field as text ('' when absent or a file). */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field (checkboxes), as text. */
export function fields(form: FormData, name: string): string[] {
	return form.getAll(name).filter((v): v is string => typeof v === 'string');
}

/** Parses a form into a module's zod input: an invalid form throws AppError('INVALID') with one message per field. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	return parseInput(schema, input);
}

/** The sign-in page that returns here afterwards. */
export function signInPath(locale: Locale, next: string): string {
	return `/${locale}/auth/sign-in?next=${encodeURIComponent(next)}`;
}

/**
 * Redirects to sign-in unless someone is signed in, and returns the signed-in user. The one place
 * the sign-in redirect is written.
 */
export function requireSignIn(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	next: string = event.url.pathname
): NonNullable<App.Locals['user']> {
	const user = event.locals.user;
	if (!user) redirect(303, signInPath(event.locals.locale, next));
	return user;
}

// eslint-disable-next-line no-control-regex -- control characters are what `next` must not hold
const CONTROL = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to go after sign-in: a same-origin path under the current locale, without control
 * characters or backslashes (a CR/LF would split the Location header); anything else → the account.
 */
export function safeNext(value: unknown, locale: Locale): string {
	const fallback = `/${locale}/account`;
	if (typeof value !== 'string' || value.length > 1000 || CONTROL.test(value)) return fallback;
	if (!value.startsWith(`/${locale}/`) || value.startsWith('//')) return fallback;
	try {
		const resolved = new URL(value, 'http://birge.invalid');
		if (resolved.origin !== 'http://birge.invalid') return fallback;
		const path = resolved.pathname + resolved.search + resolved.hash;
		return path.startsWith(`/${locale}/`) ? path : fallback;
	} catch {
		return fallback;
	}
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
