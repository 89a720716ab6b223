import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '#lib/server/testing';
import { AppError } from '#lib/server/core';
import { programs } from './index';
import { openProgramsDb, programsActors, expectCode } from './testing';

// Eligibility matching (split from the former programs.integration.spec.ts; shared set-up in ./testing.ts).
let db: TestDb;
beforeAll(async () => {
	db = await openProgramsDb();
});
afterAll(async () => db?.close());
const { anon, entrepreneur, kgStaff } = programsActors(() => db);

describe('eligibility matching', () => {
	const find = (items: Awaited<ReturnType<typeof programs.matchPrograms>>, slug: string) =>
		items.find((i) => i.slug === slug)!;

	it('applies eq, in, not_in, gte, lte and any_of, with a reason per criterion', async () => {
		const ctx = anon();
		const fits = await programs.matchPrograms(ctx, {
			country: 'KG',
			businessForm: 'individual',
			monthsOperating: 12,
			annualTurnover: 5_000_000,
			sector: 'crafts'
		});
		const loans = find(fits, 'kg-msme-interest-free-loans');
		expect(loans.result).toBe('eligible'); // eq, in, gte, lte, not_in all met
		expect(loans.reasons).toHaveLength(5);
		expect(loans.reasons.every((r) => r.met === true)).toBe(true);
		expect(loans.maxAmount).toMatch(/3[\s\u00a0,.]?000[\s\u00a0,.]?000/);

		const tooYoung = find(
			await programs.matchPrograms(ctx, {
				country: 'KG',
				businessForm: 'individual',
				monthsOperating: 3,
				annualTurnover: 1,
				sector: 'crafts'
			}),
			'kg-msme-interest-free-loans'
		);
		expect(tooYoung.result).toBe('ineligible');
		expect(tooYoung.reasons.find((r) => r.field === 'monthsOperating')?.met).toBe(false);

		const tooBig = find(
			await programs.matchPrograms(ctx, {
				country: 'KG',
				businessForm: 'legal_entity',
				monthsOperating: 30,
				annualTurnover: 40_000_000,
				sector: 'crafts'
			}),
			'kg-msme-interest-free-loans'
		);
		expect(tooBig.reasons.find((r) => r.field === 'annualTurnover')?.met).toBe(false);

		const farm = find(
			await programs.matchPrograms(ctx, { country: 'KG', businessForm: 'farm', sector: 'agriculture' }),
			'kg-msme-interest-free-loans'
		);
		expect(farm.reasons.find((r) => r.field === 'businessForm')?.met).toBe(false); // in
		expect(farm.reasons.find((r) => r.field === 'sector')?.met).toBe(false); // not_in

		const ideas = await programs.matchPrograms(ctx, { country: 'KZ', groups: ['returning_migrant'] });
		// any_of met; the program's status is not known, so it is not presented as open.
		expect(find(ideas, 'kz-new-business-ideas-grants').reasons.find((r) => r.field === 'groups')?.met).toBe(
			true
		);
		expect(find(ideas, 'kz-new-business-ideas-grants').result).toBe('unknown_status');
		const noGroup = await programs.matchPrograms(ctx, { country: 'KZ', groups: ['none'] });
		expect(find(noGroup, 'kz-new-business-ideas-grants').result).toBe('ineligible');

		const wrongCountry = await programs.matchPrograms(ctx, { country: 'UZ' });
		expect(wrongCountry.some((i) => i.slug === 'kg-msme-interest-free-loans')).toBe(false);
	});

	it('gives maybe when a fact is unknown, and lists it as the next thing to check', async () => {
		const items = await programs.matchPrograms(anon('ru'), { country: 'KG' });
		const loans = find(items, 'kg-msme-interest-free-loans');
		expect(loans.result).toBe('maybe');
		expect(loans.reasons.filter((r) => r.met === null).length).toBe(4);
		expect(loans.next.join(' ')).toContain('Ответьте');
		expect(loans.reasons[0].text).toContain('Кыргызстан');
	});

	it('puts eligible first, then likely, maybe, status unknown, ineligible and closed', async () => {
		const items = await programs.matchPrograms(anon(), { country: 'TJ', womanLed: true });
		const order = ['eligible', 'likely', 'maybe', 'unknown_status', 'ineligible', 'closed'];
		const seq = items.map((i) => order.indexOf(i.result));
		expect(seq.every((n) => n >= 0)).toBe(true);
		expect(seq).toEqual([...seq].sort());
		// The sources of the Tajik women's grants do not list every condition: likely, never eligible.
		expect(find(items, 'tj-presidential-grants-women').result).toBe('likely');
	});

	it('says eligible only when the sources list every condition and each is met', async () => {
		const full = {
			country: 'KG',
			businessForm: 'individual',
			monthsOperating: 24,
			annualTurnover: 5_000_000,
			sector: 'crafts'
		};
		const items = await programs.matchPrograms(anon(), full);
		expect(find(items, 'kg-msme-interest-free-loans').result).toBe('eligible');
		// The same facts against a program whose conditions are not all published: likely.
		const social = find(items, 'kg-social-contract');
		expect(social.result).not.toBe('eligible');
		expect(items.filter((i) => i.result === 'likely').every((i) => i.next.length > 0)).toBe(true);
	});

	it('never calls an idea-stage business eligible for a bank credit line', async () => {
		const items = await programs.matchPrograms(anon(), {
			country: 'TJ',
			womanLed: true,
			businessForm: 'none'
		});
		expect(find(items, 'tj-ebrd-women-in-business').result).toBe('ineligible');
		expect(find(items, 'ebrd-women-in-business-central-asia').result).toBe('ineligible');
	});

	it('says closed and status unknown, never open, and rules a region out', async () => {
		const kg = await programs.matchPrograms(anon(), { country: 'KG', womanLed: true });
		expect(find(kg, 'kg-adb-womens-entrepreneurship-development').result).toBe('closed');
		// Phase V of Aid for Trade ended in 2025; whether a later phase takes applicants is not known.
		expect(find(kg, 'undp-aid-for-trade-central-asia').result).toBe('unknown_status');
		expect(find(kg, 'undp-aid-for-trade-central-asia').next[0]).toContain('operator');
		// JICA incubation is limited to its regions: another region rules it out.
		const gbao = await programs.matchPrograms(anon(), { country: 'TJ', region: 'TJ-GB' });
		expect(find(gbao, 'tj-jica-business-incubation').result).toBe('ineligible');
		const sughd = await programs.matchPrograms(anon(), { country: 'TJ', region: 'TJ-SU' });
		expect(find(sughd, 'tj-jica-business-incubation').result).toBe('unknown_status');
	});

	it('refuses bad input with a message per field in the asked language', async () => {
		const e = (await programs
			.matchPrograms(anon('ru'), { country: 'FR', monthsOperating: -1, womenFoundersShare: 3 })
			.catch((x) => x)) as AppError;
		expect(e.code).toBe('INVALID');
		expect(Object.keys(e.fields).sort()).toEqual(['country', 'monthsOperating', 'womenFoundersShare']);
	});

	it('stores nothing unless she saves her profile; then her page shows her matches', async () => {
		await expectCode(programs.saveProfile(anon(), { country: 'KG' }), 'UNAUTHENTICATED');
		const ctx = entrepreneur();
		expect(await programs.myProfile(ctx)).toBeNull();
		await programs.saveProfile(ctx, { country: 'KG', businessForm: 'individual', lowIncomeFamily: true });
		const mine = await programs.myPrograms(ctx);
		expect(mine.profile?.country).toBe('KG');
		expect(mine.matches.map((m) => m.slug)).toContain('kg-social-contract');
		expect(mine.matches.every((m) => m.result !== 'ineligible')).toBe(true);
	});

	it('refuses to save an empty profile with a message, and keeps the saved one', async () => {
		const ctx = entrepreneur();
		const before = await programs.myProfile(ctx);
		expect(before?.country).toBe('KG');
		for (const empty of [{}, { lowIncomeFamily: undefined }, undefined]) {
			const e = (await programs.saveProfile(ctx, empty).catch((x) => x)) as AppError;
			expect(e).toBeInstanceOf(AppError);
			expect(e.code).toBe('INVALID');
			expect(e.messageKey).toBe('programs_error_profile_empty');
		}
		expect(await programs.myProfile(ctx)).toEqual(before);
		// "None of these groups" is an answer: saved.
		await programs.saveProfile(kgStaff(), { groups: ['none'] });
		expect((await programs.myProfile(kgStaff()))?.groups).toEqual([]);
	});
});
