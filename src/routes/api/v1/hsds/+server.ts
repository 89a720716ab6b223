import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { HSDS_HEADERS, HSDS_VERSION } from '#lib/server/web/hsds';

/** GET /api/v1/hsds — the HSDS API's meta endpoint: which HSDS version this feed follows. */
export const GET: RequestHandler = async ({ locals }) => {
	const origin = locals.ctx.platform.origin;
	return json(
		{
			version: HSDS_VERSION,
			profile: 'https://docs.openreferral.org/en/latest/',
			openapi_url: `${origin}/api/v1/openapi.json`,
			description:
				'Birge: help for women facing violence (published, confirmed entries) and support programs for women entrepreneurs in Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan.',
			publisher: { name: 'Birge', website: origin }
		},
		{ headers: HSDS_HEADERS }
	);
};
