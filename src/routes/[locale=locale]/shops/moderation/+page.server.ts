import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { shops } from '#lib/server/modules/shops';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const status = url.searchParams.get('status') === 'closed' ? 'closed' : 'open';
	return {
		status,
		reports: await shops.listReports(locals.ctx, { status }),
		done: url.searchParams.get('done')
	};
};

const back = (locale: string, done: string, status = 'open') =>
	`/${locale}/shops/moderation?${status === 'closed' ? 'status=closed&' : ''}done=${done}`;

/** Staff actions: each checks the moderator's countries in the service. */
export const actions: Actions = {
	takedown: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await shops.takeDown(locals.ctx, field(form, 'shop'), field(form, 'product') || null, {
				reason: field(form, 'reason')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'takedown', target: field(form, 'target') });
		}
		redirect(303, back(locals.locale, 'takedown', field(form, 'status')));
	},
	restore: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await shops.restore(locals.ctx, field(form, 'shop'), field(form, 'product') || null);
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'restore', target: field(form, 'target') });
		}
		redirect(303, back(locals.locale, 'restore', field(form, 'status')));
	},
	dismiss: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await shops.dismissReports(locals.ctx, field(form, 'shop'), field(form, 'product'));
		} catch (e) {
			return formFailure(e, locals.locale, form, { action: 'dismiss', target: field(form, 'target') });
		}
		redirect(303, back(locals.locale, 'dismiss'));
	}
};
