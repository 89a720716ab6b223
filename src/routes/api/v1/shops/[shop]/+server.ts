import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops } from '#lib/server/modules/shops';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/shops/{shop}?lang= — a shop's story and listed products. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const s = await shops.getShop({ ...locals.ctx, locale }, params.shop);
		return json(shops.apiShop(s, locals.ctx.platform.origin));
	} catch (e) {
		return apiError(e, locale);
	}
};
