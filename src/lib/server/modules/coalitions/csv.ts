/**
 * CSV (RFC 4180): comma-separated, double quotes around fields that need them, CRLF lines. Export
 * neutralises spreadsheet formulas (a cell starting with = + - @ gets a leading apostrophe).
 */

export function parseCsv(input: string): string[][] {
	const text = input.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			field += c;
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\n' || c === '\r') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			field += c;
			i++;
		}
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function cell(value: unknown): string {
	let s = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
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
