import { describe, expect, it } from 'vitest';
import { AppError, createContext } from '../../core';
import type { Db } from '#lib/server/db';
import { testPlatform } from '#lib/server/testing';
import { learning, learningModule } from './index';
import { loanView, priceView, breakEvenView } from './inputs';

// The calculators read and write nothing: a context without a database is enough.
const ctx = createContext(null as unknown as Db, testPlatform().platform, { locale: 'en' });

function fieldsOf(fn: () => unknown): Record<string, string> {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).code).toBe('INVALID');
		return Object.fromEntries(Object.entries((error as AppError).fields).map(([k, v]) => [k, v.key]));
	}
	throw new Error('expected INVALID');
}

describe('calculateLoan', () => {
	it('takes the forms people type and answers with the API view', () => {
		const r = learning.calculateLoan(ctx, {
			amount: '100 000 сом',
			ratePercent: '12,0 %',
			months: '12 ай',
			feeOnce: '',
			feeMonthly: '',
			graceMonths: '',
			method: '',
			currency: 'KGS',
			country: ''
		});
		expect(loanView.parse(r)).toBeTruthy();
		expect(r.payment).toBe(8884.88);
		expect(r.effectiveRatePercent).toBe(12.7);
		expect(r.effectiveRate).toMatchObject({ country: null, citation: null });
		expect(r.effectiveRate.name).toBe('Effective annual rate, computed by Birge from all payments');
	});

	it("names the rate with Kyrgyzstan's and Kazakhstan's terms and cites the rule", () => {
		const kg = learning.calculateLoan(ctx, { amount: 1000, ratePercent: 10, months: 6, country: 'KG' });
		expect(kg.effectiveRate.country).toBe('KG');
		expect(kg.effectiveRate.citation).toContain('33/4 of 27 August 2008');
		const kz = learning.calculateLoan(
			{ ...ctx, locale: 'ru' },
			{ amount: 1000, ratePercent: 10, months: 6, country: 'KZ' }
		);
		expect(kz.effectiveRate.name).toContain('ГЭСВ');
		expect(kz.effectiveRate.asOfResearchNotes).toBe(true);
		const tj = learning.calculateLoan(ctx, { amount: 1000, ratePercent: 10, months: 6, country: 'TJ' });
		expect(tj.effectiveRate.country).toBeNull();
	});

	it('rounds UZS to whole units', () => {
		const r = learning.calculateLoan(ctx, {
			amount: '10 000 000',
			ratePercent: 24,
			months: 7,
			currency: 'UZS'
		});
		expect(r.digits).toBe(0);
		expect(r.schedule.every((row) => Number.isInteger(row.payment) && Number.isInteger(row.interest))).toBe(
			true
		);
	});

	it('gives one message per wrong field, saying what to type', () => {
		expect(
			fieldsOf(() =>
				learning.calculateLoan(ctx, {
					amount: 'a lot',
					ratePercent: '120',
					months: '1,5',
					method: 'balloon',
					feeOnce: '-1',
					feeMonthly: 'x',
					graceMonths: '601',
					currency: 'GBP'
				})
			)
		).toEqual({
			amount: 'learning_error_money',
			ratePercent: 'learning_error_percent',
			months: 'learning_error_months',
			method: 'error_field_choice',
			feeOnce: 'learning_error_not_negative',
			feeMonthly: 'learning_error_money',
			graceMonths: 'learning_error_months_max',
			currency: 'error_field_choice'
		});
		expect(fieldsOf(() => learning.calculateLoan(ctx, {}))).toEqual({
			amount: 'error_field_required',
			ratePercent: 'error_field_required',
			months: 'error_field_required'
		});
		expect(
			fieldsOf(() => learning.calculateLoan(ctx, { amount: '0', ratePercent: '-1', months: '0' }))
		).toEqual({
			amount: 'learning_error_positive',
			ratePercent: 'learning_error_percent',
			months: 'learning_error_months_min'
		});
		expect(
			fieldsOf(() =>
				learning.calculateLoan(ctx, {
					amount: 1000,
					ratePercent: 10,
					months: 6,
					graceMonths: 6,
					feeOnce: 1000
				})
			)
		).toEqual({ graceMonths: 'learning_error_grace', feeOnce: 'learning_error_fee_once' });
	});
});

describe('calculatePrice and calculateBreakEven', () => {
	it('price with its breakdown', () => {
		const r = learning.calculatePrice(ctx, {
			materials: '350',
			hours: '2,5',
			hourlyRate: '180 сом',
			overhead: '40',
			marginPercent: '25 %'
		});
		expect(priceView.parse(r)).toBeTruthy();
		expect(r).toMatchObject({
			labour: 450,
			cost: 840,
			profit: 210,
			price: 1050,
			profitShareOfPricePercent: 20
		});
		expect(
			fieldsOf(() =>
				learning.calculatePrice(ctx, { materials: 'x', hours: '', hourlyRate: '1', marginPercent: '101' })
			)
		).toEqual({
			materials: 'learning_error_money',
			hours: 'error_field_required',
			marginPercent: 'learning_error_percent'
		});
	});

	it('break-even, and a clear message when the price does not cover the cost of a unit', () => {
		const r = learning.calculateBreakEven(ctx, { fixedCosts: '30 000', price: '250', variableCost: '130' });
		expect(breakEvenView.parse(r)).toBeTruthy();
		expect(r).toMatchObject({ units: 250, revenue: 62_500, contribution: 120 });
		expect(
			fieldsOf(() =>
				learning.calculateBreakEven(ctx, { fixedCosts: '1000', price: '100', variableCost: '120' })
			)
		).toEqual({
			price: 'learning_error_price_not_above_cost'
		});
	});
});

describe('the module definition', () => {
	it('links the home page to the courses and documents the calculator and course endpoints, with resolvable schemas', () => {
		expect(learningModule.name).toBe('learning');
		expect(learningModule.home?.path).toBe('/learn');
		const openapi = learningModule.openapi!;
		expect(Object.keys(openapi.paths).sort()).toEqual([
			'/learning/certificates/{code}',
			'/learning/courses',
			'/learning/courses/{course}',
			'/learning/courses/{course}/lessons/{lesson}',
			'/learning/progress',
			'/learning/sync',
			'/tools/break-even',
			'/tools/loan',
			'/tools/price'
		]);
		const refs = [...JSON.stringify(openapi).matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
		const known = new Set([...Object.keys(openapi.schemas ?? {}), 'Error']);
		expect(refs.filter((r) => !known.has(r))).toEqual([]);
		const loan = openapi.paths['/tools/loan'].get as { parameters: { name: string; required: boolean }[] };
		expect(loan.parameters.filter((p) => p.required).map((p) => p.name)).toEqual([
			'amount',
			'ratePercent',
			'months'
		]);
		const schema = openapi.schemas!.LoanCalculation as { required: string[] };
		expect(schema.required).toEqual(
			expect.arrayContaining(['payment', 'schedule', 'totalPaid', 'totalCost', 'effectiveRatePercent'])
		);
	});
});
