import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { AppError, translateError } from '#lib/server/core';

/** Public survey results for a country: every cell under 5 respondents suppressed, complementary cells too. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const survey = (await impact.listSurveys(locals.ctx)).find((s) => s.id === params.survey);
	if (!survey) error(404, translateError(new AppError('NOT_FOUND'), locals.locale)?.message ?? '');
	const asked = url.searchParams.get('country') ?? '';
	const country = survey.countries.includes(asked) ? asked : (survey.countries[0] ?? null);
	const results = country ? await impact.surveyResults(locals.ctx, survey.id, country) : null;
	return { survey: { id: survey.id, title: survey.title, countries: survey.countries }, country, results };
};
