import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact, type ReachImportReport } from '#lib/server/modules/impact';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	await impact.pendingValues(locals.ctx); // coordinators only
	return { fields: impact.REACH_CSV_FIELDS, applied: url.searchParams.get('applied') };
};

async function csvOf(form: FormData): Promise<string> {
	const upload = form.get('file');
	if (upload instanceof File && upload.size > 0) return upload.text();
	return field(form, 'csv');
}

function mappingOf(form: FormData): Record<string, string> {
	return Object.fromEntries(
		impact.REACH_CSV_FIELDS.map((f) => [f, field(form, `map.${f}`)]).filter(([, v]) => v)
	);
}

function translate(locale: Locale, r: ReachImportReport) {
	return {
		ok: r.ok,
		count: r.count,
		digest: r.digest,
		missingColumns: r.missingColumns,
		rows: r.rows.map((row) => ({
			row: row.row,
			errors: row.errors.map((e) => `${e.field}: ${t(locale, e.key as MessageKey, e.params)}`)
		}))
	};
}

export const actions: Actions = {
	check: async ({ locals, request }) => {
		const form = await readForm(request);
		try {
			const csv = await csvOf(form);
			const mapping = mappingOf(form);
			const report = await impact.importReachCsv(locals.ctx, { csv, mapping }, { dryRun: true });
			return { report: translate(locals.locale, report), csv, mapping };
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
	},
	apply: async ({ locals, request, url }) => {
		const form = await readForm(request);
		let count: number;
		try {
			const csv = field(form, 'csv');
			const mapping = mappingOf(form);
			const report = await impact.importReachCsv(
				locals.ctx,
				{ csv, mapping, confirm: field(form, 'confirm') },
				{ dryRun: false }
			);
			if (!report.applied) return { report: translate(locals.locale, report), csv, mapping };
			count = report.count;
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?applied=${count}`);
	}
};
