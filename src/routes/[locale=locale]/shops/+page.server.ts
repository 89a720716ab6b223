import type { PageServerLoad } from './$types';
import { reference } from '#lib/server/core';
import { shops, AVAILABILITY, SHOP_COUNTRIES, SORTS } from '#lib/server/modules/shops';

const PARAMS = [
	'q',
	'country',
	'region',
	'category',
	'priceMin',
	'priceMax',
	'availability',
	'sort',
	'page'
] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const query: Record<string, string> = {};
	for (const name of PARAMS) {
		const v = url.searchParams.get(name);
		if (v) query[name] = v;
	}
	let result;
	let invalid = false;
	try {
		result = await shops.findProducts(locals.ctx, query);
	} catch {
		// A hand-edited URL with a bad filter shows everything rather than an error page.
		invalid = true;
		result = await shops.findProducts(locals.ctx, { q: query.q?.slice(0, 200) });
	}
	const country = (SHOP_COUNTRIES as readonly string[]).includes(query.country ?? '') ? query.country! : null;
	return {
		query,
		invalid,
		result,
		countries: SHOP_COUNTRIES,
		categories: await shops.listCategories(locals.ctx),
		availability: AVAILABILITY,
		sorts: SORTS,
		regions: country ? await reference.listDivisions(locals.ctx, country) : [],
		signedIn: !!locals.user,
		moderator: shops.canModerateShops(locals.ctx)
	};
};
