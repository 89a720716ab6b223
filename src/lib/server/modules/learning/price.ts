import { roundHalfUp, toExactDecimal, toMajor, toMinor } from './exact';

/**
 * The price calculator (pure): what one item must sell for so that her materials, her time at a fair
 * hourly rate and her other costs are paid, with a margin on top.
 *
 *   labour = hours × hourlyRate,  cost = materials + labour + overhead,
 *   profit = cost × marginPercent / 100 (a margin added to the cost),  price = cost + profit.
 *
 * Labour and profit are rounded half up to the minor unit, so the breakdown adds up to the price.
 */
export interface PriceInputs {
	materials: number;
	hours: number;
	hourlyRate: number;
	overhead: number;
	marginPercent: number;
	digits: number;
}

export interface PriceResult {
	materials: number;
	labour: number;
	overhead: number;
	cost: number;
	profit: number;
	price: number;
	/** The profit's share of the price, in percent (unrounded). */
	profitShareOfPrice: number;
}

export function computePrice(input: PriceInputs): PriceResult {
	const { digits } = input;
	const materials = toMinor(input.materials, digits);
	const overhead = toMinor(input.overhead, digits);
	const hours = toExactDecimal(input.hours, 4);
	const rate = toMinor(input.hourlyRate, digits);
	const labour = roundHalfUp(hours.n * rate, hours.d);
	const cost = materials + labour + overhead;
	const margin = toExactDecimal(input.marginPercent, 4);
	const profit = roundHalfUp(cost * margin.n, margin.d * 100n);
	const price = cost + profit;
	const major = (v: bigint) => toMajor(v, digits);
	return {
		materials: major(materials),
		labour: major(labour),
		overhead: major(overhead),
		cost: major(cost),
		profit: major(profit),
		price: major(price),
		profitShareOfPrice: price === 0n ? 0 : (Number(profit) / Number(price)) * 100
	};
}
