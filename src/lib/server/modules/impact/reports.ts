import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { z } from 'zod';
import * as q from './queries';
import { indicatorQuery } from './inputs';
import { indicatorValues, periodStart } from './values';
import { publicDashboard, cellText, placeName } from './dashboard';
import { writeIatiActivity, type IatiIndicator, type IatiResult, type IatiValue } from './iati';
import type { IndicatorValues, ValueCell } from './views';
import { AppError, parseInput, type ServiceContext, type Unparsed } from '../../core';
import { renderPdf, type PdfBlock } from '../../core/pdf';
import { t, type MessageKey } from '#lib/i18n/messages';
import { formatNumber } from '#lib/i18n/format';
import { LOCALES } from '#lib/i18n/locales';

/**
 * Reports that leave the platform — XLSX (a sheet per indicator, disaggregations kept), a PDF donor
 * report with charts, the IATI 2.03 activity file — all built from what the public may see: approved
 * values, small counts suppressed.
 */

type Query = Unparsed<z.input<typeof indicatorQuery>>;

function sheetName(title: string, used: Set<string>): string {
	const base =
		title
			.replace(/[[\]:*?/\\]/g, ' ')
			.trim()
			.slice(0, 28) || 'indicator';
	let name = base;
	for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
	used.add(name.toLowerCase());
	return name;
}

const cellValue = (c: ValueCell) => (c.status === 'value' ? c.value : null);

/** The spreadsheet: a summary sheet, then a sheet per indicator with one row per value and breakdown. */
export async function exportXlsx(ctx: ServiceContext, query: Query = {}): Promise<Buffer> {
	const L = ctx.locale;
	const list = await indicatorValues(ctx, query);
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Birge';
	wb.created = ctx.clock();
	const summary = wb.addWorksheet(sheetName(t(L, 'impact_title'), new Set()));
	summary.addRow([
		t(L, 'impact_col_indicator'),
		t(L, 'impact_col_period'),
		t(L, 'impact_col_country'),
		t(L, 'impact_col_actual'),
		t(L, 'impact_col_target')
	]);
	const used = new Set([summary.name.toLowerCase()]);
	for (const ind of list) {
		const ws = wb.addWorksheet(sheetName(ind.title, used));
		ws.addRow([ind.title]);
		if (ind.definition) ws.addRow([ind.definition]);
		if (ind.baseline)
			ws.addRow([
				t(L, 'impact_baseline', {
					value: formatNumber(L, ind.baseline.value),
					period: ind.baseline.period ?? ''
				})
			]);
		ws.addRow([]);
		ws.addRow([
			t(L, 'impact_col_period'),
			t(L, 'impact_col_country'),
			t(L, 'impact_col_breakdown'),
			'',
			t(L, 'impact_col_actual'),
			'',
			t(L, 'impact_col_target')
		]);
		for (const r of ind.rows) {
			summary.addRow([
				ind.title,
				r.period,
				placeName(L, r.country),
				cellValue(r.total) ?? cellText(L, r.total),
				r.target
			]);
			const flag = r.flags.length
				? t(L, 'impact_flagged', {
						dimensions: r.flags.map((d) => t(L, `impact_dimension_${d}` as MessageKey)).join(', ')
					})
				: '';
			ws.addRow([
				r.period,
				placeName(L, r.country),
				'',
				'',
				cellValue(r.total),
				cellValue(r.total) === null ? cellText(L, r.total) : flag,
				r.target
			]);
			for (const p of r.parts)
				ws.addRow([
					r.period,
					placeName(L, r.country),
					t(L, `impact_dimension_${p.dimension}` as MessageKey),
					p.dimensionValue ?? '',
					cellValue(p),
					cellValue(p) === null ? cellText(L, p) : '',
					''
				]);
		}
		ws.columns.forEach((c) => (c.width = 16));
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

async function svgPng(svg: string): Promise<Buffer | null> {
	if (!svg) return null;
	try {
		return await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
	} catch {
		return null;
	}
}

function indicatorTable(L: ServiceContext['locale'], ind: IndicatorValues): PdfBlock {
	const rows: string[][] = [];
	for (const r of ind.rows) {
		rows.push([
			r.period,
			placeName(L, r.country),
			'',
			cellText(L, r.total, ind.unit),
			r.target === null ? '—' : formatNumber(L, r.target)
		]);
		for (const p of r.parts)
			rows.push([
				'',
				'',
				`${t(L, `impact_dimension_${p.dimension}` as MessageKey)}${p.dimensionValue ? ` · ${p.dimensionValue}` : ''}`,
				cellText(L, p),
				''
			]);
	}
	return {
		type: 'table',
		columns: [
			t(L, 'impact_col_period'),
			t(L, 'impact_col_country'),
			t(L, 'impact_col_breakdown'),
			t(L, 'impact_col_actual'),
			t(L, 'impact_col_target')
		],
		rows,
		widths: [60, 90, 150, 90, 70]
	};
}

/** The donor report for a country (or all) and a period range, with its charts. */
export async function donorReportPdf(ctx: ServiceContext, query: Query = {}): Promise<Buffer> {
	const L = ctx.locale;
	const d = await publicDashboard(ctx, query);
	const f = parseInput(indicatorQuery, query);
	const scope = [
		f.country ? placeName(L, f.country) : t(L, 'impact_filter_all'),
		[f.from, f.to].filter(Boolean).join(' – ')
	]
		.filter(Boolean)
		.join(' · ');
	const blocks: PdfBlock[] = [
		{ type: 'paragraph', text: scope },
		{ type: 'paragraph', text: t(L, 'impact_intro') }
	];
	blocks.push({ type: 'heading', text: t(L, 'impact_reach_heading') });
	if (d.reach.empty) blocks.push({ type: 'paragraph', text: t(L, 'impact_reach_none') });
	else {
		const png = await svgPng(d.reachChart);
		if (png) blocks.push({ type: 'image', data: png, alt: t(L, 'impact_reach_by_channel'), width: 340 });
		blocks.push({
			type: 'table',
			columns: [
				t(L, 'impact_col_channel'),
				t(L, 'impact_col_country'),
				t(L, 'impact_col_period'),
				t(L, 'impact_col_reach'),
				t(L, 'impact_col_source')
			],
			rows: d.reach.rows.map((r) => [
				t(L, `impact_channel_${r.channel}` as MessageKey),
				placeName(L, r.country),
				r.period ?? '—',
				(r.reach === null ? t(L, 'impact_not_available') : formatNumber(L, r.reach)) +
					(r.estimate ? ` (${t(L, 'impact_reach_estimate')})` : ''),
				r.source + (r.asReported ? ` (${t(L, 'impact_reach_as_reported')})` : '')
			]),
			widths: [110, 70, 50, 90, 140]
		});
		blocks.push({ type: 'paragraph', text: t(L, 'impact_reach_not_deduplicated') });
	}
	blocks.push({ type: 'heading', text: t(L, 'impact_women_heading') });
	blocks.push({
		type: 'paragraph',
		text: t(L, 'impact_women_reported', {
			count: formatNumber(L, d.reportedWomen.value),
			source: d.reportedWomen.source
		})
	});
	for (const w of d.women.rows)
		blocks.push({ type: 'paragraph', text: `${placeName(L, w.country)}: ${w.text}` });
	blocks.push({ type: 'heading', text: t(L, 'impact_recommendations_heading') });
	if (!d.recommendations.rows.length) blocks.push({ type: 'paragraph', text: t(L, 'impact_no_data') });
	for (const r of d.recommendations.rows)
		blocks.push({
			type: 'paragraph',
			text: `${placeName(L, r.country)}: ${t(L, 'impact_recommendations_figure', { adopted: r.adopted, total: r.total })}`
		});
	blocks.push({ type: 'heading', text: t(L, 'impact_indicators_heading') });
	const shown = d.indicators.filter((i) => i.rows.length);
	if (!shown.length) blocks.push({ type: 'paragraph', text: t(L, 'impact_indicators_none') });
	for (const ind of shown) {
		blocks.push({ type: 'paragraph', text: ind.title });
		const png = await svgPng(d.indicatorCharts[ind.id] ?? '');
		if (png) blocks.push({ type: 'image', data: png, alt: ind.title, width: 340 });
		blocks.push(indicatorTable(L, ind));
	}
	return renderPdf({
		title: `${t(L, 'impact_title')} · ${scope}`,
		locale: L,
		blocks,
		createdAt: ctx.clock()
	});
}

export interface IatiOrg {
	ref: string | null | undefined;
	name: string | null | undefined;
	type: string;
}

/** [first day, last day] of a period as ISO dates. */
function bounds(period: string): [string, string] {
	const start = periodStart(period);
	const [y, m] = start.split('-').map(Number);
	const months = period.length === 4 ? 12 : period.includes('Q') ? 3 : 1;
	const end = new Date(Date.UTC(y, m - 1 + months, 0));
	return [`${start}-01`, end.toISOString().slice(0, 10)];
}

function iatiValue(cell: ValueCell, parts: ValueCell[]): IatiValue[] {
	const out: IatiValue[] = [];
	if (cell.status === 'value' && cell.value !== null) out.push({ value: cell.value });
	// One actual per disaggregated value, each with its dimension (IATI 2.03 §result/indicator/period).
	for (const p of parts)
		if (p.status === 'value' && p.value !== null && p.dimension && p.dimensionValue)
			out.push({ value: p.value, dimensions: [{ name: p.dimension, value: p.dimensionValue }] });
	return out;
}

/**
 * The IATI 2.03 activity file for approved values (one activity per country, or region-wide):
 * results, indicators, baselines, periods, targets and actuals with their dimensions. Refuses to run
 * without the reporting organisation's identifier (configuration: BIRGE_IATI_ORG_ID).
 */
export async function exportIati(ctx: ServiceContext, query: Query, org: IatiOrg): Promise<string> {
	if (!org.ref?.trim()) throw new AppError('CONFLICT', { messageKey: 'impact_error_iati_org' });
	const f = parseInput(indicatorQuery, query);
	const list = (await indicatorValues(ctx, { ...query, dimension: '' })).filter(
		(i) => !f.country || i.rows.every((r) => r.country === f.country)
	);
	const fw = await q.framework(ctx.db);
	const allPeriods = list.flatMap((i) => [...i.rows.map((r) => r.period), ...i.targets.map((x) => x.period)]);
	if (!allPeriods.length) throw new AppError('NOT_FOUND', { messageKey: 'impact_error_iati_empty' });
	const first = allPeriods.map((p) => bounds(p)[0]).sort()[0];
	const results: IatiResult[] = fw.results
		.map((res) => {
			const indicators: IatiIndicator[] = list
				.filter((i) => i.resultId === res.id && (i.rows.length || i.targets.length))
				.map((i) => {
					const raw = fw.indicators.find((x) => x.id === i.id)!;
					const periods = [
						...new Set([
							...i.rows.map((r) => `${r.period}|${r.country}`),
							...i.targets.map((x) => `${x.period}|${x.country}`)
						])
					]
						.sort()
						.map((key) => {
							const [period, country] = key.split('|');
							const row = i.rows.find((r) => r.period === period && r.country === country);
							const target = i.targets.find((x) => x.period === period && x.country === country);
							const [start, end] = bounds(period);
							return {
								start,
								end,
								targets: target ? [{ value: target.value }] : [],
								actuals: row ? iatiValue(row.total, row.parts) : []
							};
						});
					return {
						measure: raw.numericType === 'percent' ? ('2' as const) : ('1' as const),
						ascending: raw.direction === 'increase',
						title: raw.title,
						description: raw.definition,
						baselines:
							raw.baselineValue !== null && raw.baselinePeriod
								? [{ year: Number(raw.baselinePeriod.slice(0, 4)), value: raw.baselineValue }]
								: [],
						periods
					};
				});
			return { type: '2' as const, title: res.title, indicators };
		})
		.filter((r) => r.indicators.length);
	const place = f.country ?? 'RG';
	const title = Object.fromEntries(
		LOCALES.map((l) => [l, `${t(l, 'impact_title')} · ${placeName(l, place)}`])
	);
	const written = writeIatiActivity(
		{
			reportingOrgRef: org.ref,
			reportingOrgType: org.type,
			reportingOrgName: { en: org.name?.trim() || org.ref }
		},
		{
			localId: `birge-impact-${place.toLowerCase()}`,
			defaultLanguage: 'en',
			lastUpdated: ctx.clock(),
			title,
			description: Object.fromEntries(LOCALES.map((l) => [l, t(l, 'impact_intro')])),
			participatingOrgs: [
				{ role: '4', ref: org.ref, type: org.type, name: { en: org.name?.trim() || org.ref } }
			],
			status: '2',
			dates: [{ type: '2', isoDate: first }],
			recipientCountries: f.country && f.country !== 'RG' ? [{ code: f.country }] : undefined,
			results
		},
		{ generatedAt: ctx.clock() }
	);
	if (!written.ok)
		throw new AppError('INVALID', {
			messageKey: 'impact_error_iati_invalid',
			params: { errors: written.errors.map((e) => `${e.path} ${e.code}`).join('; ') }
		});
	return written.xml;
}
