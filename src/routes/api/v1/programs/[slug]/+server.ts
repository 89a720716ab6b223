import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/programs/{slug}?lang= — a published program only (the module refuses the rest). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		return json(
			await programs.programView({ ...locals.ctx, locale }, params.slug, locals.ctx.platform.origin)
		);
	} catch (e) {
		return apiError(e, locale);
	}
};
