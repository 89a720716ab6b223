import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions, BARRIERS } from '#lib/server/modules/coalitions';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	...(await coalitions.listDirectory(locals.ctx, params.slug)),
	barriers: BARRIERS,
	left: url.searchParams.has('left'),
	saved: url.searchParams.has('saved')
});

export const actions: Actions = {
	profile: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const s = (k: string) => String(form.get(k) ?? '');
		try {
			await coalitions.updateMemberProfile(locals.ctx, params.slug, {
				organizationId: s('organizationId'),
				region: s('region'),
				womenRepresented: s('womenRepresented'),
				barriers: form.getAll('barriers').map(String),
				contactPerson: s('contactPerson'),
				contactEmail: s('contactEmail'),
				contactPhone: s('contactPhone'),
				listed: s('listed')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=1`);
	},
	leave: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await coalitions.leaveCoalition(locals.ctx, params.slug, field(form, 'organizationId'));
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?left=1`);
	}
};
