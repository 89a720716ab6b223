import { json } from '@sveltejs/kit';
import { isAppError } from '#lib/server/core';
import { isLocale, type Locale } from '#lib/i18n/locales';
import { t } from '#lib/i18n/messages';

/** The API's language: `?lang=`, else the request's negotiated locale. */
export function apiLocale(url: URL, fallback: Locale): Locale {
	const lang = url.searchParams.get('lang');
	return isLocale(lang) ? lang : fallback;
}

/**
 * Maps a service error to the API's error body: `{ error: { code, message, fields } }`, with every
 * message in the requested language. Unknown errors are rethrown (500, logged without request data).
 */
export function apiError(error: unknown, locale: Locale, headers: HeadersInit = {}): Response {
	if (!isAppError(error)) throw error;
	const fields: Record<string, string> = {};
	for (const [name, fieldError] of Object.entries(error.fields))
		fields[name] = t(locale, fieldError.key, fieldError.params);
	const params = error.code === 'RATE_LIMITED' ? { count: error.retryAfterSeconds ?? 60 } : error.params;
	const extra: Record<string, string> = error.retryAfterSeconds
		? { 'retry-after': String(error.retryAfterSeconds) }
		: {};
	return json(
		{ error: { code: error.code, message: t(locale, error.messageKey, params), fields } },
		{ status: error.status, headers: { ...extra, ...Object.fromEntries(new Headers(headers)) } }
	);
}

/** Reads a JSON body; a malformed one is a 400 with a translated message, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		const { AppError } = await import('#lib/server/core');
		throw new AppError('INVALID', { fields: { _body: { key: 'error_field_invalid' } } });
	}
}
