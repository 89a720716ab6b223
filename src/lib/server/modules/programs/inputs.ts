import { z } from 'zod';
import { i18nTextSchema } from '../../core/text';
import { httpUrl } from '../../core/validation';
import { LOCALES as LOCALE_LIST } from '#lib/i18n/locales';
import { readTypedNumber, type NumberUnit } from './numbers';
import { CRITERION_OPS, PROGRAM_COUNTRIES, PROGRAM_KINDS, PROGRAM_STATUSES, VERIFICATIONS } from './schema';

export const BUSINESS_FORMS = ['none', 'individual', 'legal_entity', 'cooperative', 'farm'] as const;
export const SECTORS = [
	'agriculture',
	'crafts',
	'food',
	'trade',
	'services',
	'manufacturing',
	'tourism',
	'it',
	'other'
] as const;
export const GROUPS = [
	'large_family',
	'disability',
	'carer_of_disabled_child',
	'low_income',
	'lost_breadwinner',
	'returning_migrant',
	'youth',
	'rural'
] as const;
export const PROFILE_COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export const PROFILE_FIELDS = [
	'country',
	'region',
	'businessForm',
	'monthsOperating',
	'annualTurnover',
	'employees',
	'sector',
	'womanLed',
	'womenFoundersShare',
	'socialEnterprise',
	'groups',
	'lowIncomeFamily'
] as const;

/** Empty form values mean "not said" (unknown), never zero or false. */
const blank = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : v);
const num = (v: unknown) => {
	const b = blank(v);
	if (typeof b === 'string') {
		const n = Number(b.replace(/[\s\u00a0,]/g, ''));
		return Number.isFinite(n) ? n : b;
	}
	return b;
};
const bool = (v: unknown) => {
	const b = blank(v);
	if (b === 'yes' || b === 'true' || b === 'on') return true;
	if (b === 'no' || b === 'false') return false;
	if (b === 'unknown') return undefined;
	return b;
};

/** A number as typed in the check form ("3 жыл", "600 000 сом"); what cannot be read stays text. */
const typed = (unit: NumberUnit) => (v: unknown) => {
	const b = blank(v);
	if (typeof b !== 'string') return b;
	return readTypedNumber(b, unit) ?? b;
};

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess(blank, z.enum(values).optional());

/** A business profile (programs.json's profileFields); every field optional: unknown facts give "maybe". */
export const profileInput = z.object({
	country: optionalEnum(PROFILE_COUNTRIES),
	region: z
		.preprocess(
			blank,
			z
				.string()
				.trim()
				.regex(/^[A-Z]{2}-[A-Z0-9-]{1,12}$/)
				.optional()
		)
		.meta({ description: 'ISO 3166-2 code' }),
	businessForm: optionalEnum(BUSINESS_FORMS),
	monthsOperating: z
		.preprocess(
			typed('months'),
			z
				.number({ error: 'programs_error_months' })
				.int()
				.min(0, { error: 'programs_error_months' })
				.max(1200, { error: 'programs_error_months' })
				.optional()
		)
		.meta({ description: 'Months in business; a form may send "3 years" in words' }),
	annualTurnover: z
		.preprocess(
			typed('money'),
			z
				.number({ error: 'programs_error_money' })
				.min(0, { error: 'programs_error_money' })
				.max(1e13, { error: 'programs_error_money' })
				.optional()
		)
		.meta({ description: "In the country's currency" }),
	employees: z.preprocess(
		typed('count'),
		z
			.number({ error: 'programs_error_count' })
			.int({ error: 'programs_error_count' })
			.min(0, { error: 'programs_error_count' })
			.max(100000, { error: 'programs_error_count' })
			.optional()
	),
	sector: optionalEnum(SECTORS),
	womanLed: z.preprocess(bool, z.boolean().optional()),
	womenFoundersShare: z
		.preprocess(num, z.number({ error: 'programs_error_share' }).min(0).max(1).optional())
		.meta({ description: 'A share from 0 to 1 (the check form asks for a percentage, 0–100)' }),
	socialEnterprise: z.preprocess(bool, z.boolean().optional()),
	groups: z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? v : [v]),
		z.array(z.enum([...GROUPS, 'none'])).optional()
	),
	lowIncomeFamily: z.preprocess(bool, z.boolean().optional())
});
export type Profile = Omit<z.infer<typeof profileInput>, 'groups'> & { groups?: string[] };

/** The check form posts a percentage for the women founders' share and "none" for no group. */
export function profileFromForm(form: URLSearchParams | FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of PROFILE_FIELDS) {
		if (field === 'groups') continue;
		const v = form.get(field);
		if (typeof v === 'string' && v !== '') out[field] = v;
	}
	const percent = form.get('womenFoundersPercent');
	if (typeof percent === 'string' && percent.trim() !== '') {
		const n = readTypedNumber(percent, 'percent');
		// Outside 0–100 or not a number: the form names the percent field with its own message.
		out.womenFoundersShare = n !== null && n <= 100 ? n / 100 : 'percent';
	}
	const groups = form.getAll('groups').filter((g): g is string => typeof g === 'string');
	if (groups.length) out.groups = groups;
	return out;
}

/** Drops "none" from groups (answered: in no group) for matching. */
export function normaliseProfile(p: z.infer<typeof profileInput>): Profile {
	const out: Profile = { ...p };
	if (p.groups) out.groups = p.groups.filter((g) => g !== 'none');
	return out;
}

/** Paths under /programs that are pages, not programs. */
const RESERVED_SLUGS = ['check', 'mine', 'curate', 'new', 'import', 'export', 'calendar'];

export const SORTS = ['relevance', 'deadline', 'reviewed'] as const;

export const searchInput = z.object({
	q: z.preprocess(blank, z.string().trim().max(200).optional()).meta({
		description: 'Words in any of the six languages; Uzbek in either script; letters without marks are fine.'
	}),
	country: z.preprocess(blank, z.enum(PROGRAM_COUNTRIES).optional()),
	region: z
		.preprocess(
			blank,
			z
				.string()
				.regex(/^[A-Z]{2}-[A-Z0-9-]{1,12}$/)
				.optional()
		)
		.meta({ description: 'ISO 3166-2 code, e.g. KG-Y' }),
	kind: z.preprocess(blank, z.enum(PROGRAM_KINDS).optional()),
	women: z.preprocess(bool, z.boolean().optional()).meta({ description: 'Only programs for women' }),
	open: z
		.preprocess(bool, z.boolean().optional())
		.meta({ description: 'Only programs one can apply to now' }),
	sort: z.preprocess(blank, z.enum(SORTS).optional()),
	page: z.preprocess(num, z.number().int().min(1).max(10000).default(1)),
	pageSize: z.preprocess(num, z.number().int().min(1).max(100).default(20))
});
export type SearchInput = z.input<typeof searchInput>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nullableNumber = z.preprocess(num, z.number().min(0).nullable().optional());

export const criterionSchema = z.object({
	field: z.enum([...PROFILE_FIELDS]),
	op: z.enum(CRITERION_OPS),
	value: z.unknown().optional(),
	note: z.string().max(500).optional()
});

export const sourceSchema = z.object({
	url: httpUrl(1000).nullable(),
	publisher: z.string().trim().max(300).nullable().optional(),
	note: z.string().trim().max(1000).nullable().optional(),
	/** A full date, or only the year (month) the source gives. */
	date: z
		.string()
		.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
		.nullable()
		.optional()
});

/** A program as staff write it (forms, CSV, API). Unknown terms stay null. */
export const programInput = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{2,100}$/, { error: 'programs_error_slug' })
		.refine((v) => !RESERVED_SLUGS.includes(v), { error: 'programs_error_slug_taken' }),
	title: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'programs_error_title' }),
	summary: i18nTextSchema.optional(),
	body: i18nTextSchema.optional(),
	eligibilityText: i18nTextSchema.optional(),
	kinds: z.array(z.enum(PROGRAM_KINDS)).min(1, { error: 'programs_error_kinds' }),
	operator: z.string().trim().max(500).nullable().optional(),
	country: z.enum(PROGRAM_COUNTRIES),
	countries: z.array(z.enum(PROFILE_COUNTRIES)).optional(),
	regions: z.array(z.string().regex(/^[A-Z]{2}-[A-Z0-9-]{1,12}$/)).optional(),
	sectors: z.array(z.enum(SECTORS)).optional(),
	womenSpecific: z.boolean().optional(),
	status: z.enum(PROGRAM_STATUSES),
	terms: z
		.object({
			currency: z.preprocess(
				blank,
				z
					.string()
					.regex(/^[A-Z]{3}$/)
					.nullable()
					.optional()
			),
			amountMin: nullableNumber,
			amountMax: nullableNumber,
			ratePercent: nullableNumber,
			termMonthsMax: nullableNumber,
			graceMonthsMax: nullableNumber
		})
		.optional(),
	criteria: z.array(criterionSchema).max(40).optional(),
	criteriaComplete: z.boolean().optional(),
	contacts: z
		.object({
			phone: z.preprocess(
				blank,
				z
					.string()
					.trim()
					.regex(/^\+?[0-9 ()-]{5,30}$/)
					.nullable()
					.optional()
			),
			address: z.preprocess(blank, z.string().trim().max(500).nullable().optional()),
			hours: z.preprocess(blank, z.string().trim().max(300).nullable().optional()),
			partnerBanks: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
			source: sourceSchema.nullable().optional()
		})
		.optional(),
	deadlines: z
		.object({
			rolling: z.boolean(),
			dates: z
				.array(z.object({ date: isoDate, opens: isoDate.optional(), note: z.string().max(300).optional() }))
				.max(50)
		})
		.optional(),
	howToApply: z
		.object({ steps: z.array(i18nTextSchema).max(30), documents: z.array(i18nTextSchema).max(30) })
		.optional(),
	sources: z.array(sourceSchema).max(30).optional(),
	officialUrl: z.preprocess(blank, httpUrl(1000).nullable().optional()),
	verification: z.enum(VERIFICATIONS).optional(),
	reviewedOn: z.preprocess(blank, isoDate.nullable().optional())
});
export type ProgramInput = z.input<typeof programInput>;

const lines = (v: FormDataEntryValue | null) =>
	String(v ?? '')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);

/**
 * The curation form as program input: per-locale fields named `title_ky` etc., lists one per line,
 * sources as "URL | publisher | date", criteria as JSON. Bad JSON becomes a field error.
 */
export function programFromForm(form: FormData): Record<string, unknown> {
	const texts = (name: string) =>
		Object.fromEntries(LOCALE_LIST.map((l) => [l, String(form.get(`${name}_${l}`) ?? '')]));
	const n = (name: string) => {
		const v = String(form.get(name) ?? '').trim();
		return v === '' ? null : v;
	};
	let criteria: unknown = [];
	const rawCriteria = String(form.get('criteria') ?? '').trim();
	if (rawCriteria) {
		try {
			criteria = JSON.parse(rawCriteria);
		} catch {
			criteria = 'invalid';
		}
	}
	const one = (t: I18nPart, l: string) => ({ [l]: t });
	type I18nPart = string;
	const stepLocale = String(form.get('howLocale') ?? 'ru');
	return {
		slug: String(form.get('slug') ?? ''),
		title: texts('title'),
		summary: texts('summary'),
		body: texts('body'),
		eligibilityText: texts('eligibilityText'),
		kinds: form.getAll('kinds').map(String),
		operator: n('operator'),
		country: String(form.get('country') ?? ''),
		countries: form.getAll('countries').map(String),
		regions: String(form.get('regions') ?? '')
			.split(/[,\s]+/)
			.map((r) => r.trim().toUpperCase())
			.filter(Boolean),
		sectors: form.getAll('sectors').map(String),
		womenSpecific: form.get('womenSpecific') === 'yes',
		status: String(form.get('status') ?? ''),
		terms: {
			currency: n('currency')?.toUpperCase() ?? null,
			amountMin: n('amountMin'),
			amountMax: n('amountMax'),
			ratePercent: n('ratePercent'),
			termMonthsMax: n('termMonthsMax'),
			graceMonthsMax: n('graceMonthsMax')
		},
		criteria,
		deadlines: {
			rolling: form.get('rolling') === 'yes',
			dates: lines(form.get('deadlines')).map((date) => ({ date }))
		},
		howToApply: {
			steps: lines(form.get('steps')).map((s) => one(s, stepLocale)),
			documents: lines(form.get('documents')).map((s) => one(s, stepLocale))
		},
		sources: lines(form.get('sources')).map((line) => {
			const [url, publisher, date] = line.split('|').map((x) => x.trim());
			return { url: url || null, publisher: publisher || null, date: date || null };
		}),
		officialUrl: n('officialUrl'),
		verification: String(form.get('verification') ?? 'unverified'),
		reviewedOn: n('reviewedOn')
	};
}
