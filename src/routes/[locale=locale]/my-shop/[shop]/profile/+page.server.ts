import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops, shopFromForm, DELIVERY_OPTIONS, SHOP_COUNTRIES } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { placeOptions } from '../../places';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const edit = await shops.shopForEdit(locals.ctx, params.shop);
	return {
		shop: edit.shop,
		owners: edit.owners,
		isOwner: edit.isOwner,
		organizations: edit.organizations,
		me: locals.user?.id ?? null,
		countries: SHOP_COUNTRIES,
		delivery: DELIVERY_OPTIONS,
		...(await placeOptions(locals.ctx, edit.shop.region, edit.shop.district)),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const input = shopFromForm(form);
		let slug: string;
		try {
			({ slug } = await shops.updateShop(locals.ctx, params.shop, input));
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, input });
		}
		redirect(303, `/${locals.locale}/my-shop/${slug}/profile?done=saved`);
	},
	addOwner: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.addCoOwner(locals.ctx, params.shop, field(form, 'email'));
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'owners' });
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/profile?done=owner#owners`);
	},
	removeOwner: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.removeOwner(locals.ctx, params.shop, field(form, 'userId'));
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'owners' });
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/profile?done=owner#owners`);
	}
};
