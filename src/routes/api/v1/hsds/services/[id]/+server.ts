import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { AppError } from '#lib/server/core';
import { apiError } from '#lib/server/web/api';
import { HSDS_HEADERS, hsdsDataset } from '#lib/server/web/hsds';

/** GET /api/v1/hsds/services/{id} — one fully nested HSDS service with its organization. */
export const GET: RequestHandler = async (event) => {
	try {
		const { services, organizations } = await hsdsDataset(event);
		const service = services.find((s) => s.id === event.params.id);
		if (!service) throw new AppError('NOT_FOUND');
		const organization = organizations.find((o) => o.id === service.organization_id);
		return json({ ...service, organization }, { headers: HSDS_HEADERS });
	} catch (error) {
		return apiError(error, event.locals.locale, HSDS_HEADERS);
	}
};
