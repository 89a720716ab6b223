import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { apiError } from '#lib/server/web/api';
import { HSDS_HEADERS, hsdsDataset, hsdsPage } from '#lib/server/web/hsds';

/** GET /api/v1/hsds/organizations?page=&per_page=&lang= — HSDS organizations, paged. */
export const GET: RequestHandler = async (event) => {
	try {
		const { organizations } = await hsdsDataset(event);
		return json(hsdsPage(event.url, organizations), { headers: HSDS_HEADERS });
	} catch (error) {
		return apiError(error, event.locals.locale, HSDS_HEADERS);
	}
};
