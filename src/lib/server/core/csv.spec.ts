import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

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
});
