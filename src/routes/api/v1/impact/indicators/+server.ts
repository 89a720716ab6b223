import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/impact/indicators?country=&from=&to= — approved, aggregated, suppressed values. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const q = url.searchParams;
	try {
		const indicators = await impact.indicatorValues(
			{ ...locals.ctx, locale },
			{ country: q.get('country') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' }
		);
		return json({ indicators });
	} catch (error) {
		return apiError(error, locale);
	}
};
