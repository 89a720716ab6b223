import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning, LEVELS } from '#lib/server/modules/learning';
import { textIn } from '#lib/server/core';
import { accounts } from '#lib/server/modules/accounts';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { nestedForm } from './form';

/** Authoring home: the courses she may edit, and a new course for her organization. */
export const load: PageServerLoad = async (event) => {
	requireSignIn(event);
	const { courses, organizations } = await learning.authorHome(event.locals.ctx);
	const mine = await accounts.myOrganizations(event.locals.ctx);
	return {
		courses: courses.map((c) => ({
			slug: c.slug,
			title: textIn(c.title, event.locals.locale),
			publication: c.publication
		})),
		levels: LEVELS,
		organizations: mine.filter((o) => organizations.includes(o.id)).map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		let slug: string;
		try {
			slug = (await learning.createCourse(locals.ctx, nestedForm(form))).slug;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn/author/${slug}?done=saved`);
	}
};
