import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { apiError, apiLink, apiLocale, withApiLinks } from '#lib/server/web/api';
import { AppError } from '#lib/server/core';

/** GET /api/v1/programs/{slug}?lang= */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const origin = locals.ctx.platform.origin;
		const p = await programs.getProgram({ ...locals.ctx, locale }, params.slug);
		if (p.publication !== 'published') return apiError(new AppError('NOT_FOUND'), locale);
		return json({
			slug: p.slug,
			title: p.title,
			summary: p.summary,
			body: p.body?.text ?? null,
			kinds: p.kinds,
			country: p.country,
			countries: p.countries,
			regions: p.regions,
			status: p.status,
			womenSpecific: p.womenSpecific,
			operator: p.operator,
			terms: p.terms,
			eligibilityText: p.eligibilityText?.text ?? null,
			criteria: p.criteria,
			deadlines: p.deadlines,
			howToApply: p.howToApply,
			sources: withApiLinks(p.sources, origin),
			officialUrl: apiLink(p.officialUrl, origin),
			verification: p.verification,
			reviewedOn: p.reviewedOn,
			url: origin + p.url
		});
	} catch (e) {
		return apiError(e, locale);
	}
};
