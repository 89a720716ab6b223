import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/learning/courses/{course}/lessons/{lesson}?lang= — a lesson (sanitized HTML) and its quizzes, without answers. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await learning.lessonApiView({ ...locals.ctx, locale }, params.course, params.lesson));
	} catch (e) {
		return apiError(e, locale);
	}
};
