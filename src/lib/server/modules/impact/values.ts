import type { z } from 'zod';
import * as q from './queries';
import { indicatorQuery } from './inputs';
import { isCoordinator } from './access';
import type { IndicatorValues, ValueCell, ValueRowView } from './views';
import {
	parseInput,
	pickText,
	readSnapshots,
	suppressSmallCounts,
	type IndicatorRow as SnapshotRow,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * Indicator values as they leave the module: approved entered values (the latest approved entry per
 * indicator, period and country: a correction is a newer entry) and module indicators read from the
 * snapshots that modules register. A dimension no source gives is `not_available`, never 0. Counts of
 * people are suppressed below 5 with complementary suppression for everyone but the coordinators'
 * own screen (`audience: 'coordinator'`, which still only sees approved values here).
 */

/** The first month of a period, for ordering and range filters. */
export function periodStart(period: string): string {
	const [y, rest] = period.split('-');
	if (!rest) return `${y}-01`;
	if (rest.startsWith('Q')) return `${y}-${String((Number(rest[1]) - 1) * 3 + 1).padStart(2, '0')}`;
	return `${y}-${rest}`;
}

function inRange(period: string, from?: string, to?: string) {
	const s = periodStart(period);
	return (!from || s >= periodStart(from)) && (!to || s <= periodStart(to));
}

/** Months and years a module's snapshots may hold in the range (default: this year and the last). */
function snapshotPeriods(now: Date, from?: string, to?: string): string[] {
	const y = now.getUTCFullYear();
	const start = from ? periodStart(from) : `${y - 1}-01`;
	const end = to ? periodStart(to) : `${y}-12`;
	const out: string[] = [];
	let [yy, mm] = start.split('-').map(Number);
	const [ey, em] = end.split('-').map(Number);
	while ((yy < ey || (yy === ey && mm <= em)) && out.length < 120) {
		out.push(`${yy}-${String(mm).padStart(2, '0')}`);
		if (mm === 1) out.push(String(yy));
		mm++;
		if (mm > 12) {
			mm = 1;
			yy++;
		}
	}
	return out.slice(0, 120);
}

type Audience = 'public' | 'coordinator';

function suppress(unit: string, cells: ValueCell[]): ValueCell[] {
	if (unit !== 'people') return cells;
	const dims = [...new Set(cells.map((c) => c.dimension).filter((d): d is string => d !== null))];
	return suppressSmallCounts(cells, (c) => (c.dimension === null ? dims : [c.dimension]));
}

export async function indicatorValues(
	ctx: ServiceContext,
	query: Unparsed<z.input<typeof indicatorQuery>> = {},
	options: { audience?: Audience } = {}
): Promise<IndicatorValues[]> {
	const f = parseInput(indicatorQuery, query);
	const audience: Audience =
		options.audience === 'coordinator' && isCoordinator(ctx, f.country ?? null) ? 'coordinator' : 'public';
	const fw = await q.framework(ctx.db);
	const approved = (await q.values(ctx.db, { statuses: ['approved'] })).filter(
		(v) => (!f.country || v.country === f.country) && inRange(v.period, f.from, f.to)
	);
	const moduleNames = fw.indicators.map((i) => i.moduleIndicator).filter((n): n is string => !!n);
	const snapshots: SnapshotRow[] = moduleNames.length
		? await readSnapshots(ctx, {
				periods: snapshotPeriods(ctx.clock(), f.from, f.to),
				indicators: moduleNames,
				countries: f.country ? [f.country] : undefined
			})
		: [];
	const out: IndicatorValues[] = [];
	for (const ind of fw.indicators) {
		const wanted = f.dimension ? ind.dimensions.filter((d) => d === f.dimension) : ind.dimensions;
		const rows: ValueRowView[] = [];
		const targetOf = (period: string, country: string) =>
			fw.targets.find((t) => t.indicatorId === ind.id && t.period === period && t.country === country)
				?.value ?? null;
		if (ind.moduleIndicator) {
			const mine = snapshots.filter((s) => s.indicator === ind.moduleIndicator);
			const keys = [...new Set(mine.map((s) => `${s.period}|${s.country}`))];
			for (const key of keys) {
				const [period, country] = key.split('|');
				const cells = mine.filter((s) => s.period === period && s.country === country);
				const totalRow = cells.find((c) => c.dimension === null);
				const parts: ValueCell[] = [];
				for (const d of wanted) {
					const ofD = cells.filter((c) => c.dimension === d);
					if (!ofD.length || ofD.every((c) => c.status === 'not_available'))
						parts.push({ dimension: d, dimensionValue: null, status: 'not_available', value: null });
					else
						for (const c of ofD)
							parts.push({
								dimension: d,
								dimensionValue: c.dimensionValue,
								status: c.status,
								value: c.value
							});
				}
				rows.push({
					period,
					country,
					total: {
						dimension: null,
						dimensionValue: null,
						status: totalRow?.status ?? 'not_available',
						value: totalRow?.value ?? null
					},
					parts,
					flags: [],
					target: targetOf(period, country),
					evidence: null,
					source: 'module'
				});
			}
		} else {
			const seen = new Set<string>();
			for (const v of approved.filter((x) => x.indicatorId === ind.id)) {
				const key = `${v.period}|${v.country}`;
				if (seen.has(key)) continue; // newest approved entry first
				seen.add(key);
				let cells: ValueCell[] = [
					{
						dimension: null,
						dimensionValue: null,
						status: v.total === null ? 'not_available' : 'value',
						value: v.total
					}
				];
				for (const d of wanted) {
					const given = v.parts[d];
					if (!given)
						cells.push({ dimension: d, dimensionValue: null, status: 'not_available', value: null });
					else
						for (const [k, n] of Object.entries(given))
							cells.push({ dimension: d, dimensionValue: k, status: 'value', value: n });
				}
				if (audience === 'public') cells = suppress(ind.unit, cells);
				rows.push({
					period: v.period,
					country: v.country,
					total: cells[0],
					parts: cells.slice(1),
					flags: v.flags,
					target: targetOf(v.period, v.country),
					evidence: audience === 'coordinator' ? v.evidence : null,
					source: 'entered'
				});
			}
		}
		rows.sort(
			(a, b) =>
				periodStart(a.period).localeCompare(periodStart(b.period)) ||
				a.period.length - b.period.length ||
				a.country.localeCompare(b.country)
		);
		out.push({
			id: ind.id,
			resultId: ind.resultId,
			title: pickText(ind.title, ctx.locale)?.text ?? '',
			definition: pickText(ind.definition, ctx.locale)?.text ?? '',
			unit: ind.unit,
			numericType: ind.numericType,
			direction: ind.direction,
			moduleIndicator: ind.moduleIndicator,
			dimensions: wanted,
			baseline: ind.baselineValue === null ? null : { value: ind.baselineValue, period: ind.baselinePeriod },
			targets: fw.targets
				.filter(
					(t) =>
						t.indicatorId === ind.id &&
						(!f.country || t.country === f.country) &&
						inRange(t.period, f.from, f.to)
				)
				.map((t) => ({ period: t.period, country: t.country, value: t.value })),
			rows
		});
	}
	return out;
}
