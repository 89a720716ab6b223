import type { Criterion } from './schema';
import { MATCH_RESULTS } from './views';
import type { Profile } from './inputs';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';
import { countryName, formatMoney, formatNumber } from '#lib/i18n/format';

/**
 * Eligibility matching: each structured criterion of a program (field / op / value, as in
 * programs.json) is checked against a business profile. A criterion is met (true), not met (false)
 * or undecided (null: the profile does not say, or the source does not say: op "unknown"). A program
 * is ineligible when any criterion is not met; "maybe" when any is undecided; when all are met,
 * eligible only if the sources list every condition (`criteriaComplete`), else "likely" (confirm with
 * the operator). Whatever the criteria say, a closed program is "closed" and one whose status is not
 * known is "unknown_status" (never presented as open), unless a criterion already rules it out.
 */

export type MatchResult = (typeof MATCH_RESULTS)[number];

export interface CriterionOutcome {
	field: string;
	op: Criterion['op'];
	value: unknown;
	note?: string;
	/** The profile's value (undefined when not given). */
	actual: unknown;
	met: boolean | null;
	/** Why undecided: the user did not say ("profile") or the source does not say ("source"). */
	unknownBecause?: 'profile' | 'source';
}

export interface ProgramForMatch {
	country: string;
	countries: string[];
	regions: string[];
	criteria: Criterion[];
	criteriaComplete?: boolean;
	/** ongoing | open | closed | in_force | unknown; absent: judged on the criteria alone. */
	status?: string;
	verification?: string;
	/** The last dated deadline (ISO date), and today, to tell an open round that has ended. */
	lastDeadline?: string | null;
	today?: string;
}

/** Whether one can apply now, as far as the data says. */
function availability(p: ProgramForMatch): 'open' | 'closed' | 'unknown' {
	if (p.status === undefined) return 'open';
	if (p.status === 'closed' || p.verification === 'historical') return 'closed';
	if (p.status === 'open' && p.lastDeadline && p.today && p.lastDeadline < p.today) return 'closed';
	if (p.status === 'ongoing' || p.status === 'open') return 'open';
	return 'unknown';
}

const isGiven = (v: unknown) =>
	v !== undefined && v !== null && v !== '' && !(typeof v === 'number' && Number.isNaN(v));

function check(op: Criterion['op'], value: unknown, actual: unknown): boolean | null {
	if (op === 'unknown') return null;
	if (!isGiven(actual)) return null;
	const list = Array.isArray(value) ? value : [value];
	switch (op) {
		case 'eq':
			return actual === value;
		case 'in':
			return list.includes(actual);
		case 'not_in':
			return !list.includes(actual);
		case 'gte':
			return typeof actual === 'number' && typeof value === 'number' ? actual >= value : null;
		case 'lte':
			return typeof actual === 'number' && typeof value === 'number' ? actual <= value : null;
		case 'any_of': {
			const have = Array.isArray(actual) ? actual : [actual];
			return have.some((v) => list.includes(v));
		}
		default:
			return null;
	}
}

/** The criteria a program implies beyond its list: its country (or countries) and its regions. */
function implicitCriteria(program: ProgramForMatch): Criterion[] {
	const out: Criterion[] = [];
	if (!program.criteria.some((c) => c.field === 'country')) {
		if (program.country === 'REGIONAL') {
			if (program.countries.length) out.push({ field: 'country', op: 'in', value: program.countries });
		} else out.push({ field: 'country', op: 'eq', value: program.country });
	}
	if (program.regions.length && !program.criteria.some((c) => c.field === 'region'))
		out.push({ field: 'region', op: 'in', value: program.regions });
	return out;
}

export function evaluate(
	program: ProgramForMatch,
	profile: Profile
): { result: MatchResult; outcomes: CriterionOutcome[] } {
	const criteria = [...implicitCriteria(program), ...program.criteria];
	const outcomes = criteria.map((c): CriterionOutcome => {
		const actual = (profile as Record<string, unknown>)[c.field];
		const met = check(c.op, c.value, actual);
		return {
			field: c.field,
			op: c.op,
			value: c.value,
			note: c.note,
			actual,
			met,
			unknownBecause: met === null ? (c.op === 'unknown' ? 'source' : 'profile') : undefined
		};
	});
	const open = availability(program);
	const result: MatchResult =
		open === 'closed'
			? 'closed'
			: outcomes.some((o) => o.met === false)
				? 'ineligible'
				: open === 'unknown'
					? 'unknown_status'
					: outcomes.some((o) => o.met === null)
						? 'maybe'
						: program.criteriaComplete === false
							? 'likely'
							: 'eligible';
	return { result, outcomes };
}

export const RESULT_ORDER: Record<MatchResult, number> = {
	eligible: 0,
	likely: 1,
	maybe: 2,
	unknown_status: 3,
	ineligible: 4,
	closed: 5
};

const FIELD_KEYS: Record<string, MessageKey> = {
	country: 'programs_field_country',
	region: 'programs_field_region',
	businessForm: 'programs_field_businessForm',
	monthsOperating: 'programs_field_monthsOperating',
	annualTurnover: 'programs_field_annualTurnover',
	employees: 'programs_field_employees',
	sector: 'programs_field_sector',
	womanLed: 'programs_field_womanLed',
	womenFoundersShare: 'programs_field_womenFoundersShare',
	socialEnterprise: 'programs_field_socialEnterprise',
	groups: 'programs_field_groups',
	lowIncomeFamily: 'programs_field_lowIncomeFamily'
};

export function fieldLabel(locale: Locale, field: string): string {
	const key = FIELD_KEYS[field];
	return key ? t(locale, key) : field;
}

/** One value in words: enum labels, country names, money, yes/no, shares as percent. */
export function valueText(
	locale: Locale,
	field: string,
	value: unknown,
	regionName: (code: string) => string,
	currency: string | null
): string {
	if (Array.isArray(value))
		return value.map((v) => valueText(locale, field, v, regionName, currency)).join(', ');
	if (typeof value === 'boolean') return t(locale, value ? 'programs_yes' : 'programs_no');
	if (typeof value === 'number') {
		if (field === 'annualTurnover' && currency) return formatMoney(locale, value, currency);
		if (field === 'womenFoundersShare') return formatNumber(locale, value, { style: 'percent' });
		if (field === 'monthsOperating') return t(locale, 'programs_months', { count: value });
		return formatNumber(locale, value);
	}
	const v = String(value);
	if (field === 'country') return countryName(locale, v);
	if (field === 'region') return regionName(v);
	const prefix: Record<string, string> = {
		businessForm: 'programs_form_',
		sector: 'programs_sector_',
		groups: 'programs_group_'
	};
	if (prefix[field]) {
		const key = `${prefix[field]}${v}` as MessageKey;
		const text = t(locale, key);
		return text === key ? v : text;
	}
	return v;
}

/**
 * A criterion's requirement in words ("Business form: one of individual, farm (note)"): the one
 * wording of a requirement, used by the program page and inside every eligibility reason.
 */
function requirementWords(
	locale: Locale,
	c: { field: string; op: string; value?: unknown; note?: string },
	regionName: (code: string) => string,
	currency: string | null
): string {
	const value = valueText(locale, c.field, c.value, regionName, currency);
	const requirement =
		typeof c.value === 'boolean' && c.op === 'eq'
			? t(locale, c.value ? 'programs_req_true' : 'programs_req_false')
			: t(locale, `programs_req_${c.op}` as MessageKey, { value });
	return requirement + (c.note ? ` (${c.note})` : '');
}

/** A criterion as the program page lists it: "field: requirement", or that the source is silent. */
export function requirementText(
	locale: Locale,
	c: { field: string; op: string; value?: unknown; note?: string },
	regionName: (code: string) => string,
	currency: string | null
): string {
	const field = fieldLabel(locale, c.field);
	if (c.op === 'unknown') return t(locale, 'programs_reason_source_silent', { field });
	return `${field}: ${requirementWords(locale, c, regionName, currency)}`;
}

/** The reason for one criterion, in the user's language. */
export function reasonText(
	locale: Locale,
	o: CriterionOutcome,
	regionName: (code: string) => string,
	currency: string | null
): string {
	const field = fieldLabel(locale, o.field);
	if (o.op === 'unknown') return t(locale, 'programs_reason_source_silent', { field });
	const requirement = requirementWords(locale, o, regionName, currency);
	if (o.met === null) return t(locale, 'programs_reason_unknown', { field, requirement });
	const actual = valueText(locale, o.field, o.actual, regionName, currency);
	return t(locale, o.met ? 'programs_reason_met' : 'programs_reason_unmet', { field, requirement, actual });
}
