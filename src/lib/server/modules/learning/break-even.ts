import { toMajor, toMinor } from './exact';

/**
 * The break-even calculator (pure): how many units she must sell to cover her fixed costs, when each
 * unit sold brings its price minus its variable cost (the contribution).
 *
 *   units = ⌈fixedCosts / (price − variableCost)⌉ (whole units),  revenue = units × price.
 *
 * When the price is not above the variable cost, no number of units breaks even: `contribution ≤ 0`
 * and `units` is null.
 */
export interface BreakEvenInputs {
	fixedCosts: number;
	price: number;
	variableCost: number;
	digits: number;
}

export interface BreakEvenResult {
	contribution: number;
	/** Whole units to sell to cover the fixed costs; null when the price is not above the variable cost. */
	units: number | null;
	/** Revenue from selling `units`; null with it. */
	revenue: number | null;
}

export function computeBreakEven(input: BreakEvenInputs): BreakEvenResult {
	const { digits } = input;
	const fixed = toMinor(input.fixedCosts, digits);
	const price = toMinor(input.price, digits);
	const contribution = price - toMinor(input.variableCost, digits);
	if (contribution <= 0n) return { contribution: toMajor(contribution, digits), units: null, revenue: null };
	const units = (fixed + contribution - 1n) / contribution;
	return {
		contribution: toMajor(contribution, digits),
		units: Number(units),
		revenue: toMajor(units * price, digits)
	};
}
