import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	return {
		maps: await shops.categoryMaps(locals.ctx),
		shopChecks: await shops.shopMapChecks(locals.ctx),
		done: url.searchParams.get('done')
	};
};

const optional = (v: string) => (v.trim() ? v.trim() : null);

export const actions: Actions = {
	edit: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await shops.editCategoryMap(locals.ctx, {
				birgeCategory: field(form, 'birgeCategory'),
				marketplace: field(form, 'marketplace') as 'ozon',
				categoryId: optional(field(form, 'categoryId')),
				typeId: optional(field(form, 'typeId')) as unknown as number | null,
				categoryName: optional(field(form, 'categoryName'))
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'edit' });
		}
		redirect(303, `/${locals.locale}/admin/marketplace-maps?done=saved`);
	},
	accept: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await shops.acceptShopCategoryMap(locals.ctx, {
				shopId: field(form, 'shopId'),
				birgeCategory: field(form, 'birgeCategory'),
				marketplace: field(form, 'marketplace') as 'ozon'
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'accept' });
		}
		redirect(303, `/${locals.locale}/admin/marketplace-maps?done=saved`);
	},
	import: async ({ locals, request }) => {
		const form = await readForm(request);
		const id = (name: string) =>
			/^\d{1,15}$/.test(field(form, name)) ? Number(field(form, name)) : undefined;
		try {
			const checks = await shops.importCategoryDictionary(locals.ctx, {
				marketplace: field(form, 'marketplace'),
				json: field(form, 'json'),
				categoryId: id('categoryId'),
				typeId: id('typeId')
			});
			return { action: 'import', checks };
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'import' });
		}
	}
};
