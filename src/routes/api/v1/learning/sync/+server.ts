import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/** POST /api/v1/learning/sync — lessons read and quizzes taken offline; idempotent. */
export const POST: RequestHandler = async ({ locals, url, request }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(await learning.syncOffline({ ...locals.ctx, locale }, await readJson(request)), {
			headers: { 'cache-control': 'private, no-store' }
		});
	} catch (e) {
		return apiError(e, locale);
	}
};
