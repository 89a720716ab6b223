import { roundHalfUp, toExactDecimal, toMajor, toMinor, type Fraction } from './exact';
import { monthlyIrr } from './irr';

/**
 * The loan calculator's maths (pure; no I/O). Conventions, documented in the API too:
 * - `months` is the whole term, grace months included; `ratePercent` is nominal per year, and a month
 *   is 1/12 year, so the monthly rate is ratePercent / 1200 (at most 4 decimals of a percent are used).
 * - Grace months come first and pay interest only (and the monthly fee); the principal is then repaid
 *   over the remaining months, by equal payments (annuity) or by equal parts of principal
 *   (differentiated).
 * - Every amount is an integer of minor units; each month's interest is the balance times the monthly
 *   rate, rounded half up to the minor unit; the annuity payment is computed exactly, then rounded
 *   half up; the last payment repays whatever balance is left, so the balance ends at exactly 0.
 * - `feeOnce` is paid when the loan is given (she receives amount − feeOnce); `feeMonthly` is a fixed
 *   amount paid with every monthly payment.
 */

export const LOAN_METHODS = ['annuity', 'differentiated'] as const;
export type LoanMethod = (typeof LOAN_METHODS)[number];

export interface LoanTerms {
	/** Major units (e.g. 100000 som). */
	amount: number;
	ratePercent: number;
	months: number;
	method: LoanMethod;
	feeOnce: number;
	feeMonthly: number;
	graceMonths: number;
	/** Decimals of the currency's minor unit: 2, or 0 for UZS. */
	digits: number;
}

export interface ScheduleRow {
	month: number;
	principal: number;
	interest: number;
	fee: number;
	/** What she pays this month: principal + interest + fee. */
	payment: number;
	/** What she still owes after this payment. */
	balance: number;
}

export interface LoanResult {
	/** The regular monthly payment of principal and interest (annuity); for a differentiated loan, the first one after the grace months. */
	payment: number;
	/** The same with the monthly fee. */
	paymentWithFee: number;
	/** What she receives: amount − feeOnce. */
	received: number;
	schedule: ScheduleRow[];
	totalInterest: number;
	totalFees: number;
	/** Everything she pays: the monthly payments and the one-off fee. */
	totalPaid: number;
	/** The total cost of credit: totalPaid − amount (interest and all fees). */
	totalCost: number;
	/** Monthly internal rate of return of the cash flows, fees included (unrounded). */
	monthlyRate: number;
	/** (1 + monthlyRate)^12 − 1, in percent (unrounded). */
	effectiveRate: number;
}

/** The monthly rate ratePercent / 1200 as an exact fraction. */
function monthlyRateOf(ratePercent: number): Fraction {
	const r = toExactDecimal(ratePercent, 4);
	return { n: r.n, d: r.d * 1200n };
}

/**
 * The exact annuity payment on `principal` minor units over `count` months at monthly rate i = n/d:
 * P = A·i·(1+i)^m / ((1+i)^m − 1) = A·n·(d+n)^m / (d·((d+n)^m − d^m)), rounded half up.
 */
export function annuityPayment(principal: bigint, rate: Fraction, count: number): bigint {
	const m = BigInt(count);
	if (rate.n === 0n) return roundHalfUp(principal, m);
	const grown = (rate.d + rate.n) ** m;
	return roundHalfUp(principal * rate.n * grown, rate.d * (grown - rate.d ** m));
}

export function computeLoan(terms: LoanTerms): LoanResult {
	const { digits, months, graceMonths, method } = terms;
	const amount = toMinor(terms.amount, digits);
	const feeOnce = toMinor(terms.feeOnce, digits);
	const fee = toMinor(terms.feeMonthly, digits);
	const rate = monthlyRateOf(terms.ratePercent);
	const repaying = months - graceMonths;
	if (amount <= 0n || repaying < 1 || graceMonths < 0 || feeOnce >= amount)
		throw new RangeError('loan terms out of range');

	const interestOn = (balance: bigint) => roundHalfUp(balance * rate.n, rate.d);
	const annuity = method === 'annuity' ? annuityPayment(amount, rate, repaying) : 0n;
	const part = roundHalfUp(amount, BigInt(repaying));

	const rows: { principal: bigint; interest: bigint; payment: bigint; balance: bigint }[] = [];
	let balance = amount;
	for (let month = 1; month <= months; month++) {
		const interest = interestOn(balance);
		let principal = 0n;
		if (month > graceMonths) {
			principal = month === months ? balance : method === 'annuity' ? annuity - interest : part;
			// Rounding may leave less than a regular part: never repay more than is owed.
			if (principal > balance) principal = balance;
			if (principal < 0n) principal = 0n;
		}
		balance -= principal;
		rows.push({ principal, interest, payment: principal + interest + fee, balance });
	}

	const received = amount - feeOnce;
	const paid = rows.reduce((sum, r) => sum + r.payment, 0n);
	const totalPaid = paid + feeOnce;
	const monthly =
		paid === received
			? 0
			: monthlyIrr(
					Number(received),
					rows.map((r) => Number(r.payment))
				);
	const first = rows[graceMonths];
	const regular = method === 'annuity' ? annuity : first.principal + first.interest;
	const major = (v: bigint) => toMajor(v, digits);
	return {
		payment: major(regular),
		paymentWithFee: major(regular + fee),
		received: major(received),
		schedule: rows.map((r, index) => ({
			month: index + 1,
			principal: major(r.principal),
			interest: major(r.interest),
			fee: major(fee),
			payment: major(r.payment),
			balance: major(r.balance)
		})),
		totalInterest: major(rows.reduce((sum, r) => sum + r.interest, 0n)),
		totalFees: major(feeOnce + fee * BigInt(months)),
		totalPaid: major(totalPaid),
		totalCost: major(totalPaid - amount),
		monthlyRate: monthly,
		effectiveRate: monthly === 0 ? 0 : ((1 + monthly) ** 12 - 1) * 100
	};
}
