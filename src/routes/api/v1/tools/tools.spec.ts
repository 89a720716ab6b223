import { describe, expect, it } from 'vitest';
import { createContext } from '#lib/server/core';
import type { Db } from '#lib/server/db';
import { testPlatform } from '#lib/server/testing';
import { t } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';
import { GET as loan } from './loan/+server';
import { GET as price } from './price/+server';
import { GET as breakEven } from './break-even/+server';

// The endpoints as SvelteKit calls them: the request's negotiated locale in locals, the query in the URL.
type Handler = (event: { locals: App.Locals; url: URL }) => Response | Promise<Response>;
async function call(handler: unknown, query: string, locale: Locale = 'en') {
	const locals = {
		locale,
		ctx: createContext(null as unknown as Db, testPlatform().platform, { locale })
	} as App.Locals;
	const url = new URL(`http://birge.test/api/v1/tools/x?${query}`);
	const res = await (handler as Handler)({ locals, url });
	return { status: res.status, body: await res.json() };
}

describe('GET /api/v1/tools/loan', () => {
	it('reads "100,000" typed with a comma grouping as 100000, not 100', async () => {
		const grouped = await call(loan, `amount=${encodeURIComponent('100,000')}&ratePercent=12&months=12`);
		const plain = await call(loan, 'amount=100000&ratePercent=12&months=12');
		expect(grouped.status).toBe(200);
		expect(grouped.body.payment).toBe(8884.88);
		expect(grouped.body).toEqual(plain.body);
	});

	it('200: payment, schedule, totals and the effective rate', async () => {
		const { status, body } = await call(
			loan,
			'amount=100000&ratePercent=12&months=12&method=annuity&feeOnce=1000&feeMonthly=100&graceMonths=0'
		);
		expect(status).toBe(200);
		expect(Object.keys(body).sort()).toEqual(
			[
				'currency',
				'digits',
				'effectiveRate',
				'effectiveRatePercent',
				'payment',
				'paymentWithFee',
				'received',
				'schedule',
				'totalCost',
				'totalFees',
				'totalInterest',
				'totalPaid'
			].sort()
		);
		expect(body.payment).toBe(8884.88);
		expect(body.schedule).toHaveLength(12);
		expect(Object.keys(body.schedule[0]).sort()).toEqual(
			['balance', 'fee', 'interest', 'month', 'payment', 'principal'].sort()
		);
		expect(body.schedule[0]).toEqual({
			month: 1,
			principal: 7884.88,
			interest: 1000,
			fee: 100,
			payment: 8984.88,
			balance: 92115.12
		});
		expect(body.schedule[11].balance).toBe(0);
		// 11 × 8984.88 + 8984.85 + the one-off fee 1000 = 108,818.53; its cost over the amount 8,818.53.
		expect(body.totalPaid).toBe(108_818.53);
		expect(body.totalCost).toBe(8818.53);
		expect(body.effectiveRatePercent).toBeGreaterThan(12.7);
	});

	it('zero rate and no fees: effective rate 0', async () => {
		const { body } = await call(loan, 'amount=1200&ratePercent=0&months=12');
		expect(body.effectiveRatePercent).toBe(0);
		expect(body.totalCost).toBe(0);
	});

	it('400 with a message per field, in the language of ?locale=, ?lang= or Accept-Language', async () => {
		const query = 'amount=lots&ratePercent=101&months=0&graceMonths=x&method=balloon';
		for (const [q, locale, expected] of [
			[`${query}&locale=ky`, 'en', 'ky'],
			[`${query}&lang=uz`, 'en', 'uz'],
			[query, 'ru', 'ru']
		] as const) {
			const { status, body } = await call(loan, q, locale);
			expect(status).toBe(400);
			expect(body.error.code).toBe('INVALID');
			expect(body.error.fields).toEqual({
				amount: t(expected, 'learning_error_money'),
				ratePercent: t(expected, 'learning_error_percent'),
				months: t(expected, 'learning_error_months_min'),
				graceMonths: t(expected, 'learning_error_months'),
				method: t(expected, 'error_field_choice')
			});
		}
	});
});

describe('GET /api/v1/tools/price and /break-even', () => {
	it('200 shapes', async () => {
		const p = await call(
			price,
			'materials=350&hours=2,5&hourlyRate=180&overhead=40&marginPercent=25&currency=KGS'
		);
		expect(p.status).toBe(200);
		expect(p.body).toEqual({
			materials: 350,
			labour: 450,
			overhead: 40,
			cost: 840,
			profit: 210,
			price: 1050,
			profitShareOfPricePercent: 20,
			currency: 'KGS',
			digits: 2
		});
		const b = await call(breakEven, 'fixedCosts=30000&price=250&variableCost=130');
		expect(b.body).toEqual({ contribution: 120, units: 250, revenue: 62_500, currency: null, digits: 2 });
	});

	it('400 per field', async () => {
		const p = await call(price, 'materials=&hours=abc&hourlyRate=-1&marginPercent=200', 'ru');
		expect(p.status).toBe(400);
		expect(p.body.error.fields).toEqual({
			materials: t('ru', 'error_field_required'),
			hours: t('ru', 'learning_error_hours'),
			hourlyRate: t('ru', 'learning_error_not_negative'),
			marginPercent: t('ru', 'learning_error_percent')
		});
		const b = await call(breakEven, 'fixedCosts=1000&price=100&variableCost=150', 'kk');
		expect(b.status).toBe(400);
		expect(b.body.error.message).toBe(t('kk', 'learning_breakeven_never'));
		expect(b.body.error.fields).toEqual({ price: t('kk', 'learning_error_price_not_above_cost') });
	});
});
