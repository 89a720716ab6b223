import type { RequestHandler } from './$types';
import { apiError } from '#lib/server/web/api';
import { HSDS_HEADERS, HSDS_VERSION, hsdsDataset } from '#lib/server/web/hsds';

/** GET /api/v1/hsds/export?lang= — the whole dataset as one downloadable JSON file. */
export const GET: RequestHandler = async (event) => {
	try {
		const { locale, services, organizations } = await hsdsDataset(event);
		const body = JSON.stringify(
			{ hsds_version: HSDS_VERSION, language: locale, organizations, services },
			null,
			1
		);
		return new Response(body, {
			headers: {
				...HSDS_HEADERS,
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="birge-hsds-${locale}.json"`
			}
		});
	} catch (error) {
		return apiError(error, event.locals.locale, HSDS_HEADERS);
	}
};
