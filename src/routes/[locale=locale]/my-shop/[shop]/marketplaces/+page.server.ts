import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	return {
		...(await shops.marketplacesOverview(locals.ctx, params.shop)),
		done: url.searchParams.get('done'),
		test: url.searchParams.get('test')
	};
};

export const actions: Actions = {
	account: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const marketplace = field(form, 'marketplace');
		try {
			await shops.saveMarketplaceAccount(locals.ctx, params.shop, {
				marketplace: marketplace as 'ozon',
				currency: field(form, 'currency'),
				token: field(form, 'token'),
				clientId: field(form, 'clientId'),
				apiKey: field(form, 'api_token'),
				kaspiMerchantId: field(form, 'kaspiMerchantId'),
				kaspiCompany: field(form, 'kaspiCompany'),
				kaspiStoreIds: field(form, 'kaspiStoreIds')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { marketplace });
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/marketplaces?done=saved#${marketplace}`);
	},
	test: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const marketplace = field(form, 'marketplace');
		let ok: boolean;
		try {
			ok = (await shops.testMarketplaceConnection(locals.ctx, params.shop, marketplace)).ok;
		} catch (e) {
			return formFailure(e, locals.locale, form, { marketplace });
		}
		redirect(
			303,
			`/${locals.locale}/my-shop/${params.shop}/marketplaces?test=${ok ? 'ok' : 'failed'}#${marketplace}`
		);
	},
	dictionary: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const id = (name: string) =>
			/^\d{1,15}$/.test(field(form, name)) ? Number(field(form, name)) : undefined;
		try {
			const checks = await shops.importShopDictionary(locals.ctx, params.shop, {
				marketplace: field(form, 'marketplace'),
				json: field(form, 'json'),
				categoryId: id('categoryId'),
				typeId: id('typeId')
			});
			return { marketplace: 'dictionary', checks };
		} catch (e) {
			return formFailure(e, locals.locale, form, { marketplace: 'dictionary' });
		}
	},
	export: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const marketplace = field(form, 'marketplace');
		let run: string;
		try {
			run = await shops.startExport(locals.ctx, params.shop, marketplace);
		} catch (e) {
			return formFailure(e, locals.locale, form, { marketplace });
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/marketplaces/runs/${run}`);
	}
};
