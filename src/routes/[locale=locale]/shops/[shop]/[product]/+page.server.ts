import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops, REPORT_REASONS } from '#lib/server/modules/shops';
import { field, formFailure, formKey, readForm } from '#lib/server/web/forms';

// A service's AppError (404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const product = await shops.getProduct(locals.ctx, params.shop, params.product);
	return {
		product,
		origin: locals.ctx.platform.origin,
		formKey: formKey(),
		reasons: REPORT_REASONS,
		reported: url.searchParams.get('done') === 'reported'
	};
};

export const actions: Actions = {
	request: async ({ locals, params, request }) => {
		const form = await readForm(request);
		let path: string;
		try {
			({ path } = await shops.sendRequest(
				locals.ctx,
				params.shop,
				params.product,
				{
					buyerName: field(form, 'buyerName'),
					contactKind: field(form, 'contactKind'),
					contact: field(form, 'contact'),
					city: field(form, 'city'),
					variantId: field(form, 'variantId'),
					quantity: field(form, 'quantity'),
					message: field(form, 'message'),
					website: field(form, 'website')
				},
				field(form, '_once') || null
			));
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'request' });
		}
		redirect(303, `${path}?sent=1`);
	},
	report: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.reportProduct(locals.ctx, params.shop, params.product, {
				reason: field(form, 'reason'),
				message: field(form, 'message')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'report' });
		}
		redirect(303, `/${locals.locale}/shops/${params.shop}/${params.product}?done=reported#report`);
	}
};
