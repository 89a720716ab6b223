import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	return {
		shop: params.shop,
		...(await shops.productListings(locals.ctx, params.shop, params.product)),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const marketplace = field(form, 'marketplace');
		const attributes: Record<string, { values: string; dictionaryIds: string }> = {};
		for (const key of form.keys()) {
			const m = /^attr_(\d{1,12})$/.exec(key);
			if (m) attributes[m[1]] = { values: field(form, key), dictionaryIds: field(form, `${key}_dict`) };
		}
		try {
			await shops.saveListing(locals.ctx, params.shop, params.product, {
				marketplace: marketplace as 'ozon',
				enabled: field(form, 'enabled') === 'on',
				withdrawn: field(form, 'withdrawn') === 'on',
				currency: field(form, 'currency'),
				price: field(form, 'price'),
				oldPrice: field(form, 'oldPrice'),
				discount: field(form, 'discount'),
				categoryId: field(form, 'categoryId'),
				typeId: field(form, 'typeId'),
				vat: field(form, 'vat'),
				productCode: field(form, 'productCode'),
				model: field(form, 'model'),
				shortDescription: { uz: field(form, 'short_uz'), ru: field(form, 'short_ru') },
				properties: field(form, 'properties'),
				attributes
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { marketplace });
		}
		redirect(
			303,
			`/${locals.locale}/my-shop/${params.shop}/marketplaces/${params.product}?done=${marketplace}#${marketplace}`
		);
	}
};
