import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/coalitions?lang= — the coalitions with their reported figures and adoption counts. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await coalitions.coalitionsForApi({ ...locals.ctx, locale }, locals.ctx.platform.origin));
	} catch (error) {
		return apiError(error, locale);
	}
};
