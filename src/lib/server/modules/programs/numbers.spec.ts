import { describe, expect, it } from 'vitest';
import { readTypedNumber } from './numbers';
import { parseInput } from '../../core';
import { profileFromForm, profileInput } from './inputs';

describe('numbers as people type them', () => {
	it.each([
		['3 жыл', 36],
		['3 жил', 36],
		['2 года', 24],
		['2 года 6 месяцев', 30],
		['1,5 года', 18],
		['18', 18],
		['6 ай', 6],
		['3 yil', 36],
		['2 сол', 24],
		['4 years', 48]
	])('months: %s → %d', (raw, n) => expect(readTypedNumber(raw, 'months')).toBe(n));

	it.each([
		['600 000 сом', 600000],
		['600\u00a0000', 600000],
		['600,000', 600000],
		['1 000 000 теңге', 1000000],
		['1,5 млн', 1500000],
		['2 млн сум', 2000000],
		['250 мың', 250000],
		['12,5', 12.5],
		['1.000.000', 1000000],
		['600 000 soʻm', 600000]
	])('money: %s → %d', (raw, n) => expect(readTypedNumber(raw, 'money')).toBe(n));

	it('percent, and what it cannot read', () => {
		expect(readTypedNumber('51 %', 'percent')).toBe(51);
		expect(readTypedNumber('50,5', 'percent')).toBe(50.5);
		expect(readTypedNumber('много', 'money')).toBeNull();
		expect(readTypedNumber('3 жыл', 'money')).toBeNull();
		expect(readTypedNumber('', 'count')).toBeNull();
		expect(readTypedNumber('-3', 'count')).toBeNull();
	});

	it('reads the check form: "3 жыл", "600 000 сом", a percentage 0–100', () => {
		const form = new URLSearchParams({
			monthsOperating: '3 жыл',
			annualTurnover: '600 000 сом',
			womenFoundersPercent: '60'
		});
		expect(parseInput(profileInput, profileFromForm(form))).toMatchObject({
			monthsOperating: 36,
			annualTurnover: 600000,
			womenFoundersShare: 0.6
		});
		const bad = new URLSearchParams({ monthsOperating: 'давно', womenFoundersPercent: '150' });
		const e = (() => {
			try {
				parseInput(profileInput, profileFromForm(bad));
			} catch (x) {
				return x as { fields: Record<string, { key: string }> };
			}
		})();
		expect(e?.fields.monthsOperating.key).toBe('programs_error_months');
		expect(e?.fields.womenFoundersShare.key).toBe('programs_error_share');
	});
});
