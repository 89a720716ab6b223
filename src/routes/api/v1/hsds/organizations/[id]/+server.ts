import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { AppError } from '#lib/server/core';
import { apiError } from '#lib/server/web/api';
import { HSDS_HEADERS, hsdsDataset } from '#lib/server/web/hsds';

/** GET /api/v1/hsds/organizations/{id} — one HSDS organization with its services. */
export const GET: RequestHandler = async (event) => {
	try {
		const { services, organizations } = await hsdsDataset(event);
		const organization = organizations.find((o) => o.id === event.params.id);
		if (!organization) throw new AppError('NOT_FOUND');
		return json(
			{ ...organization, services: services.filter((s) => s.organization_id === organization.id) },
			{ headers: HSDS_HEADERS }
		);
	} catch (error) {
		return apiError(error, event.locals.locale, HSDS_HEADERS);
	}
};
