import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import * as q from './queries';
import { respondentCode, strictNumber, waveInput } from './inputs';
import { isCoordinator, requireCoordinator } from './access';
import {
	parseXlsForm,
	parseXlsFormCsv,
	type SurveyItem,
	type XlsFormError,
	type XlsFormWarning
} from './xlsform';
import { distribution, mean, pairByCode, pairedInterval, welchInterval } from './stats';
import type { SurveyItemResult } from './views';
import {
	AppError,
	once,
	parseCsv,
	parseInput,
	pickText,
	suppressSmallCounts,
	SUPPRESS_BELOW,
	textIn,
	writeAudit,
	type FieldError,
	type I18nText,
	type ServiceContext
} from '../../core';

/**
 * Perception surveys: definitions (imported from an XLSForm, the Kobo/ODK format, with labels per
 * language), waves per country (baseline, endline), answers from a web form (anonymous, or with a
 * consented pseudonymous code stored only as a keyed hash), from an enumerator, or from a CSV; results
 * per item with the method named, and every cell under 5 respondents suppressed (with complementary
 * suppression) in everything that leaves the coordinators' own screen.
 */

type Answers = Record<string, string | number | string[]>;

const slugSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: 'impact_error_slug' });

export interface SurveyImportReport {
	ok: boolean;
	id: string | null;
	errors: XlsFormError[];
	warnings: XlsFormWarning[];
}

/**
 * Imports a survey definition from an XLSForm (.xlsx bytes, or one CSV per sheet). Unsupported
 * features (`relevant`, `calculate`…) are refused with the row and column, never dropped.
 */
export async function importSurvey(
	ctx: ServiceContext,
	input: {
		slug: unknown;
		title?: I18nText;
		xlsx?: Uint8Array;
		csv?: { survey: string; choices?: string; settings?: string };
	}
): Promise<SurveyImportReport> {
	const userId = requireCoordinator(ctx);
	const slug = parseInput(z.object({ slug: slugSchema }), { slug: input.slug }).slug;
	if (await q.surveyBySlug(ctx.db, slug))
		throw new AppError('CONFLICT', { fields: { slug: { key: 'impact_error_slug_taken' } } });
	const parsed = input.xlsx
		? await parseXlsForm(input.xlsx, { defaultLocale: ctx.locale })
		: input.csv
			? parseXlsFormCsv(input.csv, { defaultLocale: ctx.locale })
			: null;
	if (!parsed) throw new AppError('INVALID', { fields: { file: { key: 'error_field_required' } } });
	if (!parsed.ok) return { ok: false, id: null, errors: parsed.errors, warnings: parsed.warnings };
	const items = parsed.form.items.filter((i) => i.kind !== 'note' || Object.keys(i.label).length);
	const title = input.title && Object.keys(input.title).length ? input.title : parsed.form.title;
	const id = randomUUID();
	await ctx.db.transaction(async (tx) => {
		await q.insertSurvey(tx, {
			id,
			slug,
			title: Object.keys(title).length ? title : { en: slug },
			items,
			createdBy: userId,
			createdAt: ctx.clock()
		});
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'impact.survey.import',
				entity: 'impact_survey',
				entityId: id,
				after: { slug, items: items.length }
			}
		);
	});
	return { ok: true, id, errors: [], warnings: parsed.warnings };
}

export async function openWave(ctx: ServiceContext, input: unknown) {
	requireCoordinator(ctx); // a coordinator somewhere, before her input is read
	const { _once: key, ...data } = parseInput(waveInput, input);
	const userId = requireCoordinator(ctx, data.country);
	if (!(await q.surveyById(ctx.db, data.surveyId))) throw new AppError('NOT_FOUND');
	// A double submit (the same form key) opens one wave.
	return once(ctx, 'impact.wave', key, async (tx) => {
		const id = randomUUID();
		await q.insertWave(tx.db, { id, ...data, open: true, createdAt: ctx.clock() });
		await writeAudit(tx, {
			action: 'impact.wave.open',
			entity: 'impact_wave',
			entityId: id,
			after: { ...data, by: userId }
		});
		return { id };
	});
}

/** The form a respondent fills (public, for an open wave). */
export async function surveyForm(ctx: ServiceContext, waveId: string) {
	const w = await q.waveById(ctx.db, waveId);
	if (!w || !w.open) throw new AppError('NOT_FOUND');
	const s = (await q.surveyById(ctx.db, w.surveyId))!;
	return {
		waveId: w.id,
		country: w.country,
		kind: w.kind,
		title: textIn(s.title, ctx.locale),
		items: s.items.map((i) => ({
			name: i.name,
			kind: i.kind,
			required: i.required,
			integer: i.integer ?? false,
			label: pickText(i.label, ctx.locale)?.text ?? i.name,
			hint: pickText(i.hint, ctx.locale)?.text ?? '',
			choices: (i.choices ?? []).map((c) => ({
				name: c.name,
				label: pickText(c.label, ctx.locale)?.text ?? c.name
			}))
		}))
	};
}

/** Checks one respondent's answers against the items; errors per item name. */
export function checkAnswers(
	items: SurveyItem[],
	raw: Record<string, unknown>
): { answers: Answers; errors: Record<string, FieldError> } {
	const answers: Answers = {};
	const errors: Record<string, FieldError> = {};
	for (const item of items) {
		if (item.kind === 'note') continue;
		const v = raw[item.name];
		const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);
		if (empty) {
			if (item.required) errors[item.name] = { key: 'error_field_required' };
			continue;
		}
		const names = (item.choices ?? []).map((c) => c.name);
		if (item.kind === 'agreement' || item.kind === 'single') {
			if (typeof v !== 'string' || !names.includes(v.trim()))
				errors[item.name] = { key: 'error_field_choice' };
			else answers[item.name] = v.trim();
		} else if (item.kind === 'multiple') {
			const list = (Array.isArray(v) ? v : String(v).split(/\s+/))
				.map((x) => String(x).trim())
				.filter(Boolean);
			if (list.some((x) => !names.includes(x))) errors[item.name] = { key: 'error_field_choice' };
			else answers[item.name] = [...new Set(list)];
		} else if (item.kind === 'number') {
			const n = strictNumber(v);
			if (n === null) errors[item.name] = { key: 'impact_error_number' };
			else if (item.integer && !Number.isInteger(n)) errors[item.name] = { key: 'impact_error_whole_number' };
			else answers[item.name] = n;
		} else {
			const s = String(v).trim();
			if (s.length > 500) errors[item.name] = { key: 'error_field_too_long', params: { count: 500 } };
			else answers[item.name] = s;
		}
	}
	return { answers, errors };
}

function codeHash(ctx: ServiceContext, surveyId: string, code: string) {
	return createHmac('sha256', ctx.platform.secret)
		.update(`impact-code:${surveyId}:${code.toLowerCase()}`)
		.digest('hex');
}

/**
 * One respondent's answers. `web`: anyone, for an open wave (a code only with consent). `enumerator`:
 * a coordinator of the wave's country entering answers she collected on a phone.
 */
export async function submitAnswers(
	ctx: ServiceContext,
	waveId: string,
	input: { answers: Record<string, unknown>; code?: unknown; codeConsent?: unknown; _once?: unknown },
	mode: 'web' | 'enumerator' = 'web'
): Promise<{ id: string }> {
	const w = await q.waveById(ctx.db, waveId);
	if (!w || !w.open) throw new AppError('NOT_FOUND');
	const enteredBy = mode === 'enumerator' ? requireCoordinator(ctx, w.country) : null;
	const s = (await q.surveyById(ctx.db, w.surveyId))!;
	const { answers, errors } = checkAnswers(s.items, input.answers);
	const rawCode = typeof input.code === 'string' ? input.code.trim() : '';
	let hash: string | null = null;
	if (rawCode) {
		const consent = input.codeConsent === true || input.codeConsent === 'on';
		const parsed = respondentCode.safeParse(rawCode);
		if (!parsed.success) errors.code = { key: 'impact_error_code' };
		else if (!consent) errors.codeConsent = { key: 'impact_error_code_consent' };
		else hash = codeHash(ctx, s.id, parsed.data);
	}
	if (Object.keys(errors).length) throw new AppError('INVALID', { fields: errors });
	const key = typeof input._once === 'string' && input._once.length <= 100 ? input._once : null;
	// A double submit (the same form key) records one respondent.
	return once(ctx, 'impact.answers', key, async (tx) => {
		const id = randomUUID();
		await q.insertResponses(tx.db, [
			{ id, waveId, codeHash: hash, mode, answers, enteredBy, createdAt: ctx.clock() }
		]);
		return { id };
	});
}

/**
 * An enumerator's session on a wave: the form, and how many respondents she has entered in it so
 * far (a coordinator of the wave's country; others get NOT_FOUND for a closed wave, FORBIDDEN otherwise).
 */
export async function enumeratorForm(ctx: ServiceContext, waveId: string) {
	const w = await q.waveById(ctx.db, waveId);
	if (!w) throw new AppError('NOT_FOUND');
	const userId = requireCoordinator(ctx, w.country);
	return { form: await surveyForm(ctx, waveId), entered: await q.countResponses(ctx.db, waveId, userId) };
}

/** Closes or reopens a wave (a coordinator of its country); a closed wave takes no answers. */
export async function setWaveOpen(ctx: ServiceContext, input: { waveId: unknown; open: unknown }) {
	requireCoordinator(ctx);
	const waveId = typeof input.waveId === 'string' ? input.waveId : '';
	const w = await q.waveById(ctx.db, waveId);
	if (!w) throw new AppError('NOT_FOUND');
	requireCoordinator(ctx, w.country);
	const open = input.open === true || input.open === 'true' || input.open === '1';
	await ctx.db.transaction(async (tx) => {
		await q.setWaveOpen(tx, w.id, open);
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: open ? 'impact.wave.reopen' : 'impact.wave.close', entity: 'impact_wave', entityId: w.id }
		);
	});
}

export interface AnswersImportReport {
	ok: boolean;
	applied: boolean;
	count: number;
	rows: { row: number; errors: ({ field: string } & FieldError)[] }[];
	unknownColumns: string[];
}

/**
 * Imports answers from a CSV whose columns are item names (and an optional `code`, which the
 * coordinator confirms was consented). All rows or none; a dry run lists every row's problems.
 */
export async function importAnswersCsv(
	ctx: ServiceContext,
	waveId: string,
	input: { csv: string; codesConsented?: boolean },
	options: { dryRun: boolean }
): Promise<AnswersImportReport> {
	const w = await q.waveById(ctx.db, waveId);
	if (!w) throw new AppError('NOT_FOUND');
	const userId = requireCoordinator(ctx, w.country);
	const s = (await q.surveyById(ctx.db, w.surveyId))!;
	const table = parseCsv(input.csv);
	const header = (table[0] ?? []).map((h) => h.trim());
	const known = new Set([...s.items.map((i) => i.name), 'code']);
	const unknownColumns = header.filter((h) => !known.has(h));
	const rows: AnswersImportReport['rows'] = [];
	const planned: { answers: Answers; hash: string | null }[] = [];
	for (const [i, cells] of table.slice(1).entries()) {
		const raw = Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
		const { answers, errors } = checkAnswers(s.items, raw);
		const report = { row: i + 2, errors: Object.entries(errors).map(([field, e]) => ({ field, ...e })) };
		let hash: string | null = null;
		if (raw.code) {
			if (!respondentCode.safeParse(raw.code).success)
				report.errors.push({ field: 'code', key: 'impact_error_code' });
			else if (!input.codesConsented) report.errors.push({ field: 'code', key: 'impact_error_code_consent' });
			else hash = codeHash(ctx, s.id, raw.code);
		}
		rows.push(report);
		if (!report.errors.length) planned.push({ answers, hash });
	}
	const ok = !unknownColumns.length && rows.length > 0 && rows.every((r) => !r.errors.length);
	if (options.dryRun || !ok)
		return { ok, applied: false, count: ok ? planned.length : 0, rows, unknownColumns };
	const now = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		await q.insertResponses(
			tx,
			planned.map((p) => ({
				id: randomUUID(),
				waveId,
				codeHash: p.hash,
				mode: 'import' as const,
				answers: p.answers,
				enteredBy: userId,
				createdAt: now
			}))
		);
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'impact.answers.import',
				entity: 'impact_wave',
				entityId: waveId,
				after: { rows: planned.length }
			}
		);
	});
	return { ok, applied: true, count: planned.length, rows, unknownColumns };
}

export async function listSurveys(ctx: ServiceContext) {
	const list = await q.surveysList(ctx.db);
	const out = [];
	for (const s of list) {
		const waves = await q.wavesOf(ctx.db, s.id);
		out.push({
			id: s.id,
			slug: s.slug,
			title: textIn(s.title, ctx.locale),
			items: s.items.length,
			countries: [...new Set(waves.map((w) => w.country))].sort(),
			waves: waves.map((w) => ({ id: w.id, country: w.country, kind: w.kind, open: w.open }))
		});
	}
	return out;
}

const numeric = (item: SurveyItem, v: unknown) =>
	item.kind === 'agreement' ? Number(v) : item.kind === 'number' && typeof v === 'number' ? v : NaN;

/**
 * Results per item for one survey in one country: distribution and mean per wave, and the change
 * from baseline to endline with its 95 % interval — paired over linked codes where at least two
 * respondents answered both waves with the same code, Welch's interval otherwise. Suppressed (under 5
 * respondents in a cell, complementary cells too) unless a coordinator of the country asks for her
 * own screen (`audience: 'coordinator'`).
 */
export async function surveyResults(
	ctx: ServiceContext,
	surveyId: string,
	country: string,
	options: { audience?: 'public' | 'coordinator' } = {}
): Promise<{ title: string; items: SurveyItemResult[] }> {
	const s = await q.surveyById(ctx.db, surveyId);
	if (!s) throw new AppError('NOT_FOUND');
	const suppressed = !(options.audience === 'coordinator' && isCoordinator(ctx, country));
	const waves = (await q.wavesOf(ctx.db, s.id)).filter((w) => w.country === country);
	const responses = await q.responsesOf(
		ctx.db,
		waves.map((w) => w.id)
	);
	const items: SurveyItemResult[] = [];
	for (const item of s.items) {
		if (item.kind === 'note') continue;
		const options = (item.choices ?? []).map((c) => c.name);
		const perWave = waves.map((w) => {
			const answered = responses.filter((r) => r.waveId === w.id && r.answers[item.name] !== undefined);
			const values = answered.map((r) => r.answers[item.name]);
			const d =
				item.kind === 'text' || item.kind === 'number'
					? null
					: distribution(options, values as (string | string[])[]);
			const nums = values.map((v) => numeric(item, v)).filter((x) => Number.isFinite(x));
			let cells = (d?.rows ?? []).map((r) => ({
				option: String(r.option),
				status: 'value' as 'value' | 'suppressed' | 'not_available',
				value: r.count as number | null
			}));
			const n = answered.length;
			const small = suppressed && n > 0 && n < SUPPRESS_BELOW;
			if (suppressed) cells = suppressSmallCounts(cells, () => ['all']);
			return {
				wave: w,
				codes: answered
					.filter((r) => r.codeHash)
					.map((r) => ({ code: r.codeHash!, value: numeric(item, r.answers[item.name]) })),
				nums,
				view: {
					waveId: w.id,
					kind: w.kind,
					country: w.country,
					n: small ? null : n,
					distribution: cells.map((c) => ({
						option: c.option,
						label:
							pickText(item.choices?.find((x) => x.name === c.option)?.label, ctx.locale)?.text ?? c.option,
						count: small || c.status === 'suppressed' ? null : c.value
					})),
					mean:
						small || !nums.length || (item.kind !== 'agreement' && item.kind !== 'number')
							? null
							: mean(nums),
					suppressed: small
				}
			};
		});
		let change: SurveyItemResult['change'] = null;
		let changeMissing: string | null = null;
		const base = perWave.find((p) => p.wave.kind === 'baseline');
		const end = perWave.find((p) => p.wave.kind === 'endline');
		if (item.kind !== 'agreement' && item.kind !== 'number') changeMissing = 'not_numeric';
		else if (!base || !end) changeMissing = 'one_wave';
		else {
			const pairing = pairByCode(
				base.codes.filter((c) => Number.isFinite(c.value)),
				end.codes.filter((c) => Number.isFinite(c.value))
			);
			const r =
				pairing.pairs.length >= 2 ? pairedInterval(pairing.pairs) : welchInterval(base.nums, end.nums);
			if (suppressed && (r.n1 < SUPPRESS_BELOW || r.n2 < SUPPRESS_BELOW)) changeMissing = 'suppressed';
			else if (!r.ok) changeMissing = r.reason === 'TOO_FEW' ? 'too_few' : 'no_variance';
			else
				change = { method: r.method, n1: r.n1, n2: r.n2, difference: r.difference, low: r.low, high: r.high };
		}
		items.push({
			item: item.name,
			kind: item.kind,
			label: pickText(item.label, ctx.locale)?.text ?? item.name,
			waves: perWave.map((p) => p.view),
			change,
			changeMissing
		});
	}
	return { title: textIn(s.title, ctx.locale), items };
}
