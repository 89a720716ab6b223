import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { parseCsv, toCsv } from '../../core/csv';
import { randomUUID } from 'node:crypto';
import { AppError, withDb, writeAudit, type ServiceContext } from '../../core';
import { fieldErrors } from '../../core/validation';
import { LOCALES } from '#lib/i18n/locales';
import { t, type MessageKey } from '#lib/i18n/messages';
import { program } from './schema';
import { programInput, type ProgramInput } from './inputs';
import { canEdit, canPublish } from './access';
import { proposeRevision, requireCurator } from './curation';
import { allRows, rowBySlug, type ProgramRow } from './queries';
import { normalise, toInput, writeProgram, type ProgramValues } from './records';

/**
 * CSV import and export of programs. One row per program; list fields separated by "|"; criteria,
 * sources, deadlines and how-to-apply as JSON in their cells. Import validates every row first and
 * reports each row's errors; it writes nothing unless every row is valid, and then writes all rows in
 * one transaction. A dry run only reports.
 */

const TEXT_FIELDS = ['title', 'summary', 'body', 'eligibility_text'] as const;
export const CSV_COLUMNS = [
	'slug',
	'country',
	'countries',
	'regions',
	'kinds',
	'sectors',
	'status',
	'women_specific',
	'operator',
	...TEXT_FIELDS.flatMap((f) => LOCALES.map((l) => `${f}_${l}`)),
	'currency',
	'amount_min',
	'amount_max',
	'rate_percent',
	'term_months_max',
	'grace_months_max',
	'criteria',
	'deadlines',
	'how_to_apply',
	'sources',
	'official_url',
	'verification',
	'reviewed_on'
];

function rowToCsv(p: ProgramInput): unknown[] {
	const texts: Record<string, Record<string, string | undefined> | undefined> = {
		title: p.title,
		summary: p.summary,
		body: p.body,
		eligibility_text: p.eligibilityText
	};
	const terms = p.terms ?? {};
	return [
		p.slug,
		p.country,
		(p.countries ?? []).join('|'),
		(p.regions ?? []).join('|'),
		p.kinds.join('|'),
		(p.sectors ?? []).join('|'),
		p.status,
		p.womenSpecific ? 'yes' : 'no',
		p.operator ?? '',
		...TEXT_FIELDS.flatMap((f) => LOCALES.map((l) => texts[f]?.[l] ?? '')),
		terms.currency ?? '',
		terms.amountMin ?? '',
		terms.amountMax ?? '',
		terms.ratePercent ?? '',
		terms.termMonthsMax ?? '',
		terms.graceMonthsMax ?? '',
		JSON.stringify(p.criteria ?? []),
		JSON.stringify(p.deadlines ?? { rolling: false, dates: [] }),
		JSON.stringify(p.howToApply ?? { steps: [], documents: [] }),
		JSON.stringify(p.sources ?? []),
		p.officialUrl ?? '',
		p.verification ?? '',
		p.reviewedOn ?? ''
	];
}

/** CSV of the programs the actor curates (every publication state). */
export async function exportCsv(ctx: ServiceContext): Promise<string> {
	requireCurator(ctx);
	const rows = (await allRows(ctx, eq(program.demo, false))).filter((r) => canEdit(ctx.actor, r));
	rows.sort((a, b) => a.slug.localeCompare(b.slug));
	return toCsv([CSV_COLUMNS, ...rows.map((r) => rowToCsv(toInput(r)))]);
}

export interface ImportRowReport {
	/** 1-based line in the file (the header is line 1). */
	line: number;
	slug: string;
	action: 'create' | 'update' | null;
	errors: { field: string; message: string }[];
}

export interface ImportReport {
	dryRun: boolean;
	applied: boolean;
	rows: ImportRowReport[];
	created: number;
	updated: number;
	errorCount: number;
}

function parseJsonCell(value: string, fallback: unknown): unknown {
	if (!value.trim()) return fallback;
	return JSON.parse(value);
}

const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(/\s/g, '').replace(',', '.')));
const list = (v: string) =>
	v
		.split('|')
		.map((x) => x.trim())
		.filter(Boolean);

function rowToInput(
	header: string[],
	values: string[]
): { input: Record<string, unknown>; jsonErrors: string[] } {
	const get = (name: string) => values[header.indexOf(name)] ?? '';
	const jsonErrors: string[] = [];
	const json = (name: string, fallback: unknown) => {
		try {
			return parseJsonCell(get(name), fallback);
		} catch {
			jsonErrors.push(name);
			return fallback;
		}
	};
	const texts = (f: string) =>
		Object.fromEntries(LOCALES.map((l) => [l, get(`${f}_${l}`)]).filter(([, v]) => v.trim()));
	const yes = get('women_specific').trim().toLowerCase();
	return {
		input: {
			slug: get('slug'),
			country: get('country').trim().toUpperCase(),
			countries: list(get('countries')),
			regions: list(get('regions')),
			kinds: list(get('kinds')),
			sectors: list(get('sectors')),
			status: get('status').trim(),
			womenSpecific: ['yes', 'true', '1', 'да', 'ооба', 'ha', 'иә', 'ҳа'].includes(yes),
			operator: get('operator').trim() || null,
			title: texts('title'),
			summary: texts('summary'),
			body: texts('body'),
			eligibilityText: texts('eligibility_text'),
			terms: {
				currency: get('currency').trim() || null,
				amountMin: num(get('amount_min')),
				amountMax: num(get('amount_max')),
				ratePercent: num(get('rate_percent')),
				termMonthsMax: num(get('term_months_max')),
				graceMonthsMax: num(get('grace_months_max'))
			},
			criteria: json('criteria', []),
			deadlines: json('deadlines', { rolling: false, dates: [] }),
			howToApply: json('how_to_apply', { steps: [], documents: [] }),
			sources: json('sources', []),
			officialUrl: get('official_url').trim() || null,
			verification: get('verification').trim() || undefined,
			reviewedOn: get('reviewed_on').trim() || null
		},
		jsonErrors
	};
}

/**
 * Imports programs from CSV. New slugs become drafts; existing ones are edited (a published one
 * goes back to review unless the importer may publish it). All rows or none.
 */
export async function importCsv(
	ctx: ServiceContext,
	text: string,
	options: { dryRun: boolean }
): Promise<ImportReport> {
	requireCurator(ctx);
	if (text.length > 5_000_000) throw new AppError('INVALID', { messageKey: 'programs_import_too_large' });
	const rows = parseCsv(text);
	const msg = (key: MessageKey, params?: Record<string, string | number>) => t(ctx.locale, key, params);
	if (!rows.length) throw new AppError('INVALID', { messageKey: 'programs_import_empty' });
	const header = rows[0].map((h) => h.trim().toLowerCase());
	const missing = ['slug', 'country', 'kinds', 'status'].filter((c) => !header.includes(c));
	if (missing.length)
		throw new AppError('INVALID', {
			messageKey: 'programs_import_header',
			params: { columns: missing.join(', ') }
		});
	const reports: ImportRowReport[] = [];
	const valid: {
		line: number;
		parsed: z.infer<typeof programInput>;
		data: ProgramValues;
		existing: ProgramRow | null;
	}[] = [];
	const seen = new Set<string>();
	for (let i = 1; i < rows.length; i++) {
		const line = i + 1;
		const { input, jsonErrors } = rowToInput(header, rows[i]);
		const report: ImportRowReport = { line, slug: String(input.slug ?? ''), action: null, errors: [] };
		reports.push(report);
		for (const name of jsonErrors)
			report.errors.push({ field: name, message: msg('programs_import_bad_json') });
		const parsed = programInput.safeParse(input);
		if (!parsed.success) {
			for (const [field, e] of Object.entries(fieldErrors(parsed.error)))
				report.errors.push({ field, message: msg(e.key, e.params) });
			continue;
		}
		const data = normalise(parsed.data);
		report.slug = data.slug;
		if (seen.has(data.slug)) {
			report.errors.push({ field: 'slug', message: msg('programs_import_duplicate') });
			continue;
		}
		seen.add(data.slug);
		if (!canEdit(ctx.actor, data)) {
			report.errors.push({ field: 'country', message: msg('programs_error_edit_forbidden') });
			continue;
		}
		const existing = await rowBySlug(ctx, data.slug);
		if (existing && !canEdit(ctx.actor, existing)) {
			report.errors.push({ field: 'slug', message: msg('programs_error_edit_forbidden') });
			continue;
		}
		if (jsonErrors.length) continue;
		report.action = existing ? 'update' : 'create';
		valid.push({ line, parsed: parsed.data, data, existing });
	}
	const errorCount = reports.reduce((n, r) => n + r.errors.length, 0);
	const created = reports.filter((r) => r.action === 'create').length;
	const updated = reports.filter((r) => r.action === 'update').length;
	if (errorCount > 0 || options.dryRun || !valid.length)
		return { dryRun: options.dryRun, applied: false, rows: reports, created, updated, errorCount };
	await ctx.db.transaction(async (tx) => {
		const txCtx = withDb(ctx, tx);
		for (const v of valid) {
			const publication = v.existing?.publication ?? 'draft';
			if (
				v.existing &&
				publication === 'published' &&
				!(canPublish(ctx.actor, v.existing) && canPublish(ctx.actor, v.data))
			) {
				// Changes to a published program wait for a coordinator; the published version stays.
				await proposeRevision(txCtx, v.existing, v.parsed, 'import_revision');
				continue;
			}
			await writeProgram(
				txCtx,
				v.existing?.id ?? randomUUID(),
				{ ...v.data, publication },
				v.existing,
				v.existing ? 'import_update' : 'import_create'
			);
		}
		await writeAudit(txCtx, {
			action: 'programs.import',
			entity: 'program',
			after: { created, updated }
		});
	});
	return { dryRun: false, applied: true, rows: reports, created, updated, errorCount: 0 };
}
