import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { I18nText } from '../../core/text';

/** Kinds of help the directory lists. */
export const CARE_KINDS = [
	'emergency',
	'police',
	'hotline',
	'crisis_centre',
	'shelter',
	'legal_aid',
	'psychological_support',
	'medical',
	'state_service'
] as const;
export type CareKind = (typeof CARE_KINDS)[number];

/**
 * Confidence from the research that seeded the entry: A = government source or several recent
 * reports; B = one report; C = old or single-source (never shown until confirmed); X = expired.
 */
export const CARE_CONFIDENCE = ['A', 'B', 'C', 'X'] as const;
export type CareConfidence = (typeof CARE_CONFIDENCE)[number];

/** How a confirmation was made. `source` is reserved for the seed (published, dated sources). */
export const CARE_METHODS = ['called_operator', 'official_site', 'operator_written', 'source'] as const;
export type CareMethod = (typeof CARE_METHODS)[number];

/** review: in the queue, never shown; published: shown; retired: expired, never shown. */
export const CARE_STATES = ['review', 'published', 'retired'] as const;
export type CareState = (typeof CARE_STATES)[number];

export interface CareSource {
	url: string | null;
	/** The source's own note (as collected). */
	note: string | null;
	/** The date the source carries, as precise as it is: `2025`, `2016-10` or `2024-06-26`. */
	date: string | null;
}

/**
 * One help service. Phones are kept exactly as the operator or source writes them. `regions` null
 * means the whole country. An address is stored only where the operator publishes it.
 */
export const careService = pgTable(
	'care_service',
	{
		id: text('id').primaryKey(),
		country: text('country').notNull(),
		kind: text('kind').$type<CareKind>().notNull(),
		name: jsonb('name').$type<I18nText>().notNull(),
		phones: jsonb('phones').$type<string[]>().notNull().default([]),
		hours: jsonb('hours').$type<I18nText>(),
		cost: jsonb('cost').$type<I18nText>(),
		/** Languages the service answers in (locale codes); null = not stated by any source. */
		languages: jsonb('languages').$type<string[]>(),
		regions: jsonb('regions').$type<string[]>(),
		operator: jsonb('operator').$type<I18nText>(),
		address: jsonb('address').$type<I18nText>(),
		audience: jsonb('audience').$type<I18nText>(),
		offers: jsonb('offers').$type<I18nText>(),
		note: jsonb('note').$type<I18nText>(),
		sources: jsonb('sources').$type<CareSource[]>().notNull().default([]),
		confidence: text('confidence').$type<CareConfidence>().notNull(),
		state: text('state').$type<CareState>().notNull().default('review'),
		/** Why the entry waits in the queue (a message key), when it does. */
		reviewReason: text('review_reason'),
		lastConfirmedOn: date('last_confirmed_on', { mode: 'string' }),
		/** A user id, or null when the confirmation is the seed's published sources. */
		lastConfirmedBy: text('last_confirmed_by'),
		lastConfirmedMethod: text('last_confirmed_method').$type<CareMethod>(),
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('care_service_country_idx').on(t.country, t.state),
		index('care_service_queue_idx')
			.on(t.lastConfirmedOn)
			.where(sql`${t.state} <> 'retired'`),
		// No entry (and so no phone number) is published without a recorded confirmation.
		check(
			'care_service_published_confirmed',
			sql`${t.state} <> 'published' or ${t.lastConfirmedOn} is not null`
		)
	]
);

/** Every confirmation ever recorded, append-only: the entry's history. */
export const careConfirmation = pgTable(
	'care_confirmation',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		serviceId: text('service_id')
			.notNull()
			.references(() => careService.id, { onDelete: 'cascade' }),
		/** confirmed | withdrawn */
		action: text('action').$type<'confirmed' | 'withdrawn'>().notNull().default('confirmed'),
		confirmedOn: date('confirmed_on', { mode: 'string' }).notNull(),
		method: text('method').$type<CareMethod>(),
		byUserId: text('by_user_id'),
		note: text('note'),
		/** The phone numbers as they stood when confirmed. */
		phones: jsonb('phones').$type<string[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('care_confirmation_service_idx').on(t.serviceId, t.id)]
);
