import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact, IMPACT_COUNTRIES, WAVE_KINDS, type SurveyImportReport } from '#lib/server/modules/impact';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

/** Coordinators' surveys: import a definition (XLSForm), open and close waves, links to entry and results. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	await impact.pendingValues(locals.ctx); // coordinators only (FORBIDDEN otherwise)
	return {
		surveys: await impact.listSurveys(locals.ctx),
		countries: IMPACT_COUNTRIES.filter((c) => impact.isCoordinator(locals.ctx, c)),
		kinds: WAVE_KINDS,
		done: url.searchParams.get('done'),
		once: formKey()
	};
};

async function fileText(form: FormData, name: string): Promise<string | undefined> {
	const f = form.get(name);
	return f instanceof File && f.size > 0 ? f.text() : undefined;
}

/** Every refusal of the XLSForm, in her language, with where it is in the file. */
function issues(locale: Locale, report: SurveyImportReport) {
	const line = (i: SurveyImportReport['errors'][number] | SurveyImportReport['warnings'][number]) => {
		const where = [
			t(locale, 'impact_xlsform_sheet', { sheet: i.sheet }),
			i.row !== null ? t(locale, 'impact_xlsform_row', { row: i.row }) : '',
			i.column ? t(locale, 'impact_xlsform_column', { column: i.column }) : ''
		]
			.filter(Boolean)
			.join(', ');
		const what = t(locale, `impact_xlsform_${i.code.toLowerCase()}` as MessageKey, {
			detail: i.detail ?? ''
		});
		return `${where}: ${what}`;
	};
	return { errors: report.errors.map(line), warnings: report.warnings.map(line) };
}

export const actions: Actions = {
	import: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		let report: SurveyImportReport;
		try {
			const xlsx = form.get('xlsx');
			const survey = await fileText(form, 'surveyCsv');
			report = await impact.importSurvey(locals.ctx, {
				slug: field(form, 'slug'),
				xlsx: xlsx instanceof File && xlsx.size > 0 ? new Uint8Array(await xlsx.arrayBuffer()) : undefined,
				csv: survey
					? {
							survey,
							choices: await fileText(form, 'choicesCsv'),
							settings: await fileText(form, 'settingsCsv')
						}
					: undefined
			});
		} catch (error) {
			return formFailure(error, locals.locale, form, { action: 'import' });
		}
		if (!report.ok)
			return {
				action: 'import',
				refused: issues(locals.locale, report),
				values: { slug: field(form, 'slug') }
			};
		redirect(303, `${url.pathname}?done=imported`);
	},
	wave: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await impact.openWave(locals.ctx, {
				surveyId: field(form, 'surveyId'),
				country: field(form, 'country'),
				kind: field(form, 'kind'),
				_once: field(form, '_once')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form, { action: 'wave' });
		}
		redirect(303, `${url.pathname}?done=opened`);
	},
	toggle: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await impact.setWaveOpen(locals.ctx, { waveId: field(form, 'waveId'), open: field(form, 'open') });
		} catch (error) {
			return formFailure(error, locals.locale, form, { action: 'toggle' });
		}
		redirect(303, `${url.pathname}?done=${field(form, 'open') === '1' ? 'reopened' : 'closed'}`);
	}
};
