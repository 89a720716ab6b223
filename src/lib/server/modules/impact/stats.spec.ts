import { describe, expect, it } from 'vitest';
import {
	distribution,
	mean,
	pairByCode,
	pairedInterval,
	regularizedIncompleteBeta,
	sampleSd,
	studentTCdf,
	studentTQuantile,
	welchInterval
} from './stats';

describe('studentTQuantile', () => {
	// Printed table values (e.g. NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2, "Critical
	// values of the Student's t distribution"), 3 decimals.
	it.each([
		[1, 12.706],
		[2, 4.303],
		[4, 2.776],
		[8, 2.306],
		[10, 2.228],
		[30, 2.042],
		[120, 1.98]
	])('t(0.975, %d) matches the printed table', (df, table) => {
		expect(studentTQuantile(0.975, df)).toBeCloseTo(table, 3);
	});

	// Reference values to 10+ digits from SciPy 1.17 `scipy.stats.t.ppf` (computed on this machine).
	it.each([
		[0.975, 1, 12.706204736174694],
		[0.975, 10, 2.228138851986274],
		[0.975, 30, 2.0422724563012378],
		[0.995, 3, 5.840909309733355],
		[0.05, 5, -2.015048373333024],
		[0.975, 6.047244094488189, 2.4422854239862124],
		[0.975, 1e6, 1.959966356814107]
	])('t(%d, %d) agrees with SciPy to 1e-9', (p, df, ref) => {
		expect(Math.abs(studentTQuantile(p, df) - ref)).toBeLessThan(1e-9);
	});

	it('tends to the normal quantile 1.960 as df → ∞', () => {
		expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 9);
		expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963984540054, 6);
	});

	it('is the inverse of the CDF and symmetric', () => {
		for (const df of [1, 3.5, 17, 250]) {
			for (const p of [0.001, 0.2, 0.5, 0.9, 0.999]) {
				expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
				expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 10);
			}
		}
	});

	it('refuses impossible arguments with NaN', () => {
		expect(studentTQuantile(0, 5)).toBeNaN();
		expect(studentTQuantile(1, 5)).toBeNaN();
		expect(studentTQuantile(0.5, 0)).toBeNaN();
	});

	it('regularized incomplete beta has known closed forms', () => {
		// I_x(1, 1) = x; I_x(2, 1) = x²; I_x(1/2, 1/2) = (2/π)·asin(√x).
		expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
		expect(regularizedIncompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
		expect(regularizedIncompleteBeta(0.7, 0.5, 0.5)).toBeCloseTo(
			(2 / Math.PI) * Math.asin(Math.sqrt(0.7)),
			13
		);
	});
});

describe('distribution, mean, sd', () => {
	it('counts single answers per option, with shares and an "other" count', () => {
		const d = distribution([1, 2, 3, 4, 5], [5, 4, 4, 2, 5, 5, 7]);
		expect(d.n).toBe(7);
		expect(d.rows.map((r) => r.count)).toEqual([0, 1, 0, 2, 3]);
		expect(d.rows[4].share).toBeCloseTo(3 / 7, 15);
		expect(d.other).toBe(1);
	});

	it('counts multiple answers per respondent once per option', () => {
		const d = distribution(['a', 'b', 'c'], [['a', 'b'], ['a'], ['a', 'a', 'c'], []]);
		expect(d.n).toBe(4);
		expect(d.rows).toEqual([
			{ option: 'a', count: 3, share: 0.75 },
			{ option: 'b', count: 1, share: 0.25 },
			{ option: 'c', count: 1, share: 0.25 }
		]);
	});

	it('gives zero shares for no answers', () => {
		expect(distribution([1, 2], []).rows).toEqual([
			{ option: 1, count: 0, share: 0 },
			{ option: 2, count: 0, share: 0 }
		]);
	});

	it('mean and sample sd by hand', () => {
		// [2,3,3,4,3]: mean 15/5 = 3; squared deviations 1,0,0,1,0 → 2; variance 2/4 = 0.5.
		expect(mean([2, 3, 3, 4, 3])).toBe(3);
		expect(sampleSd([2, 3, 3, 4, 3])).toBeCloseTo(Math.sqrt(0.5), 15);
		expect(mean([])).toBeNaN();
		expect(sampleSd([4])).toBeNaN();
	});
});

describe('welchInterval', () => {
	it('computes the change, df and interval of a hand-worked dataset', () => {
		// baseline  [2,3,3,4,3]: n1 = 5, mean1 = 3, s1² = (1+0+0+1+0)/4 = 0.5
		// endline   [3,4,4,5,4]: n2 = 5, mean2 = 4, s2² = (1+0+0+1+0)/4 = 0.5
		// difference = 4 − 3 = 1
		// s1²/n1 = s2²/n2 = 0.1; SE² = 0.2; SE = √0.2 = 0.4472136
		// df = 0.2² / (0.1²/4 + 0.1²/4) = 0.04 / 0.005 = 8
		// t(0.975, 8) = 2.306004 (table); half-width = 2.306004 × 0.4472136 = 1.031276
		// interval = [1 − 1.031276, 1 + 1.031276] = [−0.031276, 2.031276]
		const r = welchInterval([2, 3, 3, 4, 3], [3, 4, 4, 5, 4]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r).toMatchObject({ method: 'welch', n1: 5, n2: 5, mean1: 3, mean2: 4, difference: 1 });
		expect(r.df).toBeCloseTo(8, 12);
		expect(r.low).toBeCloseTo(-0.031276, 5);
		expect(r.high).toBeCloseTo(2.031276, 5);
	});

	it('handles unequal sizes and spreads (fractional df) like SciPy', () => {
		// Reference: scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval() →
		// (−0.033169548986005104, 2.4776139934304497), df = 9.750968587947783.
		const a = [2, 3, 3, 4, 3, 1, 5];
		const b = [4, 5, 3, 4, 5, 5, 4, 3, 5];
		const r = welchInterval(a, b);
		if (!r.ok) throw new Error(r.reason);
		expect(r.df).toBeCloseTo(9.750968587947783, 9);
		expect(r.low).toBeCloseTo(-0.033169548986005104, 9);
		expect(r.high).toBeCloseTo(2.4776139934304497, 9);
	});

	it('refuses fewer than two answers in a group, no spread, and non-finite values', () => {
		expect(welchInterval([3], [1, 2, 3])).toEqual({
			ok: false,
			method: 'welch',
			reason: 'TOO_FEW',
			n1: 1,
			n2: 3
		});
		expect(welchInterval([1, 2], [])).toMatchObject({ ok: false, reason: 'TOO_FEW' });
		expect(welchInterval([3, 3], [4, 4, 4])).toMatchObject({ ok: false, reason: 'NO_VARIANCE' });
		expect(welchInterval([3, NaN], [4, 5])).toMatchObject({ ok: false, reason: 'NOT_FINITE' });
	});

	it('throws on a confidence level outside (0, 1)', () => {
		expect(() => welchInterval([1, 2], [3, 4], 95)).toThrow(RangeError);
		expect(() => pairedInterval([[1, 2]], 0)).toThrow(RangeError);
	});

	it('widens with higher confidence', () => {
		const r95 = welchInterval([2, 3, 3, 4, 3], [3, 4, 4, 5, 4]);
		const r99 = welchInterval([2, 3, 3, 4, 3], [3, 4, 4, 5, 4], 0.99);
		if (!r95.ok || !r99.ok) throw new Error('refused');
		expect(r99.high - r99.low).toBeGreaterThan(r95.high - r95.low);
		expect(r99.confidence).toBe(0.99);
	});
});

describe('pairedInterval and pairByCode', () => {
	it('computes the paired interval of a hand-worked dataset', () => {
		// before [2,3,3,4,3], after [3,4,5,4,4] → differences d = [1,1,2,0,1]
		// mean d = 5/5 = 1; squared deviations 0,0,1,1,0 → 2; s_d² = 2/4 = 0.5; s_d = 0.7071068
		// SE = 0.7071068/√5 = 0.3162278; df = 5 − 1 = 4; t(0.975, 4) = 2.776445 (table)
		// half-width = 2.776445 × 0.3162278 = 0.877993 → [0.122007, 1.877993]
		const r = pairedInterval([
			[2, 3],
			[3, 4],
			[3, 5],
			[4, 4],
			[3, 4]
		]);
		if (!r.ok) throw new Error(r.reason);
		expect(r).toMatchObject({ method: 'paired', n1: 5, n2: 5, mean1: 3, mean2: 4, df: 4 });
		expect(r.difference).toBeCloseTo(1, 14);
		expect(r.low).toBeCloseTo(0.122007, 5);
		expect(r.high).toBeCloseTo(1.877993, 5);
	});

	it('refuses fewer than two pairs and constant differences', () => {
		expect(pairedInterval([[1, 2]])).toMatchObject({ ok: false, method: 'paired', reason: 'TOO_FEW' });
		expect(
			pairedInterval([
				[1, 2],
				[3, 4]
			])
		).toMatchObject({ ok: false, reason: 'NO_VARIANCE' });
	});

	it('links answers by code, counts the unmatched and leaves duplicated codes out', () => {
		const p = pairByCode(
			[
				{ code: 'K7', value: 2 },
				{ code: 'A1', value: 3 },
				{ code: 'ZZ', value: 1 },
				{ code: 'D2', value: 4 },
				{ code: 'D2', value: 5 }
			],
			[
				{ code: 'A1', value: 5 },
				{ code: 'K7', value: 3 },
				{ code: 'NEW', value: 4 },
				{ code: 'D2', value: 2 }
			]
		);
		expect(p.pairs).toEqual([
			[2, 3],
			[3, 5]
		]);
		expect(p.unmatched).toBe(2);
		expect(p.duplicateCodes).toEqual(['D2']);
	});
});
