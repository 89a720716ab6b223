import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/impact/iati?country= — the IATI 2.03 activity file for approved values. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const cfg = locals.app.config;
	try {
		const xml = await impact.exportIati(
			{ ...locals.ctx, locale },
			{ country: url.searchParams.get('country') ?? '' },
			{ ref: cfg.BIRGE_IATI_ORG_ID, name: cfg.BIRGE_IATI_ORG_NAME, type: cfg.BIRGE_IATI_ORG_TYPE }
		);
		return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
	} catch (error) {
		return apiError(error, locale);
	}
};
