import { createHash } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { importInput, timelineInput } from './inputs';
import { requireCoordinator } from './access';
import { coalitionOr404 } from './lookup';
import { listItems } from './pages';
import { appendEntry, checkEntry, entryRow, type TimelineData } from './timeline';
import type { Evidence } from './views';
import { csvRecords, toCsv } from './csv';
import {
	AppError,
	fieldErrors,
	parseInput,
	writeAudit,
	type FieldError,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { LOCALES } from '#lib/i18n/locales';

/**
 * The timeline as CSV: recommendations with their current status and every timeline entry go out
 * (public); coordinators bring entries in, checked row by row in a dry run, then appended all at
 * once or not at all.
 */

export const RECOMMENDATIONS_CSV_HEADER = [
	'id',
	'kind',
	'barrier',
	'title',
	'target_body',
	'status',
	'progress',
	'adopted',
	'total',
	'last_date',
	'evidence',
	'endorsements',
	'demo'
] as const;

export const TIMELINE_CSV_HEADER = [
	'recommendation_id',
	'date',
	'status',
	'progress',
	'aggregate_adopted',
	...LOCALES.map((l) => `note_${l}`),
	'evidence_url',
	'instrument_type',
	'instrument_name',
	'instrument_number',
	'instrument_date',
	'instrument_clause',
	'instrument_body',
	'corrects_id'
] as const;

function evidenceHref(list: Evidence[]): string {
	return list.map((e) => e.url ?? `source:${e.sourceKey}`).join(' ');
}

/** Recommendations with their current status, in the visitor's language. Public. */
export async function exportRecommendationsCsv(ctx: ServiceContext, slug: string): Promise<string> {
	const items = await listItems(ctx, slug);
	return toCsv(
		RECOMMENDATIONS_CSV_HEADER,
		items.map((i) => [
			i.id,
			i.kind,
			i.barrier,
			i.title.text,
			i.targetBody ?? '',
			i.status,
			i.progress ?? '',
			i.aggregate
				? i.aggregate.adopted
				: i.kind === 'recommendation'
					? ['adopted', 'implemented'].includes(i.status)
						? 1
						: 0
					: '',
			i.aggregate ? i.aggregate.total : i.kind === 'recommendation' ? 1 : '',
			i.latest?.date ?? '',
			evidenceHref(i.evidence),
			i.endorsements,
			i.demo ? 'demo' : ''
		])
	);
}

/** Every timeline entry, in the import format (so an export can be checked and re-imported). */
export async function exportTimelineCsv(ctx: ServiceContext, slug: string): Promise<string> {
	const c = await coalitionOr404(ctx, slug);
	const items = await q.itemsOf(ctx.db, [c.id]);
	const entries = await q.entriesOf(
		ctx.db,
		items.map((i) => i.id)
	);
	return toCsv(
		TIMELINE_CSV_HEADER,
		entries.map(({ entry: e }) => [
			e.recommendationId,
			e.date ?? '',
			e.status,
			e.progress ?? '',
			e.aggregateAdopted ?? '',
			...LOCALES.map((l) => e.note[l] ?? ''),
			e.evidenceUrl ?? '',
			e.instrument?.type ?? '',
			e.instrument?.name ?? '',
			e.instrument?.number ?? '',
			e.instrument?.date ?? '',
			e.instrument?.clause ?? '',
			e.instrument?.body ?? '',
			e.correctsId ?? ''
		])
	);
}

export interface ImportRowReport {
	row: number;
	recommendationId: string;
	status: string;
	errors: ({ field: string } & FieldError)[];
}

export interface ImportReport {
	rows: ImportRowReport[];
	ok: boolean;
	applied: boolean;
	/** Digest of the checked content; applying requires it (a dry run comes first). */
	digest: string;
	headerErrors: string[];
}

/** Undo the export's formula guard ('=… → =…). */
const unguard = (v: string) => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);

/**
 * Imports timeline entries from CSV (coordinators). A dry run checks every row and reports every
 * row's errors; applying re-checks and appends all rows in one transaction, or none.
 */
export async function importTimelineCsv(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof importInput>>,
	options: { dryRun: boolean }
): Promise<ImportReport> {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(importInput, input);
	const digest = createHash('sha256').update(data.csv).digest('hex').slice(0, 32);
	const { header, records } = csvRecords(data.csv);
	const headerErrors: string[] = [];
	for (const required of ['recommendation_id', 'date', 'status'])
		if (!header.includes(required)) headerErrors.push(required);
	if (records.length === 0 && !headerErrors.length) headerErrors.push('rows');
	const items = new Map((await q.itemsOf(ctx.db, [c.id])).map((i) => [i.id, { ...i }]));
	const existingEntries = new Set((await q.entriesOf(ctx.db, [...items.keys()])).map((e) => e.entry.id));
	const planned: { item: q.ItemRow; data: TimelineData }[] = [];
	const rows: ImportRowReport[] = [];
	for (const { line, values } of headerErrors.length ? [] : records) {
		const v = (k: string) => unguard(values[k] ?? '');
		const instrumentType = v('instrument_type');
		const raw = {
			recommendationId: v('recommendation_id'),
			date: v('date'),
			status: v('status'),
			progress: v('progress'),
			aggregateAdopted: v('aggregate_adopted'),
			note: Object.fromEntries(LOCALES.map((l) => [l, v(`note_${l}`)])),
			evidenceUrl: v('evidence_url'),
			instrument: instrumentType
				? {
						type: instrumentType,
						name: v('instrument_name'),
						number: v('instrument_number'),
						date: v('instrument_date'),
						clause: v('instrument_clause'),
						body: v('instrument_body')
					}
				: null,
			correctsId: v('corrects_id')
		};
		const report: ImportRowReport = {
			row: line,
			recommendationId: raw.recommendationId,
			status: raw.status,
			errors: []
		};
		rows.push(report);
		const parsed = timelineInput.safeParse(raw);
		if (!parsed.success) {
			for (const [field, err] of Object.entries(fieldErrors(parsed.error)))
				report.errors.push({ field, ...err });
			continue;
		}
		const item = items.get(parsed.data.recommendationId);
		if (!item) {
			report.errors.push({ field: 'recommendationId', key: 'coalitions_error_unknown_item' });
			continue;
		}
		const correctsOk = parsed.data.correctsId ? existingEntries.has(parsed.data.correctsId) : true;
		const errors = checkEntry(item, parsed.data, Boolean(parsed.data.evidenceUrl), correctsOk);
		for (const [field, err] of Object.entries(errors)) report.errors.push({ field, ...err });
		if (report.errors.length) continue;
		planned.push({ item: { ...item }, data: parsed.data });
		// Later rows for the same item start from this row's status.
		item.status = parsed.data.status;
		if (parsed.data.aggregateAdopted !== undefined) item.aggregateAdopted = parsed.data.aggregateAdopted;
	}
	const ok = headerErrors.length === 0 && rows.every((r) => r.errors.length === 0);
	if (options.dryRun || !ok) return { rows, ok, applied: false, digest, headerErrors };
	if (data.confirm !== digest)
		throw new AppError('INVALID', { messageKey: 'coalitions_import_dry_run_first' });
	await ctx.db.transaction(async (txDb) => {
		const tx = { ...ctx, db: txDb };
		const now = ctx.clock();
		for (const { item, data: entry } of planned) {
			const current = (await q.itemById(txDb, item.id))!;
			await appendEntry(tx, current, entryRow(current, entry, userId, now, null));
		}
		await writeAudit(tx, {
			action: 'coalitions.timeline.import',
			entity: 'coalitions_coalition',
			entityId: c.id,
			after: { rows: planned.length }
		});
	});
	return { rows, ok, applied: true, digest, headerErrors };
}
