import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops, KASPI_FEED_HEADERS } from '#lib/server/modules/shops';

/** A shop's Kaspi price list at its secret URL (logged by pattern only: web/secret-paths.js). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const ctx = { ...locals.ctx, actor: { userId: null, grants: [], memberships: [] } };
	const body = await shops.kaspiFeed(ctx, params.token);
	if (!body) error(404, 'Not found');
	return new Response(body, { headers: KASPI_FEED_HEADERS });
};
