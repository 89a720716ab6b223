import type { PageServerLoad } from './$types';
import { impact, IMPACT_COUNTRIES, REGION } from '#lib/server/modules/impact';

export const load: PageServerLoad = async ({ locals, url }) => {
	const q = url.searchParams;
	const query = { country: q.get('country') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
	return {
		query,
		dashboard: await impact.publicDashboard(locals.ctx, query),
		isCoordinator: impact.isCoordinator(locals.ctx),
		countries: [...IMPACT_COUNTRIES, REGION]
	};
};
