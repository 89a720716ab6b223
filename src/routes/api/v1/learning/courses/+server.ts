import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/learning/courses?lang= — published courses. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await learning.courseListApiView({ ...locals.ctx, locale }));
	} catch (e) {
		return apiError(e, locale);
	}
};
