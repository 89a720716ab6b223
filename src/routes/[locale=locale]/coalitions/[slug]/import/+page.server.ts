import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	// Coordinators only: the same check the import itself makes.
	await coalitions.listJoinRequests(locals.ctx, params.slug);
	const c = await coalitions.getCoalition(locals.ctx, params.slug);
	return {
		coalition: { slug: c.slug, name: c.name },
		header: coalitions.TIMELINE_CSV_HEADER,
		applied: url.searchParams.get('applied')
	};
};

async function csvOf(form: FormData): Promise<string> {
	const upload = form.get('file');
	if (upload instanceof File && upload.size > 0) return upload.text();
	return field(form, 'csv');
}

function translate(locale: Locale, report: Awaited<ReturnType<typeof coalitions.importTimelineCsv>>) {
	return {
		ok: report.ok,
		digest: report.digest,
		headerErrors: report.headerErrors,
		rows: report.rows.map((r) => ({
			row: r.row,
			recommendationId: r.recommendationId,
			status: r.status,
			errors: r.errors.map((e) => `${e.field}: ${t(locale, e.key as MessageKey, e.params)}`)
		}))
	};
}

export const actions: Actions = {
	check: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			const csv = await csvOf(form);
			const report = await coalitions.importTimelineCsv(locals.ctx, params.slug, { csv }, { dryRun: true });
			return { report: translate(locals.locale, report), csv };
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
	},
	apply: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		let applied: number;
		try {
			const csv = field(form, 'csv');
			const report = await coalitions.importTimelineCsv(
				locals.ctx,
				params.slug,
				{ csv, confirm: field(form, 'confirm') },
				{ dryRun: false }
			);
			if (!report.applied) return { report: translate(locals.locale, report), csv };
			applied = report.rows.length;
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?applied=${applied}`);
	}
};
