import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { once } from '#lib/server/core';
import { care } from '#lib/server/modules/care';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';

// A service's AppError (403, 404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	requireSignIn({ locals, url });
	const review = await care.reviewEntry(locals.ctx, params.id);
	return {
		...review,
		today: locals.ctx.clock().toISOString().slice(0, 10),
		onceKey: formKey(),
		confirmed: url.searchParams.has('confirmed'),
		withdrawn: url.searchParams.has('withdrawn')
	};
};

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : undefined;
};

export const actions: Actions = {
	confirm: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await once(locals.ctx, 'care.confirm', field(form, '_once'), (ctx) =>
				care.confirmService(ctx, {
					id: params.id,
					method: field(form, 'method'),
					confirmedOn: field(form, 'confirmedOn') ?? '',
					note: field(form, 'note'),
					phones: field(form, 'phones')
				})
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/care-review/${encodeURIComponent(params.id)}?confirmed`);
	},
	withdraw: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await once(locals.ctx, 'care.withdraw', field(form, '_once'), (ctx) =>
				care.withdrawService(ctx, { id: params.id, note: field(form, 'note') ?? '' })
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/care-review/${encodeURIComponent(params.id)}?withdrawn`);
	}
};
