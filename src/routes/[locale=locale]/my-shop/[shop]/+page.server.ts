import type { PageServerLoad } from './$types';
import { textIn } from '#lib/server/core';
import { shops } from '#lib/server/modules/shops';
import { requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const edit = await shops.shopForEdit(locals.ctx, params.shop);
	return {
		shop: {
			slug: edit.shop.slug,
			name: textIn(edit.shop.name, locals.locale),
			takedown: edit.shop.takedown,
			demo: edit.shop.demo
		},
		products: await shops.shopProducts(locals.ctx, params.shop),
		requests: (await shops.listRequests(locals.ctx, params.shop, { status: 'new' })).total,
		done: url.searchParams.get('done')
	};
};
