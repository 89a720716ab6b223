import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/production/networks/{id}/queue — reports to check, 25 a page. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	const q = url.searchParams;
	try {
		return json(
			await production.listQueue({ ...locals.ctx, locale }, params.id, {
				status: q.get('status') ?? undefined,
				makerId: q.get('makerId') ?? undefined,
				orderId: q.get('orderId') ?? undefined,
				page: q.get('page') ?? undefined
			})
		);
	} catch (error) {
		return apiError(error, locale);
	}
};
