import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { AppError } from '#lib/server/core';
import { shops } from '#lib/server/modules/shops';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/shops/{shop}/products/{product}?lang= — a listed product. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const p = await shops.getProduct({ ...locals.ctx, locale }, params.shop, params.product);
		// The API shows listed products only, even to their owners (who preview drafts on the page).
		if (p.status !== 'published' || p.takedown) throw new AppError('NOT_FOUND');
		return json(shops.apiProduct(p, locals.ctx.platform.origin));
	} catch (e) {
		return apiError(e, locale);
	}
};
