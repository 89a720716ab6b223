import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from './csv';

describe('csv', () => {
	it('round-trips quotes, commas, line breaks, Cyrillic and formula-like cells', () => {
		const rows = [
			['slug', 'title', 'note'],
			['kg-1', 'Грант «Айыл», 2026', 'line one\nline "two"'],
			['kz-2', '=HYPERLINK("x")', '-5'],
			['uz-3', 'Oʻzbekiston', '']
		];
		const text = toCsv(rows);
		expect(text).toContain("'=HYPERLINK");
		expect(parseCsv('\uFEFF' + text)).toEqual(
			rows.map((r) => (r.every((c) => c === '') ? [] : r)).filter((r) => r.length)
		);
	});

	it('accepts LF or CRLF and skips blank lines', () => {
		expect(parseCsv('a,b\n1,2\r\n\r\n3,"4"\n')).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4']
		]);
	});

	it('guards every formula start and quotes cells holding , or ; (Excel in a Russian locale splits on ;)', () => {
		expect(csvCell(';=1+1')).toBe('";=1+1"');
		expect(csvCell('a;=HYPERLINK("http://x")')).toBe('"a;=HYPERLINK(""http://x"")"');
		expect(csvCell('=1+1')).toBe("'=1+1");
		expect(csvCell('+7 700')).toBe("'+7 700");
		expect(csvCell('-2')).toBe("'-2");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\t=1')).toBe('"\'\t=1"');
		expect(csvCell('\r=1')).toBe('"\'\r=1"');
		expect(csvCell('1,5')).toBe('"1,5"');
		expect(csvCell('plain')).toBe('plain');
		const rows = [['a;=1', '=2;b', 'x,y']];
		expect(parseCsv(toCsv(rows))).toEqual(rows);
	});
});
