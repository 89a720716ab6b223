/**
 * Exact arithmetic for the calculators: amounts are integers of the currency's minor unit (bigint),
 * rates are exact decimal fractions, and every scheduled amount is rounded once, half up, to the minor
 * unit. Nothing here touches floating point except `toExactDecimal`, which reads a parsed number back
 * as the decimal a person typed.
 */

/** A non-negative exact fraction `n / d` (d > 0). */
export interface Fraction {
	n: bigint;
	d: bigint;
}

/**
 * The decimal a person typed, from the double it was parsed into: 15 significant digits recover any
 * decimal of up to 15 digits (1.005 stays 1.005, not 1.00499…), rounded half up to `maxDecimals`.
 */
export function toExactDecimal(value: number, maxDecimals: number): Fraction {
	if (!Number.isFinite(value) || value < 0) throw new RangeError('a finite non-negative number is expected');
	const [mantissa, exponentText] = value.toPrecision(15).split('e');
	const exponent = Number(exponentText ?? 0);
	const [whole, fraction = ''] = mantissa.split('.');
	let n = BigInt(whole + fraction);
	let decimals = fraction.length - exponent;
	if (decimals < 0) {
		n *= 10n ** BigInt(-decimals);
		decimals = 0;
	}
	if (decimals > maxDecimals) {
		const cut = 10n ** BigInt(decimals - maxDecimals);
		n = roundHalfUp(n, cut);
		decimals = maxDecimals;
	}
	return { n, d: 10n ** BigInt(decimals) };
}

/** `n / d` rounded half up to an integer, for n ≥ 0, d > 0. */
export function roundHalfUp(n: bigint, d: bigint): bigint {
	return (2n * n + d) / (2n * d);
}

/** An amount in major units (e.g. 1500.5 som) as an integer of minor units, rounded half up. */
export function toMinor(value: number, digits: number): bigint {
	const { n, d } = toExactDecimal(value, digits);
	return (n * 10n ** BigInt(digits)) / d;
}

/** Minor units back to a number of major units (exact for any amount below 2^53 minor units). */
export function toMajor(minor: bigint, digits: number): number {
	return Number(minor) / 10 ** digits;
}
