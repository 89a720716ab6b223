import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/learning/progress — her own progress (signed in; 401 otherwise). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await learning.myProgress({ ...locals.ctx, locale }), {
			headers: { 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		return apiError(e, locale);
	}
};
