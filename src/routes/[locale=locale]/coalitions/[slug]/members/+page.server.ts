import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { formFailure } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	...(await coalitions.listDirectory(locals.ctx, params.slug)),
	left: url.searchParams.has('left')
});

export const actions: Actions = {
	leave: async ({ locals, params, request, url }) => {
		if (!locals.user)
			redirect(303, `/${locals.locale}/auth/sign-in?next=${encodeURIComponent(url.pathname)}`);
		const form = await request.formData();
		try {
			await coalitions.leaveCoalition(locals.ctx, params.slug, String(form.get('organizationId') ?? ''));
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?left=1`);
	}
};
