import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { formFailure, readForm } from '#lib/server/web/forms';

/** The buyer's private page: no account, the unguessable link is the key. */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return {
		request: await shops.requestByToken(locals.ctx, params.token),
		sent: url.searchParams.get('sent') === '1',
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	cancel: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.cancelByBuyer(locals.ctx, params.token);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/shops/requests/${params.token}?done=cancelled`);
	},
	resend: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await shops.resendLink(locals.ctx, params.token);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/shops/requests/${params.token}?done=resent`);
	}
};
