import { isRedirect, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts, ORGANIZATION_KINDS } from '#lib/server/modules/accounts';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const organizations = await accounts.listOrganizations(locals.ctx);
	return { organizations, kinds: ORGANIZATION_KINDS };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const form = await readForm(request);
		const text = (key: string) => String(form.get(key) ?? '');
		try {
			const org = await accounts.createOrganization(locals.ctx, {
				slug: text('slug'),
				kind: text('kind'),
				country: text('country') || null,
				name: {
					ru: text('name_ru'),
					en: text('name_en'),
					ky: text('name_ky'),
					kk: text('name_kk'),
					tg: text('name_tg'),
					uz: text('name_uz')
				}
			});
			redirect(303, `/${locals.locale}/admin/organizations/${org.slug}`);
		} catch (error) {
			if (isRedirect(error)) throw error;
			return formFailure(error, locals.locale, form);
		}
	}
};
