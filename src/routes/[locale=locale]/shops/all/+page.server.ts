import type { PageServerLoad } from './$types';
import { shops, SHOP_COUNTRIES } from '#lib/server/modules/shops';

export const load: PageServerLoad = async ({ locals, url }) => {
	const country = url.searchParams.get('country') ?? undefined;
	return {
		country: (SHOP_COUNTRIES as readonly string[]).includes(country ?? '') ? country! : null,
		countries: SHOP_COUNTRIES,
		result: await shops.listShops(locals.ctx, { page: url.searchParams.get('page'), country })
	};
};
