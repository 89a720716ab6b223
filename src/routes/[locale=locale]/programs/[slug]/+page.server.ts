import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError } from '#lib/server/core';
import { programs } from '#lib/server/modules/programs';
import { formFailure } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const program = await programs.getProgram(locals.ctx, params.slug);
		return {
			program,
			signedIn: !!locals.user,
			today: locals.ctx.clock().toISOString().slice(0, 10),
			done: url.searchParams.get('done')
		};
	} catch (e) {
		if (isAppError(e) && e.code === 'NOT_FOUND') error(404, t(locals.locale, 'error_not_found'));
		throw e;
	}
};

export const actions: Actions = {
	save: async ({ locals, params, request }) => {
		const form = await request.formData();
		if (!locals.user)
			redirect(
				303,
				`/${locals.locale}/auth/sign-in?next=${encodeURIComponent(`/${locals.locale}/programs/${params.slug}`)}`
			);
		try {
			await programs.saveProgram(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/${params.slug}?done=saved`);
	},
	unsave: async ({ locals, params, request }) => {
		const form = await request.formData();
		try {
			await programs.unsaveProgram(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/${params.slug}?done=unsaved`);
	}
};
