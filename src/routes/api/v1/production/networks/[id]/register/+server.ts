import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/production/networks/{id}/register — the ILO R184 register and record of work, by sex. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const { register, record, bySex } = await production.homeWorkRegister(
			{ ...locals.ctx, locale },
			params.id
		);
		return json({ register, record, bySex });
	} catch (error) {
		return apiError(error, locale);
	}
};
