import type { z } from 'zod';
import { indicatorQuery } from './inputs';
import { reachReport } from './reach';
import { indicatorValues } from './values';
import { listSurveys } from './surveys';
import { barChartSvg, type BarRow } from './chart';
import { REPORTED } from './seed';
import type { IndicatorValues, ReachReport, ValueCell } from './views';
import {
	dataVersion,
	parseInput,
	readSnapshots,
	type IndicatorRow,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { t, type MessageKey } from '#lib/i18n/messages';
import { countryName, formatNumber } from '#lib/i18n/format';
import type { Locale } from '#lib/i18n/locales';

/**
 * The public dashboard: reach by channel and country (as reported, not deduplicated), women
 * represented and recommendations adopted (the coalitions module's registered indicators, read from
 * their latest snapshots), and indicators against targets. Only approved, aggregated, suppressed
 * figures; each chart an SVG drawn here with a table twin on the page.
 */

export function placeName(locale: Locale, code: string) {
	return code === 'RG' ? t(locale, 'impact_country_RG') : countryName(locale, code);
}

export function cellText(locale: Locale, cell: ValueCell, unit = ''): string {
	if (cell.status === 'suppressed') return t(locale, 'impact_suppressed');
	if (cell.status === 'not_available' || cell.value === null) return t(locale, 'impact_not_available');
	return formatNumber(locale, cell.value) + (unit && unit !== 'people' && unit !== 'items' ? ` ${unit}` : '');
}

/** The latest period (of this year and the last) that has snapshot rows for these indicators. */
async function latestSnapshots(ctx: ServiceContext, names: string[], country?: string) {
	const y = ctx.clock().getUTCFullYear();
	const periods: string[] = [];
	for (const yy of [y, y - 1])
		for (let m = 12; m >= 1; m--) periods.push(`${yy}-${String(m).padStart(2, '0')}`);
	const rows = await readSnapshots(ctx, {
		periods,
		indicators: names,
		countries: country ? [country] : undefined
	});
	const latest = rows
		.map((r) => r.period)
		.sort()
		.at(-1);
	return { period: latest ?? null, rows: rows.filter((r) => r.period === latest) };
}

export interface Dashboard {
	country: string | null;
	reach: ReachReport;
	reachChart: string;
	reachCountryChart: string;
	reportedWomen: { value: number; source: string };
	women: { period: string | null; rows: { country: string; text: string }[] };
	recommendations: { period: string | null; rows: { country: string; adopted: number; total: number }[] };
	indicators: IndicatorValues[];
	indicatorCharts: Record<string, string>;
	/** Surveys with answers, for links to their (suppressed) public results. */
	surveys: { id: string; title: string; countries: string[] }[];
}

const total = (rows: IndicatorRow[], indicator: string, country: string) =>
	rows.find((r) => r.indicator === indicator && r.country === country && r.dimension === null);

/**
 * The public dashboard is the same for every visitor: it depends only on the data, the language, the
 * filters and the month. What it reads and draws is therefore computed once per data version (one
 * small query tells whether anything changed) and kept per database, for the last few filter sets;
 * a render then reads one row. Coordinators' screens never come from here.
 */
const MEMO_ENTRIES = 64;
const memos = new WeakMap<object, { version: string; entries: Map<string, Dashboard> }>();

export async function publicDashboard(
	ctx: ServiceContext,
	query: Unparsed<z.input<typeof indicatorQuery>> = {}
): Promise<Dashboard> {
	const f = parseInput(indicatorQuery, query);
	const version = await dataVersion(ctx.db);
	let memo = memos.get(ctx.db);
	if (!memo || memo.version !== version) {
		memo = { version, entries: new Map() };
		memos.set(ctx.db, memo);
	}
	const key = JSON.stringify([ctx.locale, ctx.clock().toISOString().slice(0, 7), f]);
	const kept = memo.entries.get(key);
	if (kept) return kept;
	const made = await computeDashboard(ctx, f);
	if (memo.entries.size >= MEMO_ENTRIES) memo.entries.delete(memo.entries.keys().next().value!);
	memo.entries.set(key, made);
	return made;
}

async function computeDashboard(ctx: ServiceContext, f: z.infer<typeof indicatorQuery>): Promise<Dashboard> {
	const L = ctx.locale;
	const reach = await reachReport(ctx, { country: f.country });
	const metricText = (n: number | null, estimate: boolean) =>
		n === null
			? t(L, 'impact_not_available')
			: formatNumber(L, n) + (estimate ? ` (${t(L, 'impact_reach_estimate')})` : '');
	const channelRows: BarRow[] = reach.byChannel.map((c) => ({
		label: t(L, `impact_channel_${c.key}` as MessageKey),
		value: c.reach,
		// The table twin says which figures are estimates; the bar keeps to the number.
		valueText: metricText(c.reach, false)
	}));
	const countryRows: BarRow[] = reach.byCountry.map((c) => ({
		label: placeName(L, c.key),
		value: c.reach,
		valueText: metricText(c.reach, false)
	}));
	const desc = (rows: BarRow[]) =>
		rows.map((r) => `${r.label}: ${r.valueText}`).join('; ') + '. ' + t(L, 'impact_reach_not_deduplicated');
	const women = await latestSnapshots(ctx, ['coalitions.women_represented_reported'], f.country);
	const recs = await latestSnapshots(
		ctx,
		['coalitions.recommendations', 'coalitions.recommendations_adopted'],
		f.country
	);
	const countries = [...new Set(recs.rows.map((r) => r.country))].sort();
	const indicators = (await indicatorValues(ctx, f)).filter((i) => !i.moduleIndicator || i.rows.length);
	const indicatorCharts: Record<string, string> = {};
	for (const ind of indicators) {
		const rows: BarRow[] = ind.rows.slice(-8).map((r) => ({
			label: `${r.period} · ${placeName(L, r.country)}`,
			value: r.total.status === 'value' ? r.total.value : null,
			valueText:
				cellText(L, r.total, ind.unit) + (r.target !== null ? ` / ${formatNumber(L, r.target)}` : ''),
			target: r.target
		}));
		if (rows.length)
			indicatorCharts[ind.id] = barChartSvg(
				rows,
				{ title: ind.title, desc: rows.map((r) => `${r.label}: ${r.valueText}`).join('; ') },
				`ind-${ind.id.slice(0, 8)}`
			);
	}
	return {
		country: f.country ?? null,
		reach,
		reachChart: channelRows.length
			? barChartSvg(
					channelRows,
					{ title: t(L, 'impact_reach_by_channel'), desc: desc(channelRows) },
					'reach-channel'
				)
			: '',
		reachCountryChart: countryRows.length
			? barChartSvg(
					countryRows,
					{ title: t(L, 'impact_reach_by_country'), desc: desc(countryRows) },
					'reach-country'
				)
			: '',
		reportedWomen: { value: REPORTED.womenRepresented.value, source: REPORTED.sources['wage-report'].title },
		women: {
			period: women.period,
			rows: women.rows
				.filter((r) => r.dimension === null)
				.map((r) => ({ country: r.country, text: cellText(L, r) }))
		},
		recommendations: {
			period: recs.period,
			rows: countries.map((c) => ({
				country: c,
				adopted: total(recs.rows, 'coalitions.recommendations_adopted', c)?.value ?? 0,
				total: total(recs.rows, 'coalitions.recommendations', c)?.value ?? 0
			}))
		},
		indicators,
		indicatorCharts,
		surveys: (await listSurveys(ctx))
			.filter((s) => s.countries.length)
			.map((s) => ({ id: s.id, title: s.title, countries: s.countries }))
	};
}
