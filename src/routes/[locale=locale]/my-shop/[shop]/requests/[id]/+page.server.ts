import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

/** One request with the buyer's contacts: every view is audited by the service. */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	requireSignIn({ locals, url });
	setHeaders({ 'cache-control': 'private, no-store' });
	return {
		request: await shops.getRequest(locals.ctx, params.shop, params.id),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	status: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await shops.changeRequestStatus(locals.ctx, params.shop, params.id, {
				status: field(form, 'status'),
				note: field(form, 'note')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/my-shop/${params.shop}/requests/${params.id}?done=1`);
	}
};
