import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { annuityPayment, computeLoan, type LoanTerms } from './loan';
import { monthlyIrr } from './irr';

const terms = (over: Partial<LoanTerms>): LoanTerms => ({
	amount: 100_000,
	ratePercent: 12,
	months: 12,
	method: 'annuity',
	feeOnce: 0,
	feeMonthly: 0,
	graceMonths: 0,
	digits: 2,
	...over
});
const sum = (values: number[]) => Math.round(values.reduce((s, v) => s + v * 100, 0)) / 100;

describe('annuity loan, worked by hand', () => {
	it('100,000 at 12 % for 12 months pays 8,884.88 a month', () => {
		// i = 12 % / 12 = 0.01; (1.01)^12 = 1.126825030…;
		// P = A·i·(1+i)^n / ((1+i)^n − 1) = 100000 · 0.01 · 1.126825030 / 0.126825030 = 8884.8788 → 8,884.88.
		// Month 1: interest 100000 · 0.01 = 1000.00, principal 8884.88 − 1000 = 7884.88, balance 92115.12.
		// Month 2: interest 92115.12 · 0.01 = 921.1512 → 921.15, principal 7963.73, balance 84151.39.
		const r = computeLoan(terms({}));
		expect(r.payment).toBe(8884.88);
		expect(r.schedule[0]).toEqual({
			month: 1,
			principal: 7884.88,
			interest: 1000,
			fee: 0,
			payment: 8884.88,
			balance: 92115.12
		});
		expect(r.schedule[1]).toMatchObject({ principal: 7963.73, interest: 921.15, balance: 84151.39 });
		// The last payment repays what is left: 8796.88 of principal and 8796.88 · 0.01 = 87.97 interest.
		expect(r.schedule[11]).toEqual({
			month: 12,
			principal: 8796.88,
			interest: 87.97,
			fee: 0,
			payment: 8884.85,
			balance: 0
		});
		// Without fees the effective rate is the nominal monthly rate compounded: 1.01^12 − 1 = 12.6825 %
		// (the cent roundings of the payments move it by less than 0.0001 %; to one decimal 12.7 %).
		expect(r.effectiveRate).toBeCloseTo(12.6825, 3);
	});

	it('computes the payment exactly before rounding it once', () => {
		// 1000 at 0 % over 3 months: 333.333… → 333.33, the last payment 333.34.
		expect(annuityPayment(100_000n, { n: 0n, d: 1n }, 3)).toBe(33_333n);
		const r = computeLoan(terms({ amount: 1000, ratePercent: 0, months: 3 }));
		expect(r.schedule.map((row) => row.payment)).toEqual([333.33, 333.33, 333.34]);
		expect(r.effectiveRate).toBe(0);
	});

	it('grace months pay interest only, then the annuity runs over the months left', () => {
		// 12,000 at 12 % for 6 months, 2 of grace: months 1–2 pay 120.00 interest each; then the annuity
		// on 12,000 over 4 months: 1.01^4 = 1.04060401, 120 · 1.04060401 / 0.04060401 = 3075.3731… → 3,075.37.
		const r = computeLoan(terms({ amount: 12_000, months: 6, graceMonths: 2 }));
		expect(r.schedule.slice(0, 2).map((row) => [row.principal, row.interest, row.balance])).toEqual([
			[0, 120, 12_000],
			[0, 120, 12_000]
		]);
		expect(r.payment).toBe(3075.37);
		expect(r.schedule[2]).toMatchObject({ interest: 120, principal: 2955.37 });
		expect(r.schedule[5].balance).toBe(0);
	});
});

describe('differentiated loan, worked by hand', () => {
	it('120,000 at 12 % for 12 months: 10,000 of principal a month, interest falling by 100', () => {
		// Principal 120000 / 12 = 10000 a month. Interest on the balance at 1 %: 1200, 1100, …, 100.
		// Payments 11200, 11100, …, 10100; interest in total 1200 + 1100 + … + 100 = 7800.
		const r = computeLoan(terms({ amount: 120_000, method: 'differentiated' }));
		expect(r.schedule.map((row) => row.interest)).toEqual([
			1200, 1100, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100
		]);
		expect(r.schedule.map((row) => row.payment)).toEqual([
			11200, 11100, 11000, 10900, 10800, 10700, 10600, 10500, 10400, 10300, 10200, 10100
		]);
		expect(r.payment).toBe(11_200);
		expect(r.totalInterest).toBe(7800);
		expect(r.totalCost).toBe(7800);
		expect(r.schedule.at(-1)?.balance).toBe(0);
	});
});

describe('effective annual rate from the full cash flows', () => {
	it('a one-month loan with a one-off fee', () => {
		// 1000 at 12 % for 1 month with a fee of 10: she receives 990 and pays 1000 + 10 interest = 1010.
		// Monthly IRR: 990 = 1010 / (1 + i) → i = 1010 / 990 − 1 = 0.0202020…;
		// effective = (1010 / 990)^12 − 1 = 27.1497… %.
		const r = computeLoan(terms({ amount: 1000, months: 1, feeOnce: 10 }));
		expect(r.received).toBe(990);
		expect(r.totalPaid).toBe(1020);
		expect(r.totalCost).toBe(20);
		expect(r.monthlyRate).toBeCloseTo(1010 / 990 - 1, 12);
		expect(r.effectiveRate).toBeCloseTo(((1010 / 990) ** 12 - 1) * 100, 9);
	});

	it('an interest-free loan with a one-off fee costs about 1.9 % a year', () => {
		// 12,000 at 0 % for 12 months, one-off fee 120: she receives 11,880 and pays 1,000 a month.
		// Σ 1000 / (1+i)^k = 11880. For small i, Σ (1+i)^−k ≈ 12 − 78 i + 364 i² (78 = Σk, 364 = Σ k(k+1)/2):
		// 78 i − 364 i² = 0.12 → i ≈ 0.0015497; (1.0015497)^12 − 1 ≈ 1.8755 % → 1.9 % to one decimal.
		const r = computeLoan(terms({ amount: 12_000, ratePercent: 0, feeOnce: 120 }));
		expect(r.monthlyRate).toBeCloseTo(0.0015497, 6);
		expect(r.effectiveRate).toBeCloseTo(1.8755, 3);
	});

	it('solves the cash flows to within 1e-12 (NPV at the answer is 0)', () => {
		const payments = [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500];
		const i = monthlyIrr(5000, payments);
		const npv = payments.reduce((s, p, k) => s - p / (1 + i) ** (k + 1), 5000);
		expect(Math.abs(npv)).toBeLessThan(1e-9);
		expect(i).toBeGreaterThan(0.02);
	});
});

describe('loan properties (fast-check)', () => {
	const loan = fc.record({
		amount: fc.integer({ min: 1, max: 1_000_000_000 }).map((cents) => cents / 100),
		ratePercent: fc.integer({ min: 0, max: 1_000_000 }).map((v) => v / 10_000),
		months: fc.integer({ min: 1, max: 360 }),
		grace: fc.integer({ min: 0, max: 24 }),
		method: fc.constantFrom('annuity' as const, 'differentiated' as const),
		feeMonthly: fc.integer({ min: 0, max: 10_000 }).map((cents) => cents / 100),
		feeOnceShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
		uzs: fc.boolean()
	});
	type GeneratedLoan = typeof loan extends fc.Arbitrary<infer T> ? T : never;
	const toTerms = (l: GeneratedLoan): LoanTerms => {
		const digits = l.uzs ? 0 : 2;
		const amount = l.uzs ? Math.max(1, Math.round(l.amount)) : l.amount;
		const feeOnce = Math.floor(amount * l.feeOnceShare * 10 ** digits) / 10 ** digits;
		return {
			amount,
			ratePercent: l.ratePercent,
			months: l.months,
			graceMonths: Math.min(l.grace, l.months - 1),
			method: l.method,
			feeMonthly: l.uzs ? Math.round(l.feeMonthly) : l.feeMonthly,
			feeOnce: feeOnce < amount ? feeOnce : 0,
			digits
		};
	};

	it('repays exactly the amount, ends at a balance of exactly 0, never a negative amount', () => {
		fc.assert(
			fc.property(loan, (l) => {
				const t = toTerms(l);
				const r = computeLoan(t);
				const negative = r.schedule.filter(
					(row) => Math.min(row.principal, row.interest, row.fee, row.payment, row.balance) < 0
				);
				const unbalanced = r.schedule.filter(
					(row) => sum([row.principal, row.interest, row.fee]) !== row.payment
				);
				expect({
					repaid: sum(r.schedule.map((row) => row.principal)),
					last: r.schedule.at(-1)?.balance,
					months: r.schedule.length,
					negative,
					unbalanced,
					cost: sum([r.totalPaid, -t.amount])
				}).toEqual({
					repaid: t.amount,
					last: 0,
					months: t.months,
					negative: [],
					unbalanced: [],
					cost: r.totalCost
				});
			}),
			{ numRuns: 200 }
		);
	});

	it('zero rate and zero fees: the effective rate is 0', () => {
		fc.assert(
			fc.property(loan, (l) => {
				const r = computeLoan({ ...toTerms(l), ratePercent: 0, feeMonthly: 0, feeOnce: 0 });
				expect(r.effectiveRate).toBe(0);
				expect(r.totalCost).toBe(0);
			}),
			{ numRuns: 200 }
		);
	});

	it('with fees the effective rate is at least the nominal rate', () => {
		// Rounding each month's interest to the minor unit can shift the cash flows by at most half a
		// minor unit a month, so the property is stated for fees that outweigh that: a monthly fee of at
		// least one minor unit, or a one-off fee of at least one minor unit per month of the term. Then the
		// flows at the nominal monthly rate are worth less to her than she received, so their IRR is above
		// it, and (1 + i)^12 − 1 ≥ 12 i = the nominal rate.
		fc.assert(
			fc.property(loan, fc.boolean(), (l, monthlyFee) => {
				const t = toTerms(l);
				const unit = 1 / 10 ** t.digits;
				const feeMonthly = monthlyFee ? Math.max(t.feeMonthly, unit) : 0;
				const feeOnce = monthlyFee ? t.feeOnce : Math.max(t.feeOnce, t.months * unit);
				if (feeOnce >= t.amount) return;
				const r = computeLoan({ ...t, feeMonthly, feeOnce });
				expect(r.effectiveRate).toBeGreaterThanOrEqual(t.ratePercent - 1e-9);
			}),
			{ numRuns: 200 }
		);
	});
});
