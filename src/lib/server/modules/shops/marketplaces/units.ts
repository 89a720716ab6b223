import type { CardPackage } from './card';

/**
 * Unit conversion for the packed item. Birge stores centimetres (as measured, decimals allowed) and
 * grams. Every conversion rounds UP and never gives 0: a box declared smaller or lighter than it is
 * gets re-measured and charged by the warehouse, and Ozon rejects 0 outright (docs/marketplaces.md).
 */

/** Rounds up to a whole number, at least 1; a tiny epsilon keeps 12.000000001 (float noise) at 12. */
function ceilAtLeastOne(value: number): number {
	const whole = Math.ceil(value - 1e-9);
	return Math.max(1, whole);
}

/** Wildberries: length/width/height as integers in cm, weightBrutto in kg with ≤ 3 decimals. */
export function wildberriesDimensions(p: CardPackage): {
	length: number;
	width: number;
	height: number;
	weightBrutto: number;
} {
	return {
		length: ceilAtLeastOne(p.lengthCm),
		width: ceilAtLeastOne(p.widthCm),
		height: ceilAtLeastOne(p.heightCm),
		// grams → kg: whole grams are exactly 3 decimals of a kilogram.
		weightBrutto: ceilAtLeastOne(p.weightG) / 1000
	};
}

/** Ozon: depth/width/height as int32 in mm, weight as int32 in g. */
export function ozonDimensions(p: CardPackage): {
	depth: number;
	width: number;
	height: number;
	dimension_unit: 'mm';
	weight: number;
	weight_unit: 'g';
} {
	return {
		depth: ceilAtLeastOne(p.lengthCm * 10),
		width: ceilAtLeastOne(p.widthCm * 10),
		height: ceilAtLeastOne(p.heightCm * 10),
		dimension_unit: 'mm',
		weight: ceilAtLeastOne(p.weightG),
		weight_unit: 'g'
	};
}

/** ISO 4217 minor-unit exponents of the currencies the marketplaces take (all two today). */
const EXPONENT: Record<string, number> = {
	RUB: 2,
	BYN: 2,
	KZT: 2,
	EUR: 2,
	USD: 2,
	CNY: 2,
	UZS: 2,
	KGS: 2,
	TJS: 2
};

export function minorExponent(currency: string): number {
	return EXPONENT[currency] ?? 2;
}

/** An integer amount of minor units as a decimal string with a point ("1250.50"), for Ozon. */
export function decimalString(amountMinor: number, currency: string): string {
	const exponent = minorExponent(currency);
	const negative = amountMinor < 0;
	const digits = String(Math.abs(Math.trunc(amountMinor))).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = digits.slice(digits.length - exponent);
	return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/** Whole major units, or null when the amount has a fractional part (never rounded silently). */
export function wholeMajor(amountMinor: number, currency: string): number | null {
	const factor = 10 ** minorExponent(currency);
	return amountMinor % factor === 0 ? amountMinor / factor : null;
}
