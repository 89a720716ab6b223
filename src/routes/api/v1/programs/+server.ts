import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { apiError, apiLocale } from '#lib/server/web/api';

const QUERY = ['q', 'country', 'region', 'kind', 'women', 'open', 'sort', 'page', 'pageSize'] as const;

/** GET /api/v1/programs?q=&country=&region=&kind=&women=&open=&sort=&lang=&page=&pageSize= */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const input: Record<string, string> = {};
	for (const name of QUERY) {
		const v = url.searchParams.get(name);
		if (v !== null) input[name] = v;
	}
	try {
		return json(await programs.searchView({ ...locals.ctx, locale }, input, locals.ctx.platform.origin));
	} catch (e) {
		return apiError(e, locale);
	}
};
