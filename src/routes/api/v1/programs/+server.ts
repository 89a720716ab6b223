import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { apiError, apiLocale, withApiLinks } from '#lib/server/web/api';

/** GET /api/v1/programs?q=&country=&region=&kind=&women=&open=&sort=&lang=&page=&pageSize= */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const ctx = { ...locals.ctx, locale };
	const input: Record<string, string> = {};
	for (const name of ['q', 'country', 'region', 'kind', 'women', 'open', 'sort', 'page', 'pageSize']) {
		const v = url.searchParams.get(name);
		if (v !== null) input[name] = v;
	}
	try {
		const origin = locals.ctx.platform.origin;
		const r = await programs.findPrograms(ctx, input);
		return json({
			items: r.items.map((i) => ({
				slug: i.slug,
				title: i.title,
				summary: i.summary,
				kinds: i.kinds,
				country: i.country,
				countries: i.countries,
				status: i.status,
				womenSpecific: i.womenSpecific,
				terms: i.terms,
				sources: withApiLinks(i.sources, origin),
				verification: i.verification,
				reviewedOn: i.reviewedOn,
				url: origin + i.url
			})),
			total: r.total,
			more: r.more,
			page: r.page,
			pageSize: r.pageSize,
			suggestions: r.suggestions
		});
	} catch (e) {
		return apiError(e, locale);
	}
};
