import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiError } from '#lib/server/web/api';
import { HSDS_HEADERS, hsdsDataset, hsdsPage } from '#lib/server/web/hsds';

/** GET /api/v1/hsds/services?page=&per_page=&organization_id=&lang= — HSDS services, paged. */
export const GET: RequestHandler = async (event) => {
	try {
		const { services } = await hsdsDataset(event);
		const org = event.url.searchParams.get('organization_id');
		const list = services
			.filter((s) => !org || s.organization_id === org)
			.map(({ phones: _p, languages: _l, service_areas: _a, schedules: _s, ...one }) => one);
		return json(hsdsPage(event.url, list), { headers: HSDS_HEADERS });
	} catch (error) {
		return apiError(error, event.locals.locale, HSDS_HEADERS);
	}
};
