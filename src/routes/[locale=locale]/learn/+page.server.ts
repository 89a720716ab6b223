import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning } from '#lib/server/modules/learning';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	const signedIn = !!locals.user;
	const [courses, progress, places] = await Promise.all([
		learning.listCourses(locals.ctx),
		signedIn ? learning.myProgress(locals.ctx) : null,
		signedIn ? learning.placeOptions(locals.ctx) : []
	]);
	return {
		courses,
		signedIn,
		canAuthor: learning.isAuthor(locals.ctx),
		place: progress ? (progress.region ?? progress.country ?? '') : '',
		places,
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	place: async ({ locals, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.setPlace(locals.ctx, { place: form.get('place') });
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn?done=place#place`);
	}
};
