import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	shops,
	productFromForm,
	textsFromForm,
	MAX_PHOTO_BYTES,
	MAX_PHOTOS,
	VARIANT_ROWS,
	type ProductStatus
} from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { categoryOptions, echoProduct, productValues } from '../../../product-form';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const e = await shops.productForEdit(locals.ctx, params.shop, params.product);
	return {
		shop: e.shop,
		product: {
			slug: e.product.slug,
			status: e.product.status,
			takedown: e.product.takedown,
			title: e.product.title
		},
		values: productValues(e.product, e.variants),
		photos: e.photos,
		translations: e.translations,
		categories: await categoryOptions(locals.ctx),
		rows: VARIANT_ROWS,
		maxPhotos: MAX_PHOTOS,
		maxMb: MAX_PHOTO_BYTES / 1024 / 1024,
		done: url.searchParams.get('done')
	};
};

const back = (locale: string, shop: string, product: string, done: string, hash = '') =>
	`/${locale}/my-shop/${shop}/products/${product}?done=${done}${hash}`;

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const { shop } = await shops.productForEdit(locals.ctx, params.shop, params.product);
		const input = productFromForm(form, shop.currency);
		let slug: string;
		try {
			({ slug } = await shops.updateProduct(locals.ctx, params.shop, params.product, input));
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, action: 'save', input: echoProduct(input, form) });
		}
		redirect(303, back(locals.locale, params.shop, slug, 'saved'));
	},
	status: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.setProductStatus(
				locals.ctx,
				params.shop,
				params.product,
				field(form, 'status') as ProductStatus
			);
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'status' });
		}
		redirect(303, back(locals.locale, params.shop, params.product, field(form, 'status')));
	},
	photo: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const file = form.get('file');
		try {
			await shops.addPhoto(locals.ctx, params.shop, params.product, {
				bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(),
				alt: textsFromForm(form, 'alt')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'photo' });
		}
		redirect(303, back(locals.locale, params.shop, params.product, 'photo', '#photos'));
	},
	photoEdit: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const id = field(form, 'photo');
		const op = field(form, 'op');
		try {
			if (op === 'up' || op === 'down')
				await shops.movePhoto(locals.ctx, params.shop, params.product, id, op);
			else if (op === 'remove') await shops.removePhoto(locals.ctx, params.shop, params.product, id);
			else await shops.setPhotoAlt(locals.ctx, params.shop, params.product, id, textsFromForm(form, 'alt'));
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'photo' });
		}
		redirect(303, back(locals.locale, params.shop, params.product, 'photo', '#photos'));
	}
};
