import { z } from 'zod';
import { BARRIERS, COUNCIL_ROLES, INSTRUMENT_TYPES, ITEM_KINDS, STATUSES } from './schema';
import { i18nTextSchema } from '../../core/text';
import { httpUrl as coreHttpUrl } from '../../core/validation';
import { ORGANIZATION_KINDS } from '../accounts';

/** Empty form fields arrive as ''; they mean "not given". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());

/** A date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDate = z
	.string()
	.trim()
	.regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, { error: 'coalitions_error_date' });

/** Links: http(s) only, the platform's one rule (core/validation). */
const httpUrl = coreHttpUrl();

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
const optionalInt = (min: number, max: number) =>
	z.preprocess(blank, z.coerce.number().int().min(min).max(max).optional());

/** A member organization's profile in the coalition. */
const memberProfileFields = {
	region: optionalText(40),
	womenRepresented: optionalInt(0, 10_000_000),
	barriers: z.array(z.enum(BARRIERS)).max(BARRIERS.length).default([]),
	contactPerson: optionalText(120),
	contactEmail: z.preprocess(blank, z.string().trim().toLowerCase().max(254).pipe(z.email()).optional()),
	contactPhone: z.preprocess(
		blank,
		z
			.string()
			.trim()
			.regex(/^\+?[\d\s\-()]{6,20}$/, { error: 'error_field_phone' })
			.optional()
	),
	listed: checkbox.default(false)
};

export const memberProfileInput = z.object({
	organizationId: z.string().min(1).max(100),
	...memberProfileFields
});

/**
 * Kinds of organization that may be proposed to join a coalition of women's business associations:
 * not a government body and not a donor (they work with a coalition; they are not its members).
 */
const joinableKind = z.enum(ORGANIZATION_KINDS).exclude(['government_body', 'donor']);
export const JOINABLE_KINDS = joinableKind.options;

export const joinInput = z
	.object({
		/** An organization the user already administers in Birge … */
		organizationId: optionalText(100),
		/** … or a new one, created when a coordinator approves. */
		organizationName: optionalText(200),
		organizationKind: z.preprocess(blank, joinableKind.optional()),
		...memberProfileFields,
		message: optionalText(2000)
	})
	.refine((v) => v.organizationId || v.organizationName, {
		error: 'coalitions_error_organization',
		path: ['organizationId']
	})
	.refine((v) => v.organizationId || v.organizationKind, {
		error: 'error_field_required',
		path: ['organizationKind']
	});

export const reviewInput = z.object({
	memberId: z.string().min(1).max(100),
	decision: z.enum(['approve', 'decline']),
	note: optionalText(1000)
});

export const recommendationInput = z
	.object({
		kind: z.enum(ITEM_KINDS).default('recommendation'),
		agendaId: optionalText(100),
		barrier: z.enum(BARRIERS),
		title: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'error_field_required' }),
		text: i18nTextSchema.default({}),
		targetBody: optionalText(300),
		proposerIds: z.array(z.string().min(1).max(100)).max(100).default([]),
		aggregateTotal: optionalInt(1, 10_000),
		aggregateAdopted: optionalInt(0, 10_000)
	})
	.refine((v) => v.kind !== 'aggregate' || v.aggregateTotal !== undefined, {
		error: 'error_field_required',
		path: ['aggregateTotal']
	})
	.refine((v) => (v.aggregateAdopted ?? 0) <= (v.aggregateTotal ?? Infinity), {
		error: 'coalitions_error_adopted_over_total',
		path: ['aggregateAdopted']
	});

export const instrumentInput = z.object({
	type: z.enum(INSTRUMENT_TYPES),
	name: z.string().trim().min(1).max(500),
	number: optionalText(100),
	date: z.preprocess(blank, partialDate.optional()),
	clause: optionalText(300),
	body: optionalText(300)
});

export const timelineInput = z.object({
	recommendationId: z.string().min(1).max(100),
	date: partialDate,
	status: z.enum(STATUSES),
	progress: optionalInt(0, 100),
	aggregateAdopted: optionalInt(0, 10_000),
	note: i18nTextSchema.default({}),
	evidenceUrl: z.preprocess(blank, httpUrl.optional()),
	evidenceFileId: optionalText(100),
	instrument: instrumentInput.nullable().optional(),
	correctsId: optionalText(100)
});

export const commentInput = z.object({
	recommendationId: z.string().min(1).max(100),
	body: z.string().trim().min(1).max(5000)
});

export const endorseInput = z.object({
	recommendationId: z.string().min(1).max(100),
	organizationId: z.string().min(1).max(100)
});

export const agendaInput = z.object({
	title: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'error_field_required' })
});

export const agendaVersionInput = z.object({
	agendaId: z.string().min(1).max(100),
	note: optionalText(2000)
});

export const councilInput = z.object({
	userId: z.string().min(1).max(100),
	role: z.enum(COUNCIL_ROLES),
	displayName: z.string().trim().min(1).max(120)
});

export const importInput = z.object({
	csv: z.string().max(2_000_000, { error: 'coalitions_error_csv_too_big' }),
	/** The digest the dry run returned: applying requires a dry run of the same content first. */
	confirm: optionalText(100)
});

// An empty form would erase the public profile in every language: refused (coalitions_error_profile_empty).
export const profileInput = z.object({
	profile: i18nTextSchema.refine((v) => Object.keys(v).length > 0, {
		error: 'coalitions_error_profile_empty'
	})
});

export const recommendationTextInput = z.object({
	recommendationId: z.string().min(1).max(100),
	title: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'error_field_required' }),
	text: i18nTextSchema.default({}),
	targetBody: optionalText(300)
});

export const coalitionInput = z.object({
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{1,40}$/),
	country: z.enum(['KG', 'KZ', 'TJ', 'UZ']),
	name: i18nTextSchema.refine((v) => Object.keys(v).length > 0, { error: 'error_field_required' }),
	profile: i18nTextSchema.default({})
});
