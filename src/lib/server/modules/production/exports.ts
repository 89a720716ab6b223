import ExcelJS from 'exceljs';
import { toCsv, type ServiceContext } from '../../core';
import { renderPdf } from '../../core/pdf';
import { formatDate } from '#lib/i18n/format';
import { t, type MessageKey } from '#lib/i18n/messages';
import { requireCoordinator } from './access';
import { monthlyStatement, networkLedger, type EntryView } from './ledger';
import { formatMoney } from './money';
import * as q from './queries';
import { pickText } from '../../core';

/**
 * What leaves the module as files: the ledger (CSV, XLSX) for the coordinator's bookkeeping, her
 * monthly statement as a PDF in her language, and the register of home workers with the record of
 * work given out (the records ILO Recommendation 184, paras 6–7, asks employers of home workers to
 * keep), with a breakdown by sex from consented answers only.
 */

const minor = (v: number) => (v / 100).toFixed(2);
const kindKey = (kind: string) => `production_entry_${kind}` as MessageKey;

function ledgerTable(ctx: ServiceContext, rows: (EntryView & { maker: string; makerId: string })[]) {
	const L = ctx.locale;
	const header = [
		t(L, 'production_col_entry'),
		t(L, 'production_col_date'),
		t(L, 'production_col_maker'),
		t(L, 'production_col_kind'),
		t(L, 'production_col_amount'),
		t(L, 'production_col_currency'),
		t(L, 'production_col_pieces'),
		t(L, 'production_col_rate'),
		t(L, 'production_col_method'),
		t(L, 'production_col_reference'),
		t(L, 'production_col_corrects'),
		t(L, 'production_col_reason')
	];
	const body = rows.map((r) => [
		r.id,
		r.paidOn ?? r.at.slice(0, 10),
		r.maker,
		t(L, kindKey(r.kind)),
		minor(r.amountMinor),
		r.currency,
		r.pieces ?? '',
		r.rateMinor != null ? minor(r.rateMinor) : '',
		r.method ? t(L, `production_pay_${r.method}` as MessageKey) : '',
		r.reference ?? '',
		r.corrects ?? '',
		r.reason ?? r.overBalanceReason ?? ''
	]);
	return [header, ...body];
}

export async function ledgerCsv(ctx: ServiceContext, networkId: string, month?: string) {
	const { rows } = await networkLedger(ctx, networkId, { month });
	return toCsv(ledgerTable(ctx, rows));
}

async function workbookOf(sheets: { name: string; rows: (string | number)[][] }[]) {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Birge';
	for (const s of sheets) {
		const ws = wb.addWorksheet(s.name.slice(0, 31));
		for (const row of s.rows) ws.addRow(row);
		ws.getRow(1).font = { bold: true };
	}
	return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function ledgerXlsx(ctx: ServiceContext, networkId: string, month?: string) {
	const { rows } = await networkLedger(ctx, networkId, { month });
	const table = ledgerTable(ctx, rows).map((r, i) =>
		i === 0 ? r : r.map((c, j) => ((j === 4 || j === 7) && c !== '' ? Number(c) : c))
	);
	return workbookOf([
		{ name: t(ctx.locale, 'production_ledger_title'), rows: table as (string | number)[][] }
	]);
}

/** Her monthly statement as a PDF in the context's language (her language on her pages). */
export async function statementPdf(ctx: ServiceContext, makerId: string, month: string) {
	const s = await monthlyStatement(ctx, makerId, month);
	const L = ctx.locale;
	const money = (v: number) => formatMoney(v, s.currency, L);
	return renderPdf({
		title: t(L, 'production_statement_title', { month: s.month }),
		locale: L,
		createdAt: ctx.clock(),
		blocks: [
			{ type: 'heading', text: t(L, 'production_statement_title', { month: s.month }) },
			{
				type: 'paragraph',
				text: `${s.maker.name} · ${s.network.name}${s.network.demo ? ` (${t(L, 'demo_label')})` : ''}`
			},
			{ type: 'paragraph', text: t(L, 'production_statement_opening', { amount: money(s.openingMinor) }) },
			{
				type: 'table',
				columns: [
					t(L, 'production_col_date'),
					t(L, 'production_col_kind'),
					t(L, 'production_col_pieces'),
					t(L, 'production_col_amount')
				],
				rows: s.entries.map((e) => [
					formatDate(L, e.paidOn ?? e.at.slice(0, 10)),
					t(L, kindKey(e.kind)),
					e.pieces != null ? String(e.pieces) : '',
					money(e.amountMinor)
				]),
				widths: [90, 150, 70, 120]
			},
			{ type: 'paragraph', text: t(L, 'production_statement_in', { amount: money(s.inMinor) }) },
			{ type: 'paragraph', text: t(L, 'production_statement_out', { amount: money(s.outMinor) }) },
			{ type: 'paragraph', text: t(L, 'production_statement_closing', { amount: money(s.closingMinor) }) },
			{ type: 'paragraph', text: t(L, 'production_records_only') }
		]
	});
}

/**
 * The register of home workers and the record of work given out (R184 paras 6–7): per maker, her
 * place, sex (consented answers only), when she joined; per assignment, the date given out, quantity,
 * pieces accepted, rate, gross earnings, material costs at the recorded unit costs, deductions and net
 * pay; and totals by sex.
 */
export async function homeWorkRegister(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const makers = await q.makersByJoining(ctx.db, net.id);
	const work = await q.workGivenOut(ctx.db, net.id);
	const ids = work.map((w) => w.id);
	const earnings = ids.length ? await q.earningsByAssignment(ctx.db, net.id) : [];
	const costs = await q.materialCostsByAssignment(ctx.db, net.id, ids);
	const perMaker = await q.deductionsAndPayouts(ctx.db, net.id);
	const L = ctx.locale;
	const sexOf = (m: (typeof makers)[number]) =>
		m.statsConsent && m.sex ? t(L, `production_sex_${m.sex}` as MessageKey) : t(L, 'production_not_stated');
	const register = [
		[
			t(L, 'production_col_maker'),
			t(L, 'production_col_sex'),
			t(L, 'production_col_region'),
			t(L, 'production_col_village'),
			t(L, 'production_col_joined'),
			t(L, 'production_col_status'),
			t(L, 'production_col_deductions'),
			t(L, 'production_col_paid')
		],
		...makers.map((m) => {
			const p = perMaker.find((x) => x.makerId === m.id);
			return [
				m.name,
				sexOf(m),
				m.regionCode ?? '',
				m.village ?? '',
				m.createdAt.toISOString().slice(0, 10),
				t(L, `production_maker_status_${m.status}` as MessageKey),
				minor(Number(p?.deductions ?? 0)),
				minor(Number(p?.paid ?? 0))
			];
		})
	];
	const record = [
		[
			t(L, 'production_col_given_on'),
			t(L, 'production_col_maker'),
			t(L, 'production_col_sex'),
			t(L, 'production_col_pattern'),
			t(L, 'production_col_quantity'),
			t(L, 'production_col_due'),
			t(L, 'production_col_accepted'),
			t(L, 'production_col_rate'),
			t(L, 'production_col_gross'),
			t(L, 'production_col_material_cost'),
			t(L, 'production_col_currency')
		],
		...work.map((w) => {
			const m = makers.find((x) => x.id === w.makerId)!;
			const e = earnings.find((x) => x.assignmentId === w.id);
			const c = costs.find((x) => x.assignmentId === w.id);
			return [
				w.givenOn.toISOString().slice(0, 10),
				m.name,
				sexOf(m),
				pickText(w.title, L)?.text ?? '',
				w.quantity,
				w.dueDate,
				w.accepted,
				e?.rate != null ? minor(Number(e.rate)) : '',
				minor(Number(e?.gross ?? 0)),
				minor(Number(c?.cost ?? 0)),
				net.currency
			];
		})
	];
	const bySexRows = new Map<string, { makers: number; pieces: number; gross: number; paid: number }>();
	for (const m of makers) {
		const key = sexOf(m);
		const row = bySexRows.get(key) ?? { makers: 0, pieces: 0, gross: 0, paid: 0 };
		row.makers++;
		for (const w of work.filter((x) => x.makerId === m.id)) {
			row.pieces += w.accepted;
			row.gross += Number(earnings.find((x) => x.assignmentId === w.id)?.gross ?? 0);
		}
		row.paid += Number(perMaker.find((x) => x.makerId === m.id)?.paid ?? 0);
		bySexRows.set(key, row);
	}
	const bySex = [
		[
			t(L, 'production_col_sex'),
			t(L, 'production_col_makers'),
			t(L, 'production_col_accepted'),
			t(L, 'production_col_gross'),
			t(L, 'production_col_paid')
		],
		...[...bySexRows].map(([k, v]) => [k, v.makers, v.pieces, minor(v.gross), minor(v.paid)])
	];
	return { network: net, register, record, bySex };
}

export async function homeWorkRegisterXlsx(ctx: ServiceContext, networkId: string) {
	const r = await homeWorkRegister(ctx, networkId);
	return workbookOf([
		{ name: t(ctx.locale, 'production_register_sheet'), rows: r.register },
		{ name: t(ctx.locale, 'production_record_sheet'), rows: r.record },
		{ name: t(ctx.locale, 'production_by_sex_sheet'), rows: r.bySex }
	]);
}

export async function homeWorkRegisterCsv(ctx: ServiceContext, networkId: string) {
	const r = await homeWorkRegister(ctx, networkId);
	return toCsv([...r.register, [], ...r.record, [], ...r.bySex]);
}
