import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/** POST /api/v1/programs/match?lang= with a business profile → results, eligible first. Nothing is stored. */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const body = await readJson(request);
		return json(await programs.matchView({ ...locals.ctx, locale }, body, locals.ctx.platform.origin));
	} catch (e) {
		return apiError(e, locale);
	}
};
