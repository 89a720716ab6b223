import type { PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	return { shop: params.shop, run: await shops.exportRunView(locals.ctx, params.shop, params.run) };
};
