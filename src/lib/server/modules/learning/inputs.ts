import { z } from 'zod';
import { parseHumanNumber } from './numbers';
import { LOAN_METHODS } from './loan';
import { RATE_COUNTRIES } from './rules';

/**
 * The calculators' inputs (forms, API, bot) and API views. Every number field takes what people type
 * (`150 000 сом`, `12,5`, `36 ай`; see numbers.ts) as well as a plain JSON number; each field's
 * message names exactly what to type. The JSON Schemas of /api/v1/openapi.json are generated from
 * these schemas (openapi.ts).
 */

export const CURRENCIES = ['KGS', 'KZT', 'TJS', 'UZS', 'USD', 'EUR', 'RUB'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Decimals of the minor unit: UZS amounts are whole som (as Birge shows them), others have 2. */
export function currencyDigits(currency: Currency | null | undefined): number {
	return currency === 'UZS' ? 0 : 2;
}

/** The largest amount the calculators accept, in major units. */
export const MAX_AMOUNT = 1_000_000_000_000;
export const MAX_MONTHS = 600;

type Kind = 'money' | 'percent' | 'months' | 'hours';

const NOT_A_NUMBER: Record<Kind, string> = {
	money: 'learning_error_money',
	percent: 'learning_error_percent',
	months: 'learning_error_months',
	hours: 'learning_error_hours'
};

/** A number as typed: empty is "required", text that is no number says what to type. */
function typed(kind: Kind) {
	return z
		.union([z.string(), z.number()])
		.optional()
		.transform((value = '', ctx) => {
			if (typeof value === 'string' && value.trim() === '') {
				ctx.addIssue({ code: 'custom', message: 'error_field_required' });
				return z.NEVER;
			}
			const n = parseHumanNumber(value);
			if (n === null) {
				ctx.addIssue({ code: 'custom', message: NOT_A_NUMBER[kind] });
				return z.NEVER;
			}
			return n;
		})
		.meta({ description: DESCRIPTIONS[kind] });
}

const DESCRIPTIONS: Record<Kind, string> = {
	money:
		'An amount in major units (e.g. 150000 or 1500.50). Also as typed: spaces as thousands separators, a comma decimal, a trailing currency word ("150 000 сом").',
	percent: 'A percent from 0 to 100 (e.g. 12.5; also "12,5" or "12,5 %").',
	months: 'A whole number of months (also "36 ай", "36 мес").',
	hours: 'Hours, decimals allowed (e.g. 1.5; also "1,5 саат").'
};

const money = (options: { positive?: boolean } = {}) =>
	typed('money').pipe(
		options.positive
			? z
					.number()
					.gt(0, { error: 'learning_error_positive' })
					.max(MAX_AMOUNT, { error: 'learning_error_too_big' })
			: z
					.number()
					.min(0, { error: 'learning_error_not_negative' })
					.max(MAX_AMOUNT, { error: 'learning_error_too_big' })
	);
const percent = () =>
	typed('percent').pipe(
		z.number().min(0, { error: 'learning_error_percent' }).max(100, { error: 'learning_error_percent' })
	);
const wholeMonths = (min: number) =>
	typed('months').pipe(
		z
			.number()
			.int({ error: 'learning_error_months' })
			.min(min, { error: min > 0 ? 'learning_error_months_min' : 'learning_error_not_negative' })
			.max(MAX_MONTHS, { error: 'learning_error_months_max' })
	);

const optional = <T extends z.ZodType>(schema: T, fallback: number) =>
	z.preprocess((v) => (v === undefined || v === null || v === '' ? fallback : v), schema);

/** A choice left empty in a form (`currency=`) is no choice. */
const choice = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const currency = choice(z.enum(CURRENCIES).optional()).meta({
	description: 'Rounds to the currency minor unit: 2 decimals, whole units for UZS.'
});

export const loanInput = z
	.object({
		amount: money({ positive: true }).meta({ description: 'The loan amount, in major units.' }),
		ratePercent: percent().meta({ description: 'Nominal rate per year, in percent (0–100).' }),
		months: wholeMonths(1).meta({ description: 'The whole term in months, grace months included (1–600).' }),
		method: choice(z.enum(LOAN_METHODS).default('annuity')),
		feeOnce: optional(money(), 0).meta({
			description: 'A one-off fee paid when the loan is given: she receives amount − feeOnce.'
		}),
		feeMonthly: optional(money(), 0).meta({ description: 'A fixed fee paid every month.' }),
		graceMonths: optional(wholeMonths(0), 0).meta({
			description: 'Months at the start that pay interest only (fewer than `months`).'
		}),
		currency,
		country: choice(z.enum(RATE_COUNTRIES).optional()).meta({
			description: "Names the effective rate with that country's regulatory term where sourced."
		})
	})
	.superRefine((v, ctx) => {
		// Zod runs this even when a field failed its own checks: compare only values that passed them.
		if (v.months >= 1 && v.graceMonths >= v.months)
			ctx.addIssue({ code: 'custom', path: ['graceMonths'], message: 'learning_error_grace' });
		if (v.amount > 0 && v.feeOnce >= v.amount)
			ctx.addIssue({ code: 'custom', path: ['feeOnce'], message: 'learning_error_fee_once' });
	});
export type LoanInput = z.infer<typeof loanInput>;

export const priceInput = z.object({
	materials: money().meta({ description: 'Materials for one item.' }),
	hours: typed('hours')
		.pipe(
			z
				.number()
				.min(0, { error: 'learning_error_not_negative' })
				.max(10_000, { error: 'learning_error_too_big' })
		)
		.meta({ description: 'Hours of work for one item.' }),
	hourlyRate: money().meta({ description: 'A fair pay for one hour of her work.' }),
	overhead: optional(money(), 0).meta({
		description: "One item's share of other costs (rent, electricity, transport, phone)."
	}),
	marginPercent: percent().meta({ description: 'Margin added on top of the cost, in percent of the cost.' }),
	currency
});
export type PriceInput = z.infer<typeof priceInput>;

export const breakEvenInput = z.object({
	fixedCosts: money().meta({
		description: 'Fixed costs for a period (e.g. a month): rent, salaries, loan payments.'
	}),
	price: money({ positive: true }).meta({ description: 'Price of one unit.' }),
	variableCost: money().meta({ description: 'Cost of one more unit: materials, packaging, commission.' }),
	currency
});
export type BreakEvenInput = z.infer<typeof breakEvenInput>;

// API views (responses).

const amount = z.number().meta({ description: 'Major units, rounded to the currency minor unit' });

export const scheduleRowView = z.object({
	month: z.int().min(1),
	principal: amount,
	interest: amount,
	fee: amount,
	payment: amount.meta({ description: 'Principal + interest + fee paid this month' }),
	balance: amount.meta({ description: 'Still owed after this payment; 0 after the last one' })
});

export const loanView = z.object({
	payment: amount.meta({
		description:
			'The regular monthly payment of principal and interest (annuity); for a differentiated loan, the first payment after the grace months'
	}),
	paymentWithFee: amount,
	received: amount.meta({ description: 'What she receives: amount − feeOnce' }),
	schedule: z.array(scheduleRowView),
	totalInterest: amount,
	totalFees: amount,
	totalPaid: amount.meta({ description: 'Every monthly payment and the one-off fee' }),
	totalCost: amount.meta({ description: 'Total cost of credit: totalPaid − amount' }),
	effectiveRatePercent: z.number().meta({
		description:
			'Effective annual rate: the monthly internal rate of return i of the cash flows (+ received at month 0, − each payment with fees), annualised as (1 + i)^12 − 1; in percent, rounded to 0.1'
	}),
	effectiveRate: z.object({
		name: z.string().meta({ description: "The rate's name, in the requested language" }),
		country: z.enum(['KG', 'KZ']).nullable(),
		citation: z.string().nullable(),
		sourceUrl: z.string().nullable(),
		asOfResearchNotes: z.boolean()
	}),
	currency: z.enum(CURRENCIES).nullable(),
	digits: z.int()
});
export type LoanView = z.infer<typeof loanView>;

export const priceView = z.object({
	materials: amount,
	labour: amount.meta({ description: 'hours × hourlyRate' }),
	overhead: amount,
	cost: amount,
	profit: amount,
	price: amount,
	profitShareOfPricePercent: z
		.number()
		.meta({ description: 'Profit as a share of the price, rounded to 0.1' }),
	currency: z.enum(CURRENCIES).nullable(),
	digits: z.int()
});
export type PriceView = z.infer<typeof priceView>;

export const breakEvenView = z.object({
	contribution: amount.meta({ description: 'price − variableCost' }),
	units: z.int().meta({ description: 'Whole units to sell to cover the fixed costs' }),
	revenue: amount.meta({ description: 'units × price' }),
	currency: z.enum(CURRENCIES).nullable(),
	digits: z.int()
});
export type BreakEvenView = z.infer<typeof breakEvenView>;

// ——— Courses, progress, certificates, authoring ———

const slug = z
	.string()
	.trim()
	.min(1, 'error_field_required')
	.max(80)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'learning_error_slug')
	// Taken by pages: /learn/author, /learn/{course}/offline, /learn/{course}/pack.html.
	.refine((v) => !['author', 'offline', 'new'].includes(v), 'learning_error_slug_taken');
const clientId = z
	.string()
	.trim()
	.min(8)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/);
const pastDate = z.coerce.date().optional();

/** One quiz attempt: answers per question id (an option id, several, or the number as typed). */
export const quizSubmitInput = z.object({
	course: slug,
	lesson: slug,
	quiz: slug,
	answers: z.record(z.string().max(40), z.union([z.string().max(100), z.array(z.string().max(100)).max(20)])),
	/** Given by the page (a hidden field) or the offline pack: the same id twice is one attempt. */
	clientId,
	takenAt: pastDate
});
export type QuizSubmitInput = z.infer<typeof quizSubmitInput>;

/** What an offline pack sends when she is back online. */
export const offlineSyncInput = z.object({
	course: slug,
	lessons: z
		.array(z.object({ lesson: slug, at: pastDate }))
		.max(200)
		.default([]),
	quizzes: z
		.array(quizSubmitInput.omit({ course: true }))
		.max(200)
		.default([])
});
export type OfflineSyncInput = z.infer<typeof offlineSyncInput>;

/** Where she works, optional: `KG` (a country) or `KG-C` (a region). Only for counts by place. */
export const placeInput = z.object({
	place: z
		.string()
		.trim()
		.regex(/^((KG|KZ|TJ|UZ)(-[A-Z0-9]{1,3})?)?$/, 'learning_error_region')
		.default('')
});

export const revokeInput = z.object({
	code: z.string().trim().min(1).max(40),
	reason: z.string().trim().min(1, 'error_field_required').max(500)
});

const localeText = (max: number) => z.string().max(max, 'learning_error_too_long').optional();
const perLocale = (max: number) =>
	z.object({
		ky: localeText(max),
		kk: localeText(max),
		tg: localeText(max),
		uz: localeText(max),
		ru: localeText(max),
		en: localeText(max)
	});

export const courseInput = z.object({
	slug,
	organizationId: z.string().trim().max(80).optional(),
	level: z.enum(['beginner', 'intermediate', 'advanced']).default('beginner'),
	title: perLocale(200).default({}),
	summary: perLocale(1000).default({}),
	passPercent: z.coerce.number().int().min(1).max(100).default(70)
});

export const lessonInput = z.object({
	slug,
	minutes: z.coerce
		.number()
		.int('learning_error_minutes')
		.min(1, 'learning_error_minutes')
		.max(240, 'learning_error_minutes'),
	title: perLocale(200).default({}),
	body: perLocale(40000).default({}),
	videoUrl: z
		.string()
		.trim()
		.max(500)
		.refine((v) => v === '' || /^https:\/\/[^\s"'<>]+$/.test(v), 'learning_error_video')
		.optional()
});

/** Publish or unpublish: the value is required (an empty form changes nothing). */
export const publicationInput = z.object({
	publication: z.enum(['draft', 'published'], { error: 'learning_error_publication' })
});

/**
 * A quiz from the authoring form. Questions and options arrive as objects keyed by their row number
 * (`questions.0.options.1.text.ru`), blank rows included (the form always offers an empty question and
 * empty options to fill without JavaScript); the service drops blank rows and checks the rest.
 */
const rowId = z
	.string()
	.trim()
	.max(40)
	.regex(/^([a-z0-9][a-z0-9-]*)?$/)
	.optional();
const checked = z
	.union([z.string(), z.array(z.string()), z.boolean()])
	.optional()
	.transform((v) =>
		Array.isArray(v) ? v.length > 0 : v === true || v === 'on' || v === 'true' || v === '1'
	);
const rows = <T extends z.ZodType>(row: T) =>
	z
		.union([z.record(z.string().regex(/^\d{1,2}$/), row), z.array(row)])
		.optional()
		.transform((v) =>
			Array.isArray(v)
				? v
				: Object.entries(v ?? {})
						.sort(([a], [b]) => Number(a) - Number(b))
						.map(([, r]) => r)
		);
export const quizOptionInput = z.object({
	id: rowId,
	text: perLocale(300).default({}),
	correct: checked
});
export const quizQuestionInput = z.object({
	id: rowId,
	kind: z.enum(['single', 'multiple', 'numeric'], { error: 'learning_error_quiz_kind' }).default('single'),
	prompt: perLocale(1000).default({}),
	options: rows(quizOptionInput),
	answer: z.union([z.string().max(40), z.number()]).optional(),
	tolerance: z.union([z.string().max(40), z.number()]).optional(),
	remove: checked
});
export const quizInput = z.object({
	slug,
	title: perLocale(200).default({}),
	passPercent: z
		.union([z.string(), z.number()])
		.optional()
		.transform((v, ctx) => {
			if (v === undefined || (typeof v === 'string' && v.trim() === '')) return null;
			const n = Number(typeof v === 'string' ? v.trim() : v);
			if (!Number.isInteger(n) || n < 1 || n > 100) {
				ctx.addIssue({ code: 'custom', message: 'learning_error_pass_mark' });
				return z.NEVER;
			}
			return n;
		}),
	questions: rows(quizQuestionInput)
});
export type QuizInput = z.infer<typeof quizInput>;

/** One change to a course's outline (a button in the authoring form; no JavaScript needed). */
const moduleRef = z.string().trim().min(1, 'learning_error_module').max(200);
export const outlineInput = z.discriminatedUnion(
	'op',
	[
		z.object({ op: z.literal('add-module'), title: perLocale(200).default({}) }),
		z.object({ op: z.literal('rename-module'), module: moduleRef, title: perLocale(200).default({}) }),
		z.object({ op: z.enum(['module-up', 'module-down', 'remove-module']), module: moduleRef }),
		z.object({ op: z.enum(['lesson-up', 'lesson-down']), lesson: slug }),
		z.object({ op: z.literal('lesson-module'), lesson: slug, module: moduleRef })
	],
	{ error: 'learning_error_outline_op' }
);
export type OutlineInput = z.infer<typeof outlineInput>;
