import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { programs } from '#lib/server/modules/programs';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const mine = await programs.myPrograms(locals.ctx);
	const token = await programs.feedToken(locals.ctx);
	return {
		...mine,
		// Reminders and the calendar only matter once some program has a dated deadline.
		deadlines: (await programs.hasDeadlines(locals.ctx)) || mine.saved.some((p) => p.lastDeadline),
		feedUrl: `${locals.ctx.platform.origin}/programs/calendar/${token}.ics?lang=${locals.locale}`,
		notice: url.searchParams.has('saved') ? 'saved' : url.searchParams.get('done')
	};
};

export const actions: Actions = {
	deleteProfile: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await programs.deleteProfile(locals.ctx);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/mine?done=deleted`);
	},
	rotateFeed: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			await programs.feedToken(locals.ctx, { rotate: true });
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/mine?done=rotated`);
	}
};
