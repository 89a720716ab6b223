import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/** POST /api/v1/production/networks/{id}/payouts — records a payout made outside Birge. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const body = (await readJson(request)) as Record<string, unknown>;
		const result = await production.recordPayout({ ...locals.ctx, locale }, params.id, {
			makerId: body?.makerId,
			amountMinor: body?.amountMinor,
			method: body?.method,
			reference: body?.reference,
			paidOn: body?.paidOn,
			confirmOverBalance: body?.confirmOverBalance,
			overBalanceReason: body?.overBalanceReason
		});
		return json(result, { status: 201 });
	} catch (error) {
		return apiError(error, locale);
	}
};
