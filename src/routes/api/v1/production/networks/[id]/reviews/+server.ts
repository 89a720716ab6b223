import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/** POST /api/v1/production/networks/{id}/reviews — accept or reject several reports at once. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const body = (await readJson(request)) as Record<string, unknown>;
		return json(
			await production.reviewReports({ ...locals.ctx, locale }, params.id, {
				reportIds: body?.reportIds,
				decision: body?.decision,
				reason: body?.reason,
				rework: body?.rework
			})
		);
	} catch (error) {
		return apiError(error, locale);
	}
};
