/**
 * The monthly internal rate of return of a loan's cash flows: she receives `received` at month 0 and
 * pays `payments[k - 1]` at month k. It is the rate i at which
 *
 *   f(i) = received − Σ payments[k − 1] / (1 + i)^k = 0.
 *
 * With non-negative payments f rises strictly from −∞ (i → −1) to `received` (i → ∞), so there is
 * exactly one root. It is bracketed first (the interval is doubled until f changes sign), then found by
 * Newton steps that are kept inside the bracket, falling back to bisection when a step would leave it
 * (the usual safeguarded Newton method). The answer is exact to about 1e-13.
 */
export function monthlyIrr(received: number, payments: readonly number[]): number {
	if (!(received > 0)) throw new RangeError('received must be positive');
	const total = payments.reduce((s, p) => s + p, 0);
	if (total === received) return 0;
	const f = (i: number) => {
		let value = received;
		let slope = 0;
		let discount = 1;
		const v = 1 / (1 + i);
		for (let k = 0; k < payments.length; k++) {
			discount *= v;
			value -= payments[k] * discount;
			// d/di of −p·(1+i)^−(k+1) is (k+1)·p·(1+i)^−(k+2)
			slope += (k + 1) * payments[k] * discount * v;
		}
		return { value, slope };
	};
	// Bracket: f(lo) < 0 < f(hi).
	let lo: number;
	let hi: number;
	if (total > received) {
		lo = 0;
		hi = 0.01;
		while (f(hi).value < 0) {
			lo = hi;
			hi *= 2;
			if (hi > 1e6) throw new RangeError('no rate below 10^8 % a month');
		}
	} else {
		hi = 0;
		lo = -0.5;
		while (f(lo).value > 0) {
			hi = lo;
			lo = -1 + (1 + lo) / 2;
			if (lo <= -1 + 1e-12) throw new RangeError('no rate above −100 % a month');
		}
	}
	let i = (lo + hi) / 2;
	for (let step = 0; step < 200; step++) {
		const { value, slope } = f(i);
		if (value === 0) return i;
		if (value < 0) lo = i;
		else hi = i;
		let next = slope > 0 ? i - value / slope : NaN;
		if (!(next > lo && next < hi)) next = (lo + hi) / 2;
		if (Math.abs(next - i) <= 1e-15 * Math.max(1, Math.abs(i)) || hi - lo <= 1e-15) return next;
		i = next;
	}
	return i;
}
