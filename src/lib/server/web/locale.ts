import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from '#lib/i18n/locales';

export const LOCALE_COOKIE = 'birge_locale';

/** The locale a request asks for, when its URL does not carry one. */
export function negotiateLocale(request: Request, cookieValue: string | undefined, url: URL): Locale {
	const fromQuery = url.searchParams.get('lang');
	if (isLocale(fromQuery)) return fromQuery;
	if (isLocale(cookieValue)) return cookieValue;
	return localeFromAcceptLanguage(request.headers.get('accept-language')) ?? DEFAULT_LOCALE;
}

/** `/ky/programs?q=1` → `/programs?q=1`: the same page in another language is `/${l}${rest}`. */
export function stripLocale(url: URL): string {
	const [, first, ...rest] = url.pathname.split('/');
	const path = isLocale(first) ? '/' + rest.join('/') : url.pathname;
	return (path === '/' ? '' : path) + url.search;
}

/**
 * Neutral, private paths (safe help and its quick exit): no cookies, no session, no logs of query or
 * IP, no caching, no referrer.
 */
export function isPrivatePath(pathname: string): boolean {
	return (
		/^\/(?:[a-z]{2}(?:-[A-Za-z]{4})?\/)?(?:care|exit)(?:\/|$)/.test(pathname) ||
		/^\/api\/v1\/(?:care|hsds)(?:\/|$)/.test(pathname)
	);
}
