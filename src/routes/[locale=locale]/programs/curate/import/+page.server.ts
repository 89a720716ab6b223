import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isCurator, programs, CSV_COLUMNS, type ImportReport } from '#lib/server/modules/programs';
import { formFailure } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user)
		redirect(303, `/${locals.locale}/auth/sign-in?next=/${locals.locale}/programs/curate/import`);
	if (!isCurator(locals.ctx.actor)) error(403, t(locals.locale, 'error_forbidden'));
	return { columns: CSV_COLUMNS };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await request.formData();
		const file = form.get('file');
		const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get('text') ?? '');
		try {
			const report: ImportReport = await programs.importCsv(locals.ctx, text, {
				dryRun: form.get('dryRun') === 'yes'
			});
			return { report };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	}
};
