import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/production/networks/{id}/ledger?month= — the network's entries, oldest first. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const { rows } = await production.networkLedger({ ...locals.ctx, locale }, params.id, {
			month: url.searchParams.get('month') ?? undefined
		});
		return json({ entries: rows });
	} catch (error) {
		return apiError(error, locale);
	}
};
