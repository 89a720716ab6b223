import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { once } from '#lib/server/core';
import { shops, productFromForm, VARIANT_ROWS } from '#lib/server/modules/shops';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { categoryOptions, echoProduct } from '../../../product-form';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const edit = await shops.shopForEdit(locals.ctx, params.shop);
	return {
		shop: { slug: edit.shop.slug, currency: edit.shop.currency },
		categories: await categoryOptions(locals.ctx),
		rows: VARIANT_ROWS,
		formKey: formKey()
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const { shop } = await shops.shopForEdit(locals.ctx, params.shop);
		const input = productFromForm(form, shop.currency);
		let slug: string;
		try {
			({ slug } = await once(locals.ctx, `shops.product:${shop.id}`, field(form, '_once') || null, (ctx) =>
				shops.createProduct(ctx, params.shop, input)
			));
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, input: echoProduct(input, form) });
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/products/${slug}?done=created#photos`);
	}
};
