import { parseCsv, toCsv as toCsvRows } from '../../core/csv';
/** CSV helpers for this module over core/csv.ts (which neutralises spreadsheet formulas). */

export { parseCsv };

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return toCsvRows([header, ...rows]);
}

/** Rows as objects keyed by the (trimmed, lower-cased) header. */
export function csvRecords(input: string): {
	header: string[];
	records: { line: number; values: Record<string, string> }[];
} {
	const rows = parseCsv(input);
	if (rows.length === 0) return { header: [], records: [] };
	const header = rows[0].map((h) => h.trim().toLowerCase());
	return {
		header,
		records: rows.slice(1).map((r, index) => ({
			line: index + 2,
			values: Object.fromEntries(header.map((h, j) => [h, (r[j] ?? '').trim()]))
		}))
	};
}
