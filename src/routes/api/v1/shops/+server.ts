import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops } from '#lib/server/modules/shops';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/shops?country=&page=&lang= — shops not taken down. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const ctx = { ...locals.ctx, locale };
	try {
		const r = await shops.listShops(ctx, {
			page: url.searchParams.get('page'),
			country: url.searchParams.get('country')
		});
		const origin = locals.ctx.platform.origin;
		return json({ items: r.items.map((s) => shops.apiShopCard(s, origin)), total: r.total, page: r.page });
	} catch (e) {
		return apiError(e, locale);
	}
};
