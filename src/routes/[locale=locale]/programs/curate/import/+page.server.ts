import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isCurator, programs, CSV_COLUMNS, type ImportReport } from '#lib/server/modules/programs';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = ({ locals, url }) => {
	requireSignIn({ locals, url });
	if (!isCurator(locals.ctx.actor)) error(403, t(locals.locale, 'error_forbidden'));
	return { columns: CSV_COLUMNS };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await readForm(request);
		const file = form.get('file');
		const text = file instanceof File && file.size > 0 ? await file.text() : field(form, 'text');
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
