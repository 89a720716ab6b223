import { json } from '@sveltejs/kit';
import { AppError, translateError } from '#lib/server/core';
import { isLocale, type Locale } from '#lib/i18n/locales';

/** The API's language: `?lang=`, else the request's negotiated locale. */
export function apiLocale(url: URL, fallback: Locale): Locale {
	const lang = url.searchParams.get('lang');
	return isLocale(lang) ? lang : fallback;
}

/** The API's error body: `{ error: { code, message, fields, requestId? } }`. */
export function apiErrorBody(
	code: string,
	message: string,
	fields: Record<string, string> = {},
	requestId?: string
) {
	return { error: { code, message, fields, ...(requestId ? { requestId } : {}) } };
}

/**
 * Maps a service error to the API's error response, with every message in the requested language.
 * Unknown errors are rethrown (500, logged with a request id by the error hook).
 */
export function apiError(error: unknown, locale: Locale, headers: HeadersInit = {}): Response {
	const translated = translateError(error, locale);
	if (!translated) throw error;
	const extra: Record<string, string> = translated.retryAfterSeconds
		? { 'retry-after': String(translated.retryAfterSeconds) }
		: {};
	return json(apiErrorBody(translated.code, translated.message, translated.fields), {
		status: translated.status,
		headers: { ...extra, ...Object.fromEntries(new Headers(headers)) }
	});
}

/** Reads a JSON body; a malformed one is a 400 with a translated message, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new AppError('INVALID', {
			messageKey: 'error_bad_request',
			fields: { _body: { key: 'error_field_invalid' } }
		});
	}
}

/** A link the API hands on: http(s) only (any other scheme becomes null), relative paths made absolute on the public origin. */
/** Links in API answers: see publicLink in core/validation (one rule for the API and the modules' views). */
export { publicLink as apiLink, withPublicLinks as withApiLinks } from '#lib/server/core';
