import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/coalitions/{slug}/recommendations?lang= — recommendations with their append-only timelines. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(
			await coalitions.recommendationsForApi(
				{ ...locals.ctx, locale },
				params.slug,
				locals.ctx.platform.origin
			)
		);
	} catch (error) {
		return apiError(error, locale);
	}
};
