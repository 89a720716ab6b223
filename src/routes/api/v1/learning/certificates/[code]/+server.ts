import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/learning/certificates/{code}?lang= — anyone verifies a certificate. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const {
			canRevoke: _c,
			revokeReason: _r,
			...view
		} = await learning.verifyCertificate({ ...locals.ctx, locale }, params.code);
		return json(view);
	} catch (e) {
		return apiError(e, locale);
	}
};
