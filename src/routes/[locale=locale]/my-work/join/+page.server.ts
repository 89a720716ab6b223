import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url: url });
	return { code: url.searchParams.get('code')?.slice(0, 64) ?? '' };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await production.joinWithCode(locals.ctx, {
				code: field(form, 'code'),
				name: field(form, 'name'),
				village: field(form, 'village'),
				phone: field(form, 'phone'),
				consent: field(form, 'consent') === 'on'
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/my-work?joined=1`);
	}
};
