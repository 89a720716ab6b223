import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/learning/courses/{course}?lang= — a course's outline. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await learning.courseApiView({ ...locals.ctx, locale }, params.course));
	} catch (e) {
		return apiError(e, locale);
	}
};
