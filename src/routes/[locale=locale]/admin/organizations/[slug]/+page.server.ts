import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { textIn } from '#lib/server/core';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const org = await accounts.getOrganizationBySlug(locals.ctx, params.slug);
	if (!org) error(404);
	const members = await accounts.listMembers(locals.ctx, org.id);
	return {
		org: {
			id: org.id,
			slug: org.slug,
			kind: org.kind,
			demo: org.demo,
			name: textIn(org.name, locals.locale)
		},
		members
	};
};

export const actions: Actions = {
	member: async ({ locals, request, params }) => {
		const form = await readForm(request);
		const org = await accounts.getOrganizationBySlug(locals.ctx, params.slug);
		if (!org) error(404);
		try {
			await accounts.addMemberByEmail(locals.ctx, {
				organizationId: org.id,
				email: field(form, 'email'),
				role: String(form.get('role') ?? 'member')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		return { added: true };
	}
};
