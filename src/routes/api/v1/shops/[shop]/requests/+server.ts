import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops } from '#lib/server/modules/shops';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/**
 * POST /api/v1/shops/{shop}/requests — an order request (JSON: product, buyerName, contactKind,
 * contact, city, variantId?, quantity, message?). The Idempotency-Key header makes a retry one request.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const body = (await readJson(request)) as Record<string, unknown> | null;
		const input = body && typeof body === 'object' ? body : {};
		const r = await shops.sendRequest(
			{ ...locals.ctx, locale },
			params.shop,
			String(input.product ?? ''),
			{
				buyerName: input.buyerName,
				contactKind: input.contactKind,
				contact: input.contact,
				city: input.city,
				variantId: input.variantId,
				quantity: input.quantity,
				message: input.message
			},
			request.headers.get('idempotency-key')?.slice(0, 100) || null
		);
		return json({ status: 'new', url: locals.ctx.platform.origin + r.path }, { status: 201 });
	} catch (e) {
		return apiError(e, locale);
	}
};
