import { json } from '@sveltejs/kit';
import { isLocale, type Locale } from '#lib/i18n/locales';
import type { ServiceContext } from '#lib/server/core';
import { apiError, apiLocale } from '#lib/server/web/api';

/**
 * The calculators' API: GET with query parameters, the same use cases as the pages. The language of
 * messages is `?locale=` (or `?lang=`, as elsewhere in the API), else the request's Accept-Language.
 */
export function calculatorEndpoint<R extends object>(
	names: readonly string[],
	calculate: (ctx: ServiceContext, raw: Record<string, string>) => R,
	view: (result: R) => unknown
) {
	return ({ locals, url }: { locals: App.Locals; url: URL }) => {
		const asked = url.searchParams.get('locale');
		const locale: Locale = isLocale(asked) ? asked : apiLocale(url, locals.locale);
		const raw: Record<string, string> = {};
		for (const name of names) {
			const value = url.searchParams.get(name);
			if (value !== null) raw[name] = value;
		}
		try {
			return json(view(calculate({ ...locals.ctx, locale }, raw)));
		} catch (error) {
			return apiError(error, locale);
		}
	};
}
