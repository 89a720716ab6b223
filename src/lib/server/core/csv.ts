/**
 * CSV (RFC 4180) for imports and exports: comma-separated, double quotes around fields that need them,
 * CRLF lines, a byte-order mark tolerated. Exports neutralise spreadsheet formulas (a cell starting with
 * = + - @ tab or CR gets a leading apostrophe; a cell holding `,` or `;` is quoted) and imports remove
 * that apostrophe again, so an export can be imported unchanged.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function parseCsv(input: string): string[][] {
	const text = input.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const push = () => {
		row.push(field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);
		field = '';
	};
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
			push();
			i++;
		} else if (c === '\n' || c === '\r') {
			push();
			rows.push(row);
			row = [];
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			field += c;
			i++;
		}
	}
	if (field !== '' || row.length) {
		push();
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * One exported cell. A cell that a spreadsheet could read as a formula gets a leading apostrophe; a
 * cell holding a comma or a semicolon is quoted too, since Excel in a Russian locale splits on `;`
 * and would otherwise start a new cell (and a formula) after it.
 */
export function csvCell(value: unknown): string {
	let s = value === null || value === undefined ? '' : String(value);
	if (FORMULA_START.test(s)) s = `'${s}`;
	return /[",;\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first usually the header) to CSV text. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
	return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
