import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops } from '#lib/server/modules/shops';
import { apiError, apiLocale } from '#lib/server/web/api';

const QUERY = [
	'q',
	'country',
	'region',
	'category',
	'priceMin',
	'priceMax',
	'availability',
	'sort',
	'page',
	'pageSize'
] as const;

/** GET /api/v1/products?q=&country=&region=&category=&page=&lang= — listed products across shops. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const input: Record<string, string> = {};
	for (const name of QUERY) {
		const v = url.searchParams.get(name);
		if (v !== null) input[name] = v;
	}
	try {
		const r = await shops.findProducts({ ...locals.ctx, locale }, input);
		const origin = locals.ctx.platform.origin;
		return json({
			items: r.items.map((c) => shops.apiCard(c, origin)),
			total: r.total,
			more: r.more,
			page: r.page,
			pageSize: r.pageSize,
			suggestions: r.suggestions
		});
	} catch (e) {
		return apiError(e, locale);
	}
};
