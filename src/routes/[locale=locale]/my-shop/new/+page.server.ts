import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { once } from '#lib/server/core';
import { shops, shopFromForm, DELIVERY_OPTIONS, SHOP_COUNTRIES } from '#lib/server/modules/shops';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { placeOptions } from '../places';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	return {
		formKey: formKey(),
		countries: SHOP_COUNTRIES,
		delivery: DELIVERY_OPTIONS,
		organizations: await shops.organizationChoices(locals.ctx),
		...(await placeOptions(locals.ctx, null, null))
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const input = shopFromForm(form);
		let slug: string;
		try {
			({ slug } = await once(locals.ctx, 'shops.create', field(form, '_once') || null, (ctx) =>
				shops.createShop(ctx, input)
			));
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, input });
		}
		redirect(303, `/${locals.locale}/my-shop/${slug}?done=created`);
	}
};
