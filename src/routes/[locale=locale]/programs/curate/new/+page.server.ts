import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { once } from '#lib/server/core';
import { curationOptions, isCurator, programs, programFromForm } from '#lib/server/modules/programs';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	requireSignIn({ locals, url });
	if (!isCurator(locals.ctx.actor)) error(403, t(locals.locale, 'error_forbidden'));
	return { formKey: formKey(), options: curationOptions };
};

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const form = await readForm(request);
		const input = programFromForm(form);
		let slug: string;
		try {
			const key = field(form, '_once') || null;
			({ slug } = await once(locals.ctx, 'programs.create', key, (ctx) =>
				programs.createProgram(ctx, input)
			));
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, input });
		}
		redirect(303, `/${locals.locale}/programs/curate/${slug}?done=created`);
	}
};
