import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { AppError, translateError } from '#lib/server/core';
import { requireSignIn } from '#lib/server/web/forms';

/** A coordinator's own screen: the unsuppressed results for her country (nothing here leaves it). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const countries =
		(await impact.listSurveys(locals.ctx)).find((s) => s.id === params.survey)?.countries ?? [];
	const mine = countries.filter((c) => impact.isCoordinator(locals.ctx, c));
	const asked = url.searchParams.get('country') ?? '';
	const country = mine.includes(asked) ? asked : mine[0];
	if (!country) error(404, translateError(new AppError('NOT_FOUND'), locals.locale)?.message ?? '');
	const results = await impact.surveyResults(locals.ctx, params.survey, country, { audience: 'coordinator' });
	return { id: params.survey, countries: mine, country, results };
};
