import { describe, expect, it } from 'vitest';
import { canMove, adoptionOf, adoptionByBarrier, type Countable } from './workflow';
import { csvRecords, parseCsv, toCsv } from './csv';
import { adoptionChart } from './chart';
import { sniffType } from './files';

describe('status workflow rules', () => {
	it('moves forward, may skip steps, and stays to record progress', () => {
		expect(canMove('drafting', 'endorsed')).toBe(true);
		expect(canMove('drafting', 'adopted')).toBe(true);
		expect(canMove('submitted', 'submitted')).toBe(true);
		expect(canMove('adopted', 'implemented')).toBe(true);
	});
	it('refuses backward moves and early declines; a declined item can be reworked', () => {
		expect(canMove('adopted', 'submitted')).toBe(false);
		expect(canMove('implemented', 'drafting')).toBe(false);
		expect(canMove('drafting', 'declined')).toBe(false);
		expect(canMove('under_consideration', 'declined')).toBe(true);
		expect(canMove('declined', 'submitted')).toBe(true);
		expect(canMove('declined', 'adopted')).toBe(false);
	});
});

describe('adoption figures', () => {
	const item = (over: Partial<Countable>): Countable => ({
		kind: 'recommendation',
		barrier: 'finance',
		status: 'drafting',
		aggregateTotal: null,
		aggregateAdopted: null,
		demo: false,
		...over
	});
	it('counts recommendations, aggregates by their own N of M, and skips outputs and demo items', () => {
		const items = [
			item({ status: 'adopted' }),
			item({ status: 'implemented', barrier: 'gbv' }),
			item({ status: 'partially_adopted' }),
			item({
				kind: 'aggregate',
				barrier: 'other',
				status: 'adopted',
				aggregateTotal: 12,
				aggregateAdopted: 10
			}),
			item({ kind: 'coalition_output', status: 'implemented' }),
			item({ demo: true, status: 'adopted' })
		];
		expect(adoptionOf(items)).toEqual({ adopted: 12, total: 15 });
		expect(adoptionByBarrier(items)).toEqual([
			{ barrier: 'finance', adopted: 1, total: 2 },
			{ barrier: 'gbv', adopted: 1, total: 1 },
			{ barrier: 'other', adopted: 10, total: 12 }
		]);
	});
});

describe('CSV', () => {
	it('round-trips quotes, commas, new lines and Cyrillic, and neutralises formulas', () => {
		const csv = toCsv(
			['a', 'b'],
			[
				['Закон, «о»', 'line\nbreak "q"'],
				['=SUM(A1)', 3]
			]
		);
		// The export neutralises the formula for spreadsheets; importing it back gives the original text.
		expect(csv).toContain("'=SUM(A1)");
		expect(parseCsv(csv)).toEqual([
			['a', 'b'],
			['Закон, «о»', 'line\nbreak "q"'],
			['=SUM(A1)', '3']
		]);
		const { header, records } = csvRecords('\uFEFFStatus,Date\r\nadopted,2023-04\r\n\r\n');
		expect(header).toEqual(['status', 'date']);
		expect(records).toEqual([{ line: 2, values: { status: 'adopted', date: '2023-04' } }]);
	});
});

describe('adoption chart', () => {
	it('is an accessible chart with every label escaped, its texts in HTML (never clipped)', () => {
		const svg = adoptionChart([{ label: 'A & <B>', adopted: 1, total: 2 }], {
			title: 'T "x"',
			desc: 'A: 1 of 2',
			value: (r) => `${r.adopted}/${r.total}`
		});
		expect(svg).toContain('role="img"');
		expect(svg).toContain('<span class="visually-hidden" id="adoption-chart-title">T &quot;x&quot;</span>');
		expect(svg).toContain('<span class="coalitions-chart-value">1/2</span>');
		expect(svg).toContain('<rect x="0" y="0" width="50" height="18" fill="#1f6f3f"/>');
		// No text inside the SVG, which would not wrap.
		expect(svg).not.toMatch(/<text/);
		expect(svg).toContain('A &amp; &lt;B&gt;');
		expect(svg).not.toContain('<B>');
		expect(svg).not.toContain('style=');
	});
});

describe('evidence file types', () => {
	it('accepts PDF and images by their bytes, and nothing else', () => {
		expect(sniffType(new TextEncoder().encode('%PDF-1.7 ...'))).toBe('application/pdf');
		expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
		expect(sniffType(new TextEncoder().encode('<html><script>'))).toBeNull();
		expect(sniffType(new TextEncoder().encode('RIFF....WAVE'))).toBeNull();
	});
});

describe('OpenAPI', () => {
	it('documents both endpoints and every reference resolves', async () => {
		const { openapi } = await import('./openapi');
		expect(Object.keys(openapi.paths)).toEqual(
			expect.arrayContaining(['/coalitions', '/coalitions/{slug}/recommendations'])
		);
		const { coalitionItemApi, timelineEntryApi } = await import('./views');
		const schemas = (openapi.schemas ?? {}) as Record<string, { required?: string[] }>;
		// Built from the zod views: every field of the view is documented (and required).
		expect(schemas.CoalitionItem.required?.sort()).toEqual(Object.keys(coalitionItemApi.shape).sort());
		expect(schemas.TimelineEntry.required?.sort()).toEqual(Object.keys(timelineEntryApi.shape).sort());
		const refs = [...JSON.stringify(openapi).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
		const known = new Set([...Object.keys(openapi.schemas ?? {}), 'Error']);
		expect(refs.filter((r) => !known.has(r))).toEqual([]);
	});
});
