import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/impact/reach?country=&channel= — reach rows and totals (not deduplicated across channels). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const q = url.searchParams;
	try {
		return json(
			await impact.reachReport(
				{ ...locals.ctx, locale },
				{ country: q.get('country') ?? '', channel: q.get('channel') ?? '' }
			)
		);
	} catch (error) {
		return apiError(error, locale);
	}
};
