import type { PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';

export const load: PageServerLoad = async ({ locals, params }) => ({
	shop: await shops.getShop(locals.ctx, params.shop),
	origin: locals.ctx.platform.origin
});
