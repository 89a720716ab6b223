import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { DIMENSIONS, impact, IMPACT_COUNTRIES, REGION } from '#lib/server/modules/impact';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const q = url.searchParams;
	const query = {
		country: q.get('country') ?? '',
		from: q.get('from') ?? '',
		to: q.get('to') ?? '',
		dimension: q.get('dimension') ?? ''
	};
	// Coordinators only: pendingValues checks it.
	const pending = await impact.pendingValues(locals.ctx);
	return {
		query,
		pending,
		values: (await impact.indicatorValues(locals.ctx, query, { audience: 'coordinator' })).filter(
			(i) => i.rows.length
		),
		countries: [...IMPACT_COUNTRIES, REGION].filter((c) => impact.isCoordinator(locals.ctx, c)),
		dimensions: [...DIMENSIONS, 'barrier'],
		surveys: await impact.listSurveys(locals.ctx),
		decided: q.has('decided')
	};
};

export const actions: Actions = {
	decide: async ({ locals, request, url }) => {
		const form = await readForm(request);
		try {
			await impact.decideValue(locals.ctx, {
				valueId: field(form, 'valueId'),
				decision: field(form, 'decision'),
				note: field(form, 'note')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form, { valueId: field(form, 'valueId') });
		}
		redirect(303, `${url.pathname}?decided=1`);
	}
};
