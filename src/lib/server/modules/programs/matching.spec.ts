import { describe, expect, it } from 'vitest';
import { evaluate, reasonText } from './matching';

const program = (criteria: Parameters<typeof evaluate>[0]['criteria'], extra = {}) => ({
	country: 'KG',
	countries: [],
	regions: [],
	criteria,
	...extra
});

describe('eligibility rules', () => {
	it.each([
		['eq', 'KG', 'KG', true],
		['eq', 'KG', 'KZ', false],
		['in', ['a', 'b'], 'b', true],
		['in', ['a', 'b'], 'c', false],
		['not_in', ['a'], 'b', true],
		['not_in', ['a'], 'a', false],
		['gte', 6, 6, true],
		['gte', 6, 5, false],
		['lte', 10, 10, true],
		['lte', 10, 11, false],
		['any_of', ['x', 'y'], ['z', 'y'], true],
		['any_of', ['x', 'y'], ['z'], false]
	] as const)('%s %j against %j → %s', (op, value, actual, met) => {
		const field = op === 'any_of' ? 'groups' : 'sector';
		const { outcomes } = evaluate(program([{ field, op, value: value as never }]), {
			[field]: actual
		} as never);
		expect(outcomes.find((o) => o.field === field)?.met).toBe(met);
	});

	it('an unknown fact or a criterion the source does not state gives maybe', () => {
		expect(evaluate(program([{ field: 'employees', op: 'gte', value: 10 }]), { country: 'KG' }).result).toBe(
			'maybe'
		);
		const silent = evaluate(program([{ field: 'sector', op: 'unknown' }]), { country: 'KG', sector: 'it' });
		expect(silent.result).toBe('maybe');
		expect(silent.outcomes[1].unknownBecause).toBe('source');
	});

	it('adds the country (or the regional list) and regions as criteria', () => {
		expect(evaluate(program([]), { country: 'KZ' }).result).toBe('ineligible');
		const regional = program([], { country: 'REGIONAL', countries: ['KG', 'TJ'] });
		expect(evaluate(regional, { country: 'TJ' }).result).toBe('eligible');
		const regions = program([], { regions: ['KG-Y'] });
		expect(evaluate(regions, { country: 'KG', region: 'KG-C' }).result).toBe('ineligible');
		expect(evaluate(regions, { country: 'KG' }).result).toBe('maybe');
	});

	it('explains each criterion in the user language', () => {
		const { outcomes } = evaluate(program([{ field: 'monthsOperating', op: 'gte', value: 6 }]), {
			country: 'KG',
			monthsOperating: 3
		});
		expect(reasonText('ru', outcomes[1], (c) => c, 'KGS')).toBe(
			'Сколько месяцев работает бизнес: не меньше 6 месяцев; у вас: 3 месяца'
		);
		expect(reasonText('en', outcomes[0], (c) => c, null)).toContain('Kyrgyzstan');
	});

	it('gives likely when every listed condition is met but the list may be incomplete', () => {
		const p = program([{ field: 'womanLed', op: 'eq', value: true }], { criteriaComplete: false });
		expect(evaluate(p, { country: 'KG', womanLed: true }).result).toBe('likely');
		expect(evaluate({ ...p, criteriaComplete: true }, { country: 'KG', womanLed: true }).result).toBe(
			'eligible'
		);
		expect(evaluate(p, { country: 'KG' }).result).toBe('maybe');
		expect(evaluate(p, { country: 'KG', womanLed: false }).result).toBe('ineligible');
	});

	it('never presents a closed program or one of unknown status as open', () => {
		const p = program([], { criteriaComplete: true });
		expect(evaluate({ ...p, status: 'closed' }, { country: 'KG' }).result).toBe('closed');
		expect(evaluate({ ...p, status: 'ongoing', verification: 'historical' }, { country: 'KG' }).result).toBe(
			'closed'
		);
		expect(evaluate({ ...p, status: 'unknown' }, { country: 'KG' }).result).toBe('unknown_status');
		expect(evaluate({ ...p, status: 'unknown' }, { country: 'KZ' }).result).toBe('ineligible');
		const ended = { ...p, status: 'open', lastDeadline: '2026-01-31', today: '2026-12-01' };
		expect(evaluate(ended, { country: 'KG' }).result).toBe('closed');
		expect(evaluate({ ...ended, today: '2026-01-15' }, { country: 'KG' }).result).toBe('eligible');
	});
});
