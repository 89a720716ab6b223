import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '#lib/server/core';
import { curationOptions, programs, programFromForm } from '#lib/server/modules/programs';
import { formFailure } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/${locals.locale}/auth/sign-in?next=${encodeURIComponent(url.pathname)}`);
	try {
		const edit = await programs.programForEdit(locals.ctx, params.slug);
		return { ...edit, options: curationOptions, done: url.searchParams.get('done') };
	} catch (e) {
		if (isAppError(e)) error(e.status, t(locals.locale, e.messageKey));
		throw e;
	}
};

const step =
	(
		fn: 'submitForReview' | 'publishProgram' | 'returnToDraft' | 'archiveProgram',
		done: string
	): Actions[string] =>
	async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await programs[fn](locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/curate/${params.slug}?done=${done}`);
	};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = await request.formData();
		const input = programFromForm(form);
		let result;
		try {
			result = await programs.updateProgram(locals.ctx, params.slug, input as never);
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
		const form = await request.formData();
		let result;
		try {
			result = await programs.publishRevision(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/curate/${result.slug}?done=revision_published`);
	},
	discardRevision: async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await programs.discardRevision(locals.ctx, params.slug, String(form.get('note') ?? '') || undefined);
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
