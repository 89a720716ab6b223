import { z } from 'zod';
import {
	CHANNELS,
	DIMENSIONS,
	DIRECTIONS,
	IMPACT_COUNTRIES,
	NUMERIC_TYPES,
	REGION,
	STORY_BARRIERS,
	STORY_KINDS,
	WAVE_KINDS
} from './schema';
import { i18nTextSchema } from '../../core/text';
import { httpUrl } from '../../core/validation';

/** Empty form fields arrive as ''; they mean "not given". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
/** A form sends one value or several under the same name. */
const list = <T extends z.ZodType>(item: T, max: number) =>
	z.preprocess(
		(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(item).max(max)
	);

export const country = z.enum(IMPACT_COUNTRIES, { error: 'impact_error_country' });
export const countryOrRegion = z.enum([...IMPACT_COUNTRIES, REGION], { error: 'impact_error_country' });

/** Reporting periods: a year (2026), a quarter (2026-Q3) or a month (2026-07). */
export const PERIOD_RE = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;
export const period = z.string().trim().regex(PERIOD_RE, { error: 'impact_error_period' });
const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'impact_error_date' });

/**
 * Strict numbers: digits with an optional sign and decimal point (a comma is read as the decimal
 * point, spaces between thousands are dropped). "N/A", "-", text and empty cells are refused, never 0.
 */
export const STRICT_NUMBER = /^-?\d+(\.\d+)?$/;
export function strictNumber(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string') return null;
	const cleaned = raw
		.trim()
		.replace(/[\s\u00a0\u202f]/g, '')
		.replace(',', '.');
	return STRICT_NUMBER.test(cleaned) ? Number(cleaned) : null;
}
const number = z.preprocess((v) => strictNumber(v) ?? v, z.number({ error: 'impact_error_number' }));
const count = z.preprocess(
	(v) => (blank(v) === undefined ? undefined : (strictNumber(v) ?? v)),
	z
		.number({ error: 'impact_error_number' })
		.int({ error: 'impact_error_whole_number' })
		.min(0, { error: 'impact_error_whole_number' })
		.max(1e13)
		.optional()
);

const person = z.object({
	name: z.string().trim().min(1).max(120),
	consent: checkbox.default(false),
	public: checkbox.default(false)
});

export const storyInput = z
	.object({
		kind: z.enum(STORY_KINDS, { error: 'error_field_choice' }),
		country: countryOrRegion,
		title: i18nTextSchema,
		summary: i18nTextSchema.default({}),
		channels: list(z.enum(CHANNELS), CHANNELS.length).default([]),
		date: isoDate,
		link: z.preprocess(blank, httpUrl().optional()),
		people: z.array(person).max(20).default([]),
		barrier: z.preprocess(blank, z.enum(STORY_BARRIERS).optional()),
		shopSlug: z.preprocess(
			blank,
			z
				.string()
				.trim()
				.toLowerCase()
				.regex(/^[a-z0-9][a-z0-9-]{1,60}$/, { error: 'impact_error_slug' })
				.optional()
		),
		_once: optionalText(100)
	})
	.superRefine((v, ctx) => {
		if (!Object.keys(v.title).length)
			ctx.addIssue({ code: 'custom', path: ['title'], message: 'impact_error_title' });
		v.people.forEach((p, i) => {
			if (!p.consent)
				ctx.addIssue({ code: 'custom', path: ['people', i, 'consent'], message: 'impact_error_consent' });
		});
	});

export const storyFilter = z.object({
	country: z.preprocess(blank, countryOrRegion.optional()),
	kind: z.preprocess(blank, z.enum(STORY_KINDS).optional()),
	barrier: z.preprocess(blank, z.enum(STORY_BARRIERS).optional()),
	channel: z.preprocess(blank, z.enum(CHANNELS).optional())
});

export const reachInput = z
	.object({
		storyId: optionalText(100),
		campaign: optionalText(200),
		channel: z.enum(CHANNELS, { error: 'impact_error_channel' }),
		country: countryOrRegion,
		period: z.preprocess(blank, period.optional()),
		impressions: count,
		reach: count,
		engagements: count,
		views: count,
		estimate: checkbox.default(false),
		source: z
			.string({ error: 'impact_error_source' })
			.trim()
			.min(1, { error: 'impact_error_source' })
			.max(500)
	})
	.superRefine((v, ctx) => {
		if ([v.impressions, v.reach, v.engagements, v.views].every((x) => x === undefined))
			ctx.addIssue({ code: 'custom', path: ['reach'], message: 'impact_error_no_figure' });
	});

export const reachImportInput = z.object({
	csv: z.string().min(1).max(2_000_000),
	/** Birge's field → the CSV's column header; a field left out is read from a column of its own name. */
	mapping: z.record(z.string(), z.string().max(100)).default({}),
	confirm: optionalText(64)
});

export const reachFilter = z.object({
	country: z.preprocess(blank, countryOrRegion.optional()),
	channel: z.preprocess(blank, z.enum(CHANNELS).optional())
});

export const resultInput = z.object({ title: i18nTextSchema, position: z.coerce.number().int().default(0) });

export const indicatorInput = z.object({
	resultId: z.string().min(1).max(100),
	title: i18nTextSchema,
	definition: i18nTextSchema.default({}),
	unit: z.string().trim().min(1).max(40),
	numericType: z.enum(NUMERIC_TYPES),
	direction: z.enum(DIRECTIONS),
	moduleIndicator: optionalText(100),
	dimensions: list(z.string().regex(/^[a-z_]{1,40}$/), 10).default([]),
	baselineValue: z.preprocess(blank, number.optional()),
	baselinePeriod: z.preprocess(blank, period.optional()),
	position: z.coerce.number().int().default(0)
});

export const targetInput = z.object({
	indicatorId: z.string().min(1).max(100),
	period,
	country: countryOrRegion,
	value: number
});

/** Parts arrive as `{ sex: { female: '12', male: '8' } }`; each cell is a strict number. */
const partsSchema = z.record(
	z.string().regex(/^[a-z_]{1,40}$/),
	z.record(z.string().trim().min(1).max(60), number)
);

export const valueInput = z
	.object({
		indicatorId: z.string().min(1).max(100),
		period,
		country: countryOrRegion,
		total: z.preprocess(blank, number.optional()),
		parts: partsSchema.default({}),
		evidence: z
			.string({ error: 'impact_error_evidence' })
			.trim()
			.min(3, { error: 'impact_error_evidence' })
			.max(2000),
		evidenceUrl: z.preprocess(blank, httpUrl().optional()),
		_once: optionalText(100)
	})
	.superRefine((v, ctx) => {
		if (v.total === undefined && !Object.keys(v.parts).length)
			ctx.addIssue({ code: 'custom', path: ['total'], message: 'impact_error_number' });
	});

export const decisionInput = z.object({
	valueId: z.string().min(1).max(100),
	decision: z.enum(['approve', 'reject']),
	note: optionalText(1000)
});

export const indicatorQuery = z.object({
	country: z.preprocess(blank, countryOrRegion.optional()),
	from: z.preprocess(blank, period.optional()),
	to: z.preprocess(blank, period.optional()),
	dimension: z.preprocess(
		blank,
		z
			.string()
			.regex(/^[a-z_]{1,40}$/)
			.optional()
	)
});

export const waveInput = z.object({
	surveyId: z.string().min(1).max(100),
	country,
	kind: z.enum(WAVE_KINDS),
	_once: optionalText(100)
});

/** A pseudonymous code a woman chooses and keeps (4–32 letters or digits). */
export const respondentCode = z
	.string()
	.trim()
	.regex(/^[\p{L}\p{N}-]{4,32}$/u, { error: 'impact_error_code' });

export const DEFAULT_DIMENSIONS = DIMENSIONS;
