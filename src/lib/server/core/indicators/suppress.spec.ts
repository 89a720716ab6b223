import { describe, expect, it } from 'vitest';
import { suppressSmallCounts, type Cell } from './suppress';
import { finishIndicator, type IndicatorRow } from './index';

type Named = Cell & { name: string; group: string[] };
const cell = (name: string, value: number, group: string[] = ['g']): Named => ({
	name,
	value,
	status: 'value',
	group
});
const shown = (cells: Named[]) => Object.fromEntries(cells.map((c) => [c.name, c.value]));
const run = (cells: Named[]) => suppressSmallCounts(cells, (c) => c.group);

describe('small-count suppression', () => {
	it('suppresses counts from 1 to 4, keeps 5 and more, and zero', () => {
		const out = suppressSmallCounts(
			[cell('a', 0, []), cell('b', 1, []), cell('c', 4, []), cell('d', 5, []), cell('e', 120, [])],
			() => []
		);
		expect(shown(out)).toEqual({ a: 0, b: null, c: null, d: 5, e: 120 });
		expect(out.filter((c) => c.status === 'suppressed').map((c) => c.name)).toEqual(['b', 'c']);
	});

	it('suppresses the next smallest cell of a group with one suppressed cell (complementary)', () => {
		// Total 33 is published: with only A hidden, A = 33 − 10 − 20.
		const out = run([cell('total', 33), cell('A', 3), cell('B', 10), cell('C', 20)]);
		expect(shown(out)).toEqual({ total: 33, A: null, B: null, C: 20 });
	});

	it('leaves a group alone when two cells are already suppressed', () => {
		const out = run([cell('total', 45), cell('A', 2), cell('B', 3), cell('C', 40)]);
		expect(shown(out)).toEqual({ total: 45, A: null, B: null, C: 40 });
	});

	it('prefers a non-zero complement, and takes a zero only when nothing else is left', () => {
		expect(shown(run([cell('total', 20), cell('A', 3), cell('Z', 0), cell('B', 17)]))).toEqual({
			total: 20,
			A: null,
			Z: 0,
			B: null
		});
		expect(shown(run([cell('A', 3), cell('Z', 0)]))).toEqual({ A: null, Z: null });
	});

	it('follows a suppression into every group the cell belongs to until none is left alone', () => {
		// Two breakdowns share the country total: region r2 is small and r1 complements it; the kind
		// breakdown has nothing hidden and stays as it is. In a two-way table the hiding cascades.
		const out = run([
			cell('total', 40, ['region', 'kind']),
			cell('r1', 8, ['region']),
			cell('r2', 2, ['region']),
			cell('r3', 30, ['region']),
			cell('k1', 6, ['kind']),
			cell('k2', 34, ['kind'])
		]);
		expect(shown(out)).toEqual({ total: 40, r1: null, r2: null, r3: 30, k1: 6, k2: 34 });
		const cascade = suppressSmallCounts(
			[
				cell('x', 3, ['row1', 'col1']),
				cell('y', 9, ['row1', 'col2']),
				cell('z', 7, ['row2', 'col1']),
				cell('w', 12, ['row2', 'col2'])
			],
			(c) => c.group
		);
		// x hidden → y (row) and z (column) hidden → w hidden (each row and column has two).
		expect(shown(cascade)).toEqual({ x: null, y: null, z: null, w: null });
	});

	it('hides a small total and every cell under it', () => {
		expect(shown(run([cell('total', 4), cell('A', 1), cell('B', 3)]))).toEqual({
			total: null,
			A: null,
			B: null
		});
	});
});

describe('finishing an indicator', () => {
	const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
		indicator: 'x.y',
		period: '2026-11',
		country: 'KG',
		dimension: null,
		dimensionValue: null,
		status: 'value',
		value: 10,
		...over
	});
	const request = { periods: ['2026-10', '2026-11'], countries: ['KG'], dimensions: ['region', 'age_group'] };

	it('answers not_available, never 0, for a dimension the module cannot give and a stock’s past', () => {
		const rows = finishIndicator(
			{ name: 'x.y', unit: 'items', kind: 'stock', dimensions: ['region'] },
			request,
			[
				row({}),
				row({ dimension: 'region', dimensionValue: 'KG-Y', value: 2 }),
				row({ dimension: 'region', dimensionValue: null, value: 8 })
			]
		);
		const na = rows.filter((r) => r.status === 'not_available');
		expect(na.every((r) => r.value === null)).toBe(true);
		expect(na.map((r) => `${r.period}:${r.dimension}`).sort()).toEqual([
			'2026-10:age_group',
			'2026-10:null',
			'2026-10:region',
			'2026-11:age_group'
		]);
		// Items are not people: a 2 stays.
		expect(rows.find((r) => r.dimensionValue === 'KG-Y')?.value).toBe(2);
	});

	it('suppresses counts of people with their complements, per breakdown', () => {
		const rows = finishIndicator(
			{ name: 'x.y', unit: 'people', kind: 'flow', dimensions: ['region'] },
			request,
			[
				row({ value: 30 }),
				row({ dimension: 'region', dimensionValue: 'KG-Y', value: 3 }),
				row({ dimension: 'region', dimensionValue: 'KG-C', value: 9 }),
				row({ dimension: 'region', dimensionValue: 'KG-B', value: 18 }),
				row({ period: '2026-10', value: 2 })
			]
		);
		const byRegion = Object.fromEntries(
			rows
				.filter((r) => r.dimension === 'region' && r.period === '2026-11')
				.map((r) => [r.dimensionValue, r.status])
		);
		expect(byRegion).toEqual({ 'KG-Y': 'suppressed', 'KG-C': 'suppressed', 'KG-B': 'value' });
		expect(rows.find((r) => r.period === '2026-10' && r.dimension === null)).toMatchObject({
			status: 'suppressed',
			value: null
		});
		expect(rows.find((r) => r.period === '2026-11' && r.dimension === null)?.value).toBe(30);
	});
});
