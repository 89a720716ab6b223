/**
 * Survey statistics for the impact module (issue 16, item 4): distribution, mean, sample standard
 * deviation, and the change between two waves with a 95 % confidence interval — Welch's interval for
 * independent waves, a paired interval where pseudonymous codes link answers. Pure functions, no I/O.
 *
 * The Student t quantile is computed here (no table): the t CDF through the regularized incomplete beta
 * function (continued fraction, modified Lentz; Numerical Recipes 3rd ed. §6.4) and its inverse by
 * bisection, which is slow in theory (≈ 100 steps) but exact to double precision and cannot diverge.
 */

export type IntervalMethod = 'welch' | 'paired';

export interface Interval {
	ok: true;
	method: IntervalMethod;
	/** Answers in the first wave (paired: number of linked pairs). */
	n1: number;
	/** Answers in the second wave (paired: number of linked pairs). */
	n2: number;
	mean1: number;
	mean2: number;
	/** mean2 − mean1: the change from the first wave to the second. */
	difference: number;
	low: number;
	high: number;
	df: number;
	confidence: number;
}

export type IntervalRefusalReason =
	/** Fewer than two answers in a group (or fewer than two linked pairs). */
	| 'TOO_FEW'
	/** Every answer equal in both groups (or every paired difference equal): no spread to estimate. */
	| 'NO_VARIANCE'
	/** A value is NaN or ±Infinity. */
	| 'NOT_FINITE';

export interface IntervalRefusal {
	ok: false;
	method: IntervalMethod;
	reason: IntervalRefusalReason;
	n1: number;
	n2: number;
}

export type IntervalResult = Interval | IntervalRefusal;

export interface DistributionRow<T extends string | number> {
	option: T;
	count: number;
	/** count / n, 0 when n is 0. */
	share: number;
}

export interface Distribution<T extends string | number> {
	n: number;
	rows: DistributionRow<T>[];
	/** Answers whose value is not one of the options (kept apart, never folded into an option). */
	other: number;
}

/**
 * Counts per option, in the order of `options`. `answers` may hold single values or, for multiple-choice
 * items, arrays of chosen values; n counts answers (respondents), so shares of a multiple choice may sum
 * past 1.
 */
export function distribution<T extends string | number>(
	options: readonly T[],
	answers: readonly (T | readonly T[])[]
): Distribution<T> {
	const counts = new Map<T, number>(options.map((o) => [o, 0]));
	let other = 0;
	for (const answer of answers) {
		const chosen = Array.isArray(answer) ? new Set(answer as readonly T[]) : [answer as T];
		for (const value of chosen) {
			const c = counts.get(value);
			if (c === undefined) other++;
			else counts.set(value, c + 1);
		}
	}
	const n = answers.length;
	return {
		n,
		rows: options.map((option) => {
			const count = counts.get(option) ?? 0;
			return { option, count, share: n === 0 ? 0 : count / n };
		}),
		other
	};
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	let sum = 0;
	for (const v of values) sum += v;
	return sum / values.length;
}

/** Sample variance (divisor n − 1), two-pass; NaN for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
	if (values.length < 2) return NaN;
	const m = mean(values);
	let ss = 0;
	for (const v of values) ss += (v - m) * (v - m);
	return ss / (values.length - 1);
}

/** Sample standard deviation (divisor n − 1); NaN for fewer than two values. */
export function sampleSd(values: readonly number[]): number {
	return Math.sqrt(sampleVariance(values));
}

// ---------------------------------------------------------------------------------------------------
// Student t distribution

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let a = LANCZOS[0];
	const t = z + 7.5;
	for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
	const TINY = 1e-300;
	const EPS = 1e-16;
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 100_000; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < EPS) return h;
	}
	return h;
}

/** Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
	const front = Math.exp(lnFront);
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
	return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Standard normal CDF: Φ(z) = ½ + ½·sign(z)·P(½, z²/2), P the regularized lower incomplete gamma. */
function normalCdf(z: number): number {
	const x = (z * z) / 2;
	const p = regularizedLowerGamma(0.5, x);
	return z >= 0 ? 0.5 + 0.5 * p : 0.5 - 0.5 * p;
}

/** Regularized lower incomplete gamma P(a, x) (series for x < a + 1, continued fraction otherwise). */
function regularizedLowerGamma(a: number, x: number): number {
	if (x <= 0) return 0;
	const lnFront = -x + a * Math.log(x) - logGamma(a);
	if (x < a + 1) {
		let sum = 1 / a;
		let term = sum;
		for (let n = 1; n < 10_000; n++) {
			term *= x / (a + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
		}
		return sum * Math.exp(lnFront);
	}
	const TINY = 1e-300;
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 10_000; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < 1e-16) break;
	}
	return 1 - Math.exp(lnFront) * h;
}

/** CDF of Student's t with `df` > 0 degrees of freedom (df = Infinity: the standard normal). */
export function studentTCdf(t: number, df: number): number {
	if (!(df > 0)) return NaN;
	if (Number.isNaN(t)) return NaN;
	if (t === Infinity) return 1;
	if (t === -Infinity) return 0;
	if (!Number.isFinite(df) || df > 1e7) return normalCdf(t);
	const x = df / (df + t * t);
	const tail = 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
	return t > 0 ? 1 - tail : tail;
}

/**
 * Inverse CDF (quantile) of Student's t: the t with P(T ≤ t) = p, for 0 < p < 1 and df > 0 (fractional df
 * allowed, as Welch's interval needs; df = Infinity gives the normal quantile). Bisection on the CDF to
 * the last representable bit.
 */
export function studentTQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
	if (p === 0.5) return 0;
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	let lo = 0;
	let hi = 1;
	while (studentTCdf(hi, df) < p) {
		lo = hi;
		hi *= 2;
		if (hi > 1e300) return Infinity;
	}
	for (let i = 0; i < 200; i++) {
		const mid = (lo + hi) / 2;
		if (mid === lo || mid === hi) break;
		if (studentTCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------------
// Intervals for the change between waves

function checkConfidence(confidence: number) {
	// A programming error, not bad survey data: the level comes from code, never from a respondent.
	if (!(confidence > 0 && confidence < 1))
		throw new RangeError(`confidence must be in (0, 1): ${confidence}`);
}

function allFinite(values: readonly number[]) {
	return values.every((v) => Number.isFinite(v));
}

/**
 * Welch's t interval for mean(second) − mean(first), two independent samples, Welch–Satterthwaite
 * degrees of freedom: df = (s1²/n1 + s2²/n2)² / ((s1²/n1)²/(n1−1) + (s2²/n2)²/(n2−1)).
 */
export function welchInterval(
	first: readonly number[],
	second: readonly number[],
	confidence = 0.95
): IntervalResult {
	checkConfidence(confidence);
	const n1 = first.length;
	const n2 = second.length;
	const refuse = (reason: IntervalRefusalReason): IntervalRefusal => ({
		ok: false,
		method: 'welch',
		reason,
		n1,
		n2
	});
	if (!allFinite(first) || !allFinite(second)) return refuse('NOT_FINITE');
	if (n1 < 2 || n2 < 2) return refuse('TOO_FEW');
	const mean1 = mean(first);
	const mean2 = mean(second);
	const v1 = sampleVariance(first) / n1;
	const v2 = sampleVariance(second) / n2;
	const se2 = v1 + v2;
	if (!(se2 > 0)) return refuse('NO_VARIANCE');
	const df = (se2 * se2) / ((v1 * v1) / (n1 - 1) + (v2 * v2) / (n2 - 1));
	const half = studentTQuantile(1 - (1 - confidence) / 2, df) * Math.sqrt(se2);
	const difference = mean2 - mean1;
	return {
		ok: true,
		method: 'welch',
		n1,
		n2,
		mean1,
		mean2,
		difference,
		low: difference - half,
		high: difference + half,
		df,
		confidence
	};
}

/**
 * Paired t interval for the mean change over linked answers: d̄ ± t(df = n − 1)·s_d/√n, where
 * d = second − first per pair.
 */
export function pairedInterval(
	pairs: readonly (readonly [first: number, second: number])[],
	confidence = 0.95
): IntervalResult {
	checkConfidence(confidence);
	const n = pairs.length;
	const refuse = (reason: IntervalRefusalReason): IntervalRefusal => ({
		ok: false,
		method: 'paired',
		reason,
		n1: n,
		n2: n
	});
	const firsts = pairs.map((p) => p[0]);
	const seconds = pairs.map((p) => p[1]);
	if (!allFinite(firsts) || !allFinite(seconds)) return refuse('NOT_FINITE');
	if (n < 2) return refuse('TOO_FEW');
	const diffs = pairs.map(([a, b]) => b - a);
	const sd = sampleSd(diffs);
	if (!(sd > 0)) return refuse('NO_VARIANCE');
	const df = n - 1;
	const difference = mean(diffs);
	const half = (studentTQuantile(1 - (1 - confidence) / 2, df) * sd) / Math.sqrt(n);
	return {
		ok: true,
		method: 'paired',
		n1: n,
		n2: n,
		mean1: mean(firsts),
		mean2: mean(seconds),
		difference,
		low: difference - half,
		high: difference + half,
		df,
		confidence
	};
}

export interface CodedAnswer {
	/** Pseudonymous respondent code, the same in both waves. */
	code: string;
	value: number;
}

export interface Pairing {
	pairs: [number, number][];
	/** Codes answered in only one wave. */
	unmatched: number;
	/** Codes that occur more than once within a wave: left out of the pairs, never guessed. */
	duplicateCodes: string[];
}

/** Link two waves' answers by pseudonymous code, in the order of the first wave. */
export function pairByCode(first: readonly CodedAnswer[], second: readonly CodedAnswer[]): Pairing {
	const index = (answers: readonly CodedAnswer[]) => {
		const byCode = new Map<string, number>();
		const dup = new Set<string>();
		for (const a of answers) {
			if (byCode.has(a.code)) dup.add(a.code);
			byCode.set(a.code, a.value);
		}
		return { byCode, dup };
	};
	const a = index(first);
	const b = index(second);
	const duplicates = new Set([...a.dup, ...b.dup]);
	const pairs: [number, number][] = [];
	let unmatched = 0;
	for (const [code, value] of a.byCode) {
		if (duplicates.has(code)) continue;
		const other = b.byCode.get(code);
		if (other === undefined) unmatched++;
		else pairs.push([value, other]);
	}
	for (const code of b.byCode.keys()) {
		if (!duplicates.has(code) && !a.byCode.has(code)) unmatched++;
	}
	return { pairs, unmatched, duplicateCodes: [...duplicates].sort() };
}
