import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { AppError, translateError } from '#lib/server/core';
import { storyFromForm, uploadOf } from '../story-form';
import { storyOptions } from '../options';

/** A coordinator edits a story of her country. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireSignIn({ locals, url });
	try {
		return {
			story: await impact.storyForEdit(locals.ctx, params.id),
			options: await storyOptions(locals.ctx),
			saved: url.searchParams.has('saved')
		};
	} catch (e) {
		const t = translateError(e, locals.locale);
		if (e instanceof AppError && t) error(t.status, t.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, request, url, params }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await impact.updateStory(locals.ctx, params.id, storyFromForm(form), await uploadOf(form), {
				removeFile: field(form, 'removeFile') === 'on'
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=1`);
	}
};
