import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { storyFromForm, uploadOf } from './story-form';
import { storyOptions } from './options';

/** Coordinators' stories: the list with edit links and the form for a new story. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	await impact.pendingValues(locals.ctx); // coordinators only (FORBIDDEN otherwise)
	const options = await storyOptions(locals.ctx);
	const stories = (await impact.listStories(locals.ctx)).filter((s) => options.countries.includes(s.country));
	return { options, stories, once: formKey(), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		let id: string;
		try {
			({ id } = await impact.createStory(locals.ctx, storyFromForm(form), await uploadOf(form)));
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=${encodeURIComponent(id)}`);
	}
};
