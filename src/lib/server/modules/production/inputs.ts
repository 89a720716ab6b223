import { z } from 'zod';
import { httpUrl, i18nTextSchema } from '../../core';
import { CONSENT_HOW, DIFFICULTIES, MOVEMENT_KINDS, PAY_METHODS, SEND_HOW, SEXES, UNITS } from './schema';

/** Inputs of the production module's use cases, shared by forms, the API and (later) the bot. */

const id = z.string().trim().min(1).max(100);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((v) => v || null);
const count = (max = 1_000_000) => z.coerce.number().int().min(1).max(max);
const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'production_error_date' });
const money = z.coerce.number().int().min(0).max(1_000_000_000);
const yes = z
	.union([z.boolean(), z.string()])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

export const networkInput = z.object({
	name: z.string().trim().min(1).max(200),
	country: z.enum(['KG', 'KZ', 'TJ', 'UZ']),
	regionCode: optionalText(40),
	organizationId: optionalText(100),
	lossTolerancePercent: z.coerce.number().min(0).max(100).optional().default(5)
});

export const coCoordinatorInput = z.object({ email: z.email().max(320) });

/** A form field that must be filled: empty or missing is a message, never a default. */
const filled = (v: unknown) => (v == null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const toleranceInput = z.object({
	lossTolerancePercent: z.preprocess(
		filled,
		z.coerce
			.number({ error: 'production_error_tolerance' })
			.min(0, { error: 'production_error_tolerance' })
			.max(100, { error: 'production_error_tolerance' })
	)
});

export const invitationInput = z.object({
	days: z.preprocess(
		filled,
		z.coerce
			.number({ error: 'production_error_invite_days' })
			.int({ error: 'production_error_invite_days' })
			.min(1, { error: 'production_error_invite_days' })
			.max(90, { error: 'production_error_invite_days' })
	)
});

export const makerProfileInput = z.object({
	name: z.string().trim().min(1).max(200),
	regionCode: optionalText(40),
	districtCode: optionalText(40),
	village: optionalText(200),
	phone: optionalText(40),
	skills: optionalText(500),
	piecesPerWeek: z
		.union([z.literal(''), z.coerce.number().int().min(0).max(10_000)])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v)),
	payMethod: z.enum(PAY_METHODS).default('cash'),
	payAccount: optionalText(100),
	consentHow: z.enum(CONSENT_HOW),
	/** Only with her agreement: sex and disability for the network's own statistics. */
	statsConsent: yes,
	sex: z
		.union([z.literal(''), z.enum(SEXES)])
		.optional()
		.transform((v) => v || null),
	disability: z
		.union([z.literal(''), z.enum(['yes', 'no'])])
		.optional()
		.transform((v) => (v === 'yes' ? true : v === 'no' ? false : null))
});

export const joinInput = z.object({
	code: z.string().trim().min(4).max(64),
	name: z.string().trim().min(1).max(200),
	regionCode: optionalText(40),
	village: optionalText(200),
	phone: optionalText(40),
	/** Joining is her consent to the network keeping this profile. */
	consent: z.literal(true, { error: 'production_error_consent' })
});

export const patternInput = z.object({
	title: i18nTextSchema.refine((t) => Object.keys(t).length > 0, { error: 'error_field_required' }),
	instructions: i18nTextSchema.optional().default({}),
	videoLinks: z.array(httpUrl()).max(10).default([]),
	difficulty: z.enum(DIFFICULTIES),
	minutesPerPiece: count(100_000),
	defaultRateMinor: money
});

export const rateInput = z.object({
	patternId: id,
	makerId: optionalText(100),
	rateMinor: money,
	validFrom: isoDate,
	validTo: isoDate.optional().or(z.literal('').transform(() => undefined))
});

export const materialInput = z.object({
	name: z.string().trim().min(1).max(200),
	unit: z.enum(UNITS),
	unitCostMinor: z
		.union([z.literal(''), money])
		.optional()
		.transform((v) => (v === '' || v === undefined ? null : v))
});

export const movementInput = z.object({
	materialId: id,
	kind: z.enum(MOVEMENT_KINDS),
	quantity: count(100_000_000),
	makerId: optionalText(100),
	assignmentId: optionalText(100),
	note: optionalText(500)
});

export const kitInput = z.object({
	patternId: id,
	name: z.string().trim().min(1).max(200),
	pieces: count(10_000),
	lines: z
		.array(z.object({ materialId: id, quantity: count(100_000_000) }))
		.min(1, { error: 'production_error_kit_empty' })
		.max(50)
});

export const fanOutLine = z.object({
	makerId: id,
	quantity: count(100_000),
	dueDate: isoDate.optional(),
	kitId: optionalText(100),
	kits: z.coerce.number().int().min(0).max(10_000).default(0)
});

export const orderInput = z.object({
	patternId: id,
	quantity: count(1_000_000),
	dueDate: isoDate,
	/** A shops product id (one of the shops the coordinator runs). */
	shopProductRef: optionalText(100),
	note: optionalText(1000),
	sendHow: z.enum(SEND_HOW).default('in_person'),
	assignments: z.array(fanOutLine).max(1000).default([])
});

export const reportInput = z.object({
	assignmentId: id,
	pieces: z.coerce
		.number({ error: 'production_error_pieces' })
		.int({ error: 'production_error_pieces' })
		.min(1, {
			error: 'production_error_pieces'
		}),
	note: optionalText(500)
});

export const reviewInput = z
	.object({
		reportIds: z.array(id).min(1, { error: 'production_error_choose_reports' }).max(200),
		decision: z.enum(['accept', 'reject']),
		reason: optionalText(500),
		rework: yes,
		/** Accept only this many pieces of one report (the rest fail the check; a reason is needed). */
		acceptPieces: z
			.union([z.literal(''), z.coerce.number().int().min(0).max(1_000_000)])
			.optional()
			.transform((v) => (v === '' || v === undefined ? null : v))
	})
	.refine((v) => v.decision === 'accept' || !!v.reason, {
		path: ['reason'],
		error: 'production_error_reason_required'
	})
	.refine((v) => v.acceptPieces === null || v.reportIds.length === 1, {
		path: ['acceptPieces'],
		error: 'production_error_part_one_report'
	})
	.refine((v) => v.acceptPieces === null || v.decision === 'reject' || !!v.reason, {
		path: ['reason'],
		error: 'production_error_reason_required'
	});

export const payoutInput = z.object({
	makerId: id,
	amountMinor: count(1_000_000_000),
	method: z.enum(PAY_METHODS),
	reference: optionalText(200),
	paidOn: isoDate,
	confirmOverBalance: yes,
	overBalanceReason: optionalText(500)
});

export const adjustmentInput = z.object({
	makerId: id,
	/** Signed: a bonus is positive, a deduction (materials lost, an advance) negative. */
	amountMinor: z.coerce
		.number()
		.int()
		.min(-1_000_000_000)
		.max(1_000_000_000)
		.refine((v) => v !== 0, { error: 'production_error_amount_zero' }),
	reason: z.string().trim().min(1).max(500)
});

export const correctionInput = z.object({
	entryId: z.coerce.number().int().min(1),
	reason: z.string().trim().min(1).max(500)
});

export const queueFilter = z.object({
	status: z.enum(['pending', 'accepted', 'rejected']).catch('pending').default('pending'),
	makerId: z.string().max(100).optional().catch(undefined),
	orderId: z.string().max(100).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1)
});

export const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'production_error_month' });

export type NetworkInput = z.input<typeof networkInput>;
export type MakerProfileInput = z.input<typeof makerProfileInput>;
export type OrderInput = z.input<typeof orderInput>;
export type ReportInput = z.input<typeof reportInput>;
export type ReviewInput = z.input<typeof reviewInput>;
export type PayoutInput = z.input<typeof payoutInput>;
export type QueueFilter = z.input<typeof queueFilter>;
