import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { curationOptions, programs, programFromForm } from '#lib/server/modules/programs';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

// A service's AppError (403, 404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const edit = await programs.programForEdit(locals.ctx, params.slug);
	return { ...edit, options: curationOptions, done: url.searchParams.get('done') };
};

const step =
	(
		fn: 'submitForReview' | 'publishProgram' | 'returnToDraft' | 'archiveProgram',
		done: string
	): Actions[string] =>
	async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await programs[fn](locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/curate/${params.slug}?done=${done}`);
	};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const input = programFromForm(form);
		let result;
		try {
			result = await programs.updateProgram(locals.ctx, params.slug, input);
		} catch (e) {
			const failure = formFailure(e, locals.locale, form);
			return fail(failure.status, { ...failure.data, input });
		}
		redirect(
			303,
			`/${locals.locale}/programs/curate/${result.slug}?done=${result.pending ? 'revision' : 'saved'}`
		);
	},
	publishRevision: async ({ locals, params, request }) => {
		const form = await readForm(request);
		let result;
		try {
			result = await programs.publishRevision(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/curate/${result.slug}?done=revision_published`);
	},
	discardRevision: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await programs.discardRevision(locals.ctx, params.slug, field(form, 'note') || undefined);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/curate/${params.slug}?done=revision_discarded`);
	},
	review: step('submitForReview', 'in_review'),
	publish: step('publishProgram', 'published'),
	draft: step('returnToDraft', 'draft'),
	archive: step('archiveProgram', 'archived')
};
