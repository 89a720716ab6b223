import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePrice } from './price';
import { computeBreakEven } from './break-even';

describe('price of one item', () => {
	it('adds materials, her hours at a fair rate, other costs and the margin', () => {
		// materials 350; labour 2.5 h × 180 = 450; overhead 40 → cost 840;
		// margin 25 % of 840 = 210 → price 1050; the margin is 210 / 1050 = 20 % of the price.
		const r = computePrice({
			materials: 350,
			hours: 2.5,
			hourlyRate: 180,
			overhead: 40,
			marginPercent: 25,
			digits: 2
		});
		expect(r).toEqual({
			materials: 350,
			labour: 450,
			overhead: 40,
			cost: 840,
			profit: 210,
			price: 1050,
			profitShareOfPrice: 20
		});
	});

	it('rounds labour and margin half up to the minor unit, so the parts add up to the price', () => {
		// 0.35 h × 99.99 = 34.9965 → 35.00; cost 10.01 + 35.00 = 45.01; 12.5 % of 45.01 = 5.626… → 5.63.
		const r = computePrice({
			materials: 10.01,
			hours: 0.35,
			hourlyRate: 99.99,
			overhead: 0,
			marginPercent: 12.5,
			digits: 2
		});
		expect([r.labour, r.cost, r.profit, r.price]).toEqual([35, 45.01, 5.63, 50.64]);
		// UZS: whole som. 1.5 h × 25 001 = 37 501.5 → 37 502.
		expect(
			computePrice({ materials: 0, hours: 1.5, hourlyRate: 25001, overhead: 0, marginPercent: 0, digits: 0 })
				.price
		).toBe(37502);
	});

	it('always adds up (fast-check)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 0, max: 100_000 }),
				fc.integer({ min: 0, max: 1_000_000 }),
				fc.integer({ min: 0, max: 1_000_000 }),
				fc.integer({ min: 0, max: 1000 }),
				(materials, hours, rate, overhead, margin) => {
					const r = computePrice({
						materials: materials / 100,
						hours: hours / 100,
						hourlyRate: rate / 100,
						overhead: overhead / 100,
						marginPercent: margin / 10,
						digits: 2
					});
					const cents = (v: number) => Math.round(v * 100);
					expect(cents(r.materials) + cents(r.labour) + cents(r.overhead)).toBe(cents(r.cost));
					expect(cents(r.cost) + cents(r.profit)).toBe(cents(r.price));
					expect(r.price).toBeGreaterThanOrEqual(r.cost);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('break-even', () => {
	it('units are the fixed costs over the contribution, rounded up to whole units', () => {
		// contribution 250 − 130 = 120; 30 000 / 120 = 250 units exactly; revenue 250 × 250 = 62 500.
		expect(computeBreakEven({ fixedCosts: 30_000, price: 250, variableCost: 130, digits: 2 })).toEqual({
			contribution: 120,
			units: 250,
			revenue: 62_500
		});
		// 30 001 / 120 = 250.008… → 251 units; revenue 62 750.
		expect(computeBreakEven({ fixedCosts: 30_001, price: 250, variableCost: 130, digits: 2 })).toMatchObject({
			units: 251,
			revenue: 62_750
		});
		expect(computeBreakEven({ fixedCosts: 0, price: 10, variableCost: 5, digits: 2 }).units).toBe(0);
	});

	it('no break-even when the price is not above the variable cost', () => {
		expect(computeBreakEven({ fixedCosts: 1000, price: 100, variableCost: 100, digits: 2 })).toEqual({
			contribution: 0,
			units: null,
			revenue: null
		});
		expect(computeBreakEven({ fixedCosts: 1000, price: 90, variableCost: 100, digits: 2 }).units).toBeNull();
	});

	it('the units found cover the fixed costs and one unit fewer does not (fast-check)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100_000_000 }),
				fc.integer({ min: 1, max: 1_000_000 }),
				fc.integer({ min: 0, max: 1_000_000 }),
				(fixed, price, variable) => {
					fc.pre(price > variable);
					const r = computeBreakEven({
						fixedCosts: fixed / 100,
						price: price / 100,
						variableCost: variable / 100,
						digits: 2
					});
					const units = r.units ?? -1;
					expect(units * (price - variable)).toBeGreaterThanOrEqual(fixed);
					if (units > 0) expect((units - 1) * (price - variable)).toBeLessThan(fixed);
				}
			),
			{ numRuns: 200 }
		);
	});
});
