import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { reachFilter, reachImportInput, reachInput } from './inputs';
import { isCoordinator, requireCoordinator } from './access';
import { ESTIMATED_CHANNELS, type Channel } from './schema';
import type { ReachReport, ReachRowView, ReachTotal } from './views';
import {
	AppError,
	fieldErrors,
	parseCsv,
	parseInput,
	writeAudit,
	type FieldError,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * Reach: impressions, reach, engagements and views per story or campaign, channel, country and
 * period, each with its source. The initiative's own figures are seeded "as reported". Totals add
 * reach over channels as they come: the same person reached on two channels counts twice (not
 * deduplicated), and every total says so.
 */

type Metric = 'impressions' | 'reach' | 'engagements' | 'views';

function toRow(r: q.ReachRow): ReachRowView {
	return {
		id: r.id,
		storyId: r.storyId,
		campaign: r.campaign,
		channel: r.channel,
		country: r.country,
		period: r.period,
		impressions: r.impressions,
		reach: r.reach,
		engagements: r.engagements,
		views: r.views,
		estimate: r.estimate,
		asReported: r.asReported,
		source: r.source
	};
}

function total(rows: q.ReachRow[]): Omit<ReachTotal, 'key'> {
	const sum = (m: Metric) => {
		const given = rows.filter((r) => r[m] !== null);
		return given.length ? given.reduce((s, r) => s + (r[m] ?? 0), 0) : null;
	};
	return {
		impressions: sum('impressions'),
		reach: sum('reach'),
		engagements: sum('engagements'),
		views: sum('views'),
		includesEstimates: rows.some((r) => r.estimate),
		includesAsReported: rows.some((r) => r.asReported)
	};
}

function groupTotals(rows: q.ReachRow[], key: (r: q.ReachRow) => string): ReachTotal[] {
	const groups = new Map<string, q.ReachRow[]>();
	for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
	return [...groups.entries()].map(([k, list]) => ({ key: k, ...total(list) }));
}

/** Reach rows and totals per channel and per country. Public (reach is aggregate by nature). */
export async function reachReport(
	ctx: ServiceContext,
	filter: Unparsed<z.input<typeof reachFilter>> = {}
): Promise<ReachReport> {
	const f = parseInput(reachFilter, filter);
	const rows = await q.reachRows(ctx.db, f);
	return {
		rows: rows.map(toRow),
		byChannel: groupTotals(rows, (r) => r.channel),
		byCountry: groupTotals(rows, (r) => r.country),
		deduplicated: false,
		empty: rows.length === 0
	};
}

type ReachData = z.infer<typeof reachInput>;

function reachRow(data: ReachData, userId: string, now: Date) {
	return {
		id: randomUUID(),
		storyId: data.storyId ?? null,
		campaign: data.campaign ?? null,
		channel: data.channel,
		country: data.country,
		period: data.period ?? null,
		impressions: data.impressions ?? null,
		reach: data.reach ?? null,
		engagements: data.engagements ?? null,
		views: data.views ?? null,
		// Radio, TV and print audiences are estimates whatever the form says.
		estimate: data.estimate || ESTIMATED_CHANNELS.includes(data.channel as Channel),
		asReported: false,
		source: data.source,
		createdBy: userId,
		createdAt: now
	};
}

export async function addReach(ctx: ServiceContext, input: Unparsed<z.input<typeof reachInput>>) {
	const data = parseInput(reachInput, input);
	const userId = requireCoordinator(ctx, data.country);
	if (data.storyId && !(await q.storyIds(ctx.db, [data.storyId])).has(data.storyId))
		throw new AppError('INVALID', { fields: { storyId: { key: 'impact_error_unknown_story' } } });
	const row = reachRow(data, userId, ctx.clock());
	await ctx.db.transaction(async (tx) => {
		await q.insertReach(tx, [row]);
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'impact.reach.add', entity: 'impact_reach', entityId: row.id, after: row }
		);
	});
	return { id: row.id };
}

/** The fields a reach CSV gives; the mapping names the CSV column for each. */
export const REACH_CSV_FIELDS = [
	'channel',
	'country',
	'period',
	'impressions',
	'reach',
	'engagements',
	'views',
	'source',
	'estimate',
	'campaign',
	'story_id'
] as const;

export interface ReachImportRow {
	row: number;
	errors: ({ field: string } & FieldError)[];
}

export interface ReachImportReport {
	rows: ReachImportRow[];
	ok: boolean;
	applied: boolean;
	/** Rows that would be (or were) imported. */
	count: number;
	digest: string;
	/** Mapped columns the CSV does not have. */
	missingColumns: string[];
}

const camel: Record<string, string> = { story_id: 'storyId' };

/**
 * Imports reach rows from CSV with a column mapping. A dry run checks every row and reports every
 * row's problems; applying re-checks and inserts all rows in one transaction, or none (and only the
 * content a dry run checked: its digest must come back).
 */
export async function importReachCsv(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof reachImportInput>>,
	options: { dryRun: boolean }
): Promise<ReachImportReport> {
	requireCoordinator(ctx);
	const data = parseInput(reachImportInput, input);
	const mapping = Object.fromEntries(
		REACH_CSV_FIELDS.map((f) => [f, (data.mapping[f]?.trim() || f).toLowerCase()])
	);
	const digest = createHash('sha256')
		.update(JSON.stringify(mapping))
		.update(data.csv)
		.digest('hex')
		.slice(0, 32);
	const table = parseCsv(data.csv);
	const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
	const missingColumns = ['channel', 'country', 'source']
		.map((f) => mapping[f])
		.filter((col) => !header.includes(col));
	const rows: ReachImportRow[] = [];
	const planned: ReachData[] = [];
	const storyRefs = new Set<string>();
	if (!missingColumns.length) {
		table.slice(1).forEach((cells, i) => {
			const cell = (f: string) => {
				const j = header.indexOf(mapping[f]);
				return j < 0 ? '' : (cells[j] ?? '').trim();
			};
			const raw = Object.fromEntries(REACH_CSV_FIELDS.map((f) => [camel[f] ?? f, cell(f)]));
			const report: ReachImportRow = { row: i + 2, errors: [] };
			rows.push(report);
			const parsed = reachInput.safeParse({
				...raw,
				country: cell('country').toUpperCase(),
				channel: cell('channel').toLowerCase()
			});
			if (!parsed.success) {
				for (const [field, err] of Object.entries(fieldErrors(parsed.error)))
					report.errors.push({ field, ...err });
				return;
			}
			planned.push(parsed.data);
			if (parsed.data.storyId) storyRefs.add(parsed.data.storyId);
		});
	}
	// Access and references, per row.
	const known = await q.storyIds(ctx.db, [...storyRefs]);
	let p = 0;
	for (const r of rows) {
		if (r.errors.length) continue;
		const d = planned[p++];
		if (!isCoordinator(ctx, d.country))
			r.errors.push({ field: 'country', key: 'impact_error_not_coordinator' });
		if (d.storyId && !known.has(d.storyId))
			r.errors.push({ field: 'storyId', key: 'impact_error_unknown_story' });
	}
	if (!missingColumns.length && rows.length === 0) missingColumns.push('rows');
	const ok = missingColumns.length === 0 && rows.every((r) => r.errors.length === 0);
	const report = { rows, ok, applied: false, count: ok ? planned.length : 0, digest, missingColumns };
	if (options.dryRun || !ok) return report;
	if (data.confirm !== digest) throw new AppError('INVALID', { messageKey: 'impact_import_dry_run_first' });
	const userId = requireCoordinator(ctx);
	const now = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		await q.insertReach(
			tx,
			planned.map((d) => reachRow(d, userId, now))
		);
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'impact.reach.import', entity: 'impact_reach', after: { rows: planned.length, digest } }
		);
	});
	return { ...report, applied: true };
}
