import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '#lib/server/db';
import type { ServiceContext } from '../context';
import type { ModuleDefinition } from '../registry';
import type { I18nText } from '../text';
import { parseInput } from '../validation';
import { indicatorSnapshot } from '../schema';
import { defineJob } from '../jobs';
import { suppressSmallCounts } from './suppress';

export { suppressSmallCounts, SUPPRESS_BELOW, type Cell } from './suppress';

/**
 * Indicators: what modules count, for dashboards and reports (impact reads other modules only through
 * them). Each indicator answers a batched request — periods × countries × dimensions — with one
 * grouped query, declares the dimensions it can give (a dimension it cannot give comes back as
 * `not_available`, never as 0), and suppresses small counts of people before its rows leave the
 * module. A job stores the rows per period in `core_indicator_snapshot`; dashboards read those.
 */

export const INDICATOR_COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;

/** `people` counts are suppressed below 5 (with complementary suppression). */
export type IndicatorUnit = 'people' | 'organizations' | 'items';

/**
 * `stock`: a state (published programs, member organizations): only the current period can be
 * computed, earlier periods live in snapshots. `flow`: events per period (eligibility checks), any period.
 */
export type IndicatorKind = 'stock' | 'flow';

export interface IndicatorRequest {
	/** All months (`2026-11`) or all years (`2026`). */
	periods: string[];
	countries: string[];
	/** Breakdowns wanted besides the country total, each on its own (no cross-tabulation). */
	dimensions: string[];
}

export type IndicatorStatus = 'value' | 'suppressed' | 'not_available';

export interface IndicatorRow {
	indicator: string;
	period: string;
	country: string;
	/** null: the country total. */
	dimension: string | null;
	/** The dimension's value (a region's ISO 3166-2 code…); null when it applies to the whole country. */
	dimensionValue: string | null;
	status: IndicatorStatus;
	value: number | null;
}

export interface IndicatorDefinition {
	/** `<module>.<what>`. */
	name: string;
	unit: IndicatorUnit;
	kind: IndicatorKind;
	/** The dimensions it can give: `region` wherever the module stores one; others only with consent. */
	dimensions: readonly string[];
	compute(ctx: ServiceContext, request: IndicatorRequest): Promise<IndicatorRow[]>;
}

const periodsSchema = z
	.array(z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/))
	.min(1)
	.max(120)
	.refine((p) => new Set(p.map((x) => x.length)).size === 1, { error: 'error_field_invalid' });

export const indicatorRequestSchema = z.object({
	periods: periodsSchema,
	countries: z.array(z.enum(INDICATOR_COUNTRIES)).min(1),
	dimensions: z.array(z.string().regex(/^[a-z_]{1,40}$/)).max(10)
});

export function periodOf(at: Date, monthly: boolean): string {
	const iso = at.toISOString();
	return monthly ? iso.slice(0, 7) : iso.slice(0, 4);
}

/** [start, end) of a period (UTC). */
export function periodBounds(period: string): [Date, Date] {
	const [y, m] = period.split('-').map(Number);
	if (m) return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
	return [new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1))];
}

/** The requested period that contains now, if any: the only one a stock indicator can compute. */
export function currentPeriod(ctx: ServiceContext, request: IndicatorRequest): string | null {
	const now = periodOf(ctx.clock(), request.periods[0].length === 7);
	return request.periods.includes(now) ? now : null;
}

/** SQL for the period a timestamp or date falls in, in the request's granularity. */
export function periodSql(request: IndicatorRequest, column: SQL): SQL {
	return request.periods[0].length === 7
		? sql`to_char(${column}, 'YYYY-MM')`
		: sql`to_char(${column}, 'YYYY')`;
}

/** The requested periods' span as [from, to) ISO dates, for a flow query's filter. */
export function requestSpan(request: IndicatorRequest): [string, string] {
	const bounds = request.periods.map(periodBounds);
	const from = new Date(Math.min(...bounds.map((b) => b[0].getTime())));
	const to = new Date(Math.max(...bounds.map((b) => b[1].getTime())));
	return [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)];
}

export interface GroupedQuery {
	/**
	 * A select whose columns are `period`, `country`, one `d_<dimension>` column (text) per declared
	 * dimension, and whatever `value` aggregates; one row per counted thing (or per thing and
	 * dimension value, for things in several regions). A stock's source is given the current period
	 * (and not run at all when the request has no current period); a flow's computes it per row
	 * (`periodSql`).
	 */
	source: SQL | ((currentPeriod: string) => SQL);
	/** The aggregate over the source's alias `s`, e.g. sql`count(distinct s.id)` or sql`sum(s.n)`. */
	value: SQL;
}

/**
 * Runs one grouped query for an indicator — the country total and each requested dimension that the
 * indicator declares, as grouping sets — and returns the finished rows (filled with `not_available`
 * where it cannot answer, small counts of people suppressed).
 */
export async function groupedIndicator(
	ctx: ServiceContext,
	def: Pick<IndicatorDefinition, 'name' | 'unit' | 'kind' | 'dimensions'>,
	request: IndicatorRequest,
	query: GroupedQuery
): Promise<IndicatorRow[]> {
	let source: SQL;
	if (typeof query.source === 'function') {
		const period = currentPeriod(ctx, request);
		if (!period) return finishIndicator(def, request, []);
		source = query.source(period);
	} else source = query.source;
	const dims = def.dimensions.filter((d) => request.dimensions.includes(d));
	const sets = [
		sql`(s.period, s.country)`,
		...dims.map((d) => sql`(s.period, s.country, ${sql.identifier(`d_${d}`)})`)
	];
	const dimColumns = dims.map(
		(d) =>
			sql`, grouping(${sql.identifier(`d_${d}`)}) as ${sql.identifier(`g_${d}`)}, ${sql.identifier(`d_${d}`)}::text as ${sql.identifier(`v_${d}`)}`
	);
	const raw = rowsOf<Record<string, unknown>>(
		await ctx.db.execute(sql`
			select s.period::text as period, s.country::text as country ${sql.join(dimColumns, sql``)},
				${query.value} as value
			from (${source}) s
			group by grouping sets (${sql.join(sets, sql`, `)})`)
	);
	const rows: IndicatorRow[] = raw.map((r) => {
		const grouped = dims.find((d) => Number(r[`g_${d}`]) === 0);
		return {
			indicator: def.name,
			period: String(r.period),
			country: String(r.country),
			dimension: grouped ?? null,
			dimensionValue: grouped ? ((r[`v_${grouped}`] as string | null) ?? null) : null,
			status: 'value',
			value: Number(r.value ?? 0)
		};
	});
	return finishIndicator(def, request, rows);
}

/**
 * The last step of every indicator: keeps the requested periods and countries, answers
 * `not_available` for dimensions the indicator cannot give and (stock) periods it cannot compute,
 * and suppresses small counts of people. `groupedIndicator` calls it; a module computing its rows
 * another way must call it too.
 */
export function finishIndicator(
	def: Pick<IndicatorDefinition, 'name' | 'unit' | 'kind' | 'dimensions'>,
	request: IndicatorRequest,
	rows: IndicatorRow[]
): IndicatorRow[] {
	const kept = rows.filter(
		(r) => request.periods.includes(r.period) && request.countries.includes(r.country)
	);
	const missing: IndicatorRow[] = [];
	const na = (period: string, country: string, dimension: string | null): IndicatorRow => ({
		indicator: def.name,
		period,
		country,
		dimension,
		dimensionValue: null,
		status: 'not_available',
		value: null
	});
	const computable = new Set(kept.map((r) => r.period));
	for (const period of request.periods) {
		for (const country of request.countries) {
			for (const d of request.dimensions)
				if (!def.dimensions.includes(d)) missing.push(na(period, country, d));
			// A stock's past is in the snapshots; a flow with no events in a period is 0.
			if (def.kind === 'stock' && !computable.has(period)) {
				missing.push(na(period, country, null));
				for (const d of request.dimensions)
					if (def.dimensions.includes(d)) missing.push(na(period, country, d));
			}
		}
	}
	// Each dimension's cells form a group together with the country total they add up to.
	const dims = [...new Set(kept.map((r) => r.dimension).filter((d): d is string => d !== null))];
	const suppressed =
		def.unit === 'people'
			? suppressSmallCounts(kept, (r) =>
					(r.dimension === null ? dims : [r.dimension]).map((d) => `${r.period}|${r.country}|${d}`)
				)
			: kept;
	return [...suppressed, ...missing];
}

/** Every indicator the modules register. */
export function indicatorsOf(modules: readonly ModuleDefinition[]): IndicatorDefinition[] {
	return modules.flatMap((m) => m.indicators ?? []);
}

/** Computes the named indicators (all when `names` is empty) for one batched request. */
export async function computeIndicators(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	input: unknown,
	names: readonly string[] = []
): Promise<IndicatorRow[]> {
	const request = parseInput(indicatorRequestSchema, input);
	const defs = indicatorsOf(modules).filter((d) => !names.length || names.includes(d.name));
	const out: IndicatorRow[] = [];
	for (const def of defs) out.push(...(await def.compute(ctx, request)));
	return out;
}

/**
 * Stores this month's rows of every indicator (and last month's flows, which may have grown since
 * the last run) in the snapshot table, replacing earlier rows of the same period.
 */
export async function snapshotIndicators(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[]
): Promise<number> {
	const defs = indicatorsOf(modules);
	const now = ctx.clock();
	const current = periodOf(now, true);
	const previous = periodOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)), true);
	const dimensions = [...new Set(defs.flatMap((d) => d.dimensions))];
	let stored = 0;
	for (const def of defs) {
		const periods = def.kind === 'flow' ? [previous, current] : [current];
		const rows = await def.compute(ctx, { periods, countries: [...INDICATOR_COUNTRIES], dimensions });
		await ctx.db.transaction(async (tx) => {
			await tx
				.delete(indicatorSnapshot)
				.where(and(eq(indicatorSnapshot.indicator, def.name), inArray(indicatorSnapshot.period, periods)));
			if (!rows.length) return;
			for (let i = 0; i < rows.length; i += 500) {
				await tx.insert(indicatorSnapshot).values(
					rows.slice(i, i + 500).map((r) => ({
						indicator: r.indicator,
						period: r.period,
						country: r.country,
						dimension: r.dimension ?? '',
						dimensionValue: r.dimensionValue ?? '',
						status: r.status,
						value: r.value,
						computedAt: now
					}))
				);
			}
		});
		stored += rows.length;
	}
	return stored;
}

/** Snapshot rows, for dashboards (already suppressed: safe to show). */
export async function readSnapshots(
	ctx: ServiceContext,
	query: { periods: string[]; indicators?: string[]; countries?: string[] }
): Promise<IndicatorRow[]> {
	const rows = await ctx.db
		.select()
		.from(indicatorSnapshot)
		.where(
			and(
				inArray(indicatorSnapshot.period, query.periods),
				query.indicators?.length ? inArray(indicatorSnapshot.indicator, query.indicators) : undefined,
				query.countries?.length ? inArray(indicatorSnapshot.country, query.countries) : undefined
			)
		)
		.orderBy(
			asc(indicatorSnapshot.indicator),
			asc(indicatorSnapshot.period),
			asc(indicatorSnapshot.country),
			asc(indicatorSnapshot.dimension),
			asc(indicatorSnapshot.dimensionValue)
		);
	return rows.map((r) => ({
		indicator: r.indicator,
		period: r.period,
		country: r.country,
		dimension: r.dimension || null,
		dimensionValue: r.dimensionValue || null,
		status: r.status,
		value: r.value === null ? null : Number(r.value)
	}));
}

/** Daily: the indicator snapshots of the running month. */
export function indicatorSnapshotJob(modules: readonly ModuleDefinition[]) {
	return defineJob({
		name: 'core.indicator-snapshots',
		everySeconds: 86400,
		run: (ctx) => snapshotIndicators(ctx, modules)
	});
}

/** One thing a module says needs re-checking by staff. */
export interface ReviewItem {
	module: string;
	/** What it is, e.g. `program`, `care_service`. */
	kind: string;
	id: string;
	title: I18nText;
	country: string;
	/** Last reviewed or confirmed (YYYY-MM-DD); null when never. */
	since: string | null;
	/** Why: `unreviewed_180_days`, `unconfirmed_6_months`… */
	reason: string;
	/** The staff page where it is re-checked. */
	path: string;
}

/** A module's list of what needs re-checking that the actor may re-check (empty for others). */
export type DueForReview = (ctx: ServiceContext, options?: { limit?: number }) => Promise<ReviewItem[]>;

/** The one staff queue: every module's due items, the longest unchecked first. */
export async function reviewQueue(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	options: { limit?: number } = {}
): Promise<ReviewItem[]> {
	const all: ReviewItem[] = [];
	for (const m of modules) if (m.dueForReview) all.push(...(await m.dueForReview(ctx, options)));
	return all.sort((a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.id.localeCompare(b.id));
}

/** The request's countries as an SQL list, for `country in (…)` in an indicator's source query. */
export function requestedCountries(request: IndicatorRequest): SQL {
	return sql.join(
		request.countries.map((c) => sql`${c}`),
		sql`, `
	);
}
