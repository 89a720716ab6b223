import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact, type AnswersImportReport } from '#lib/server/modules/impact';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';
import { field, fields, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { AppError, translateError } from '#lib/server/core';

/**
 * An enumerator (a coordinator of the wave's country) enters the answers she collects on a phone,
 * one respondent after another: each save returns an empty form and the running count. Answers
 * collected on paper or in another tool come in as a CSV: checked first, then all rows or none.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	try {
		const session = await impact.enumeratorForm(locals.ctx, params.wave);
		return {
			...session,
			saved: url.searchParams.has('saved'),
			imported: url.searchParams.get('imported'),
			once: formKey()
		};
	} catch (e) {
		const t = translateError(e, locals.locale);
		if (e instanceof AppError && t) error(t.status, t.message);
		throw e;
	}
};

async function csvOf(form: FormData): Promise<string> {
	const upload = form.get('file');
	if (upload instanceof File && upload.size > 0) return upload.text();
	return field(form, 'csv');
}

function translate(locale: Locale, r: AnswersImportReport) {
	return {
		ok: r.ok,
		count: r.count,
		unknownColumns: r.unknownColumns,
		rows: r.rows.map((row) => ({
			row: row.row,
			errors: row.errors.map((e) => `${e.field}: ${t(locale, e.key as MessageKey, e.params)}`)
		}))
	};
}

export const actions: Actions = {
	check: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			const csv = await csvOf(form);
			const codesConsented = field(form, 'codesConsented') === 'on';
			const report = await impact.importAnswersCsv(
				locals.ctx,
				params.wave,
				{ csv, codesConsented },
				{ dryRun: true }
			);
			return { report: translate(locals.locale, report), csv, codesConsented };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	},
	apply: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		let count: number;
		try {
			const csv = field(form, 'csv');
			const codesConsented = field(form, 'codesConsented') === 'on';
			const report = await impact.importAnswersCsv(
				locals.ctx,
				params.wave,
				{ csv, codesConsented },
				{ dryRun: false }
			);
			if (!report.applied) return { report: translate(locals.locale, report), csv, codesConsented };
			count = report.count;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `${url.pathname}?imported=${count}`);
	},
	answer: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			const { form: s } = await impact.enumeratorForm(locals.ctx, params.wave);
			const answers = Object.fromEntries(
				s.items.map((i) => [i.name, i.kind === 'multiple' ? fields(form, i.name) : field(form, i.name)])
			);
			await impact.submitAnswers(
				locals.ctx,
				params.wave,
				{
					answers,
					code: field(form, 'respondent'),
					codeConsent: field(form, 'codeConsent'),
					_once: field(form, '_once')
				},
				'enumerator'
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=1`);
	}
};
