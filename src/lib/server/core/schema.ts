import { sql } from 'drizzle-orm';
import {
	bigserial,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { I18nText } from './text';

/** Audit log: who did what, when, before and after. Append-only by convention and by service API. */
export const auditLog = pgTable(
	'core_audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: text('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		before: jsonb('before'),
		after: jsonb('after')
	},
	(t) => [
		index('core_audit_log_entity_idx').on(t.entity, t.entityId),
		index('core_audit_log_at_idx').on(t.at)
	]
);

/** Fixed-window rate-limit counters shared by every process (works on PGlite and PostgreSQL). */
export const rateLimit = pgTable('core_rate_limit', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});

/** Which seeds have run, so a restart never seeds twice and demo data is only added once. */
export const seedRun = pgTable('core_seed_run', {
	name: text('name').primaryKey(),
	version: text('version').notNull(),
	ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow()
});

/** Countries Birge serves (reference data). */
export const country = pgTable('core_country', {
	code: text('code').primaryKey(),
	name: jsonb('name').$type<I18nText>().notNull(),
	currency: text('currency').notNull(),
	timeZone: text('time_zone').notNull()
});

/**
 * Administrative divisions: first-level (ISO 3166-2) for all four countries and, for Kyrgyzstan,
 * districts, ayil aimaks and villages from SOATE. `sources` keeps where each name came from.
 */
export const division = pgTable(
	'core_division',
	{
		code: text('code').primaryKey(),
		country: text('country')
			.notNull()
			.references(() => country.code),
		parentCode: text('parent_code'),
		level: integer('level').notNull(),
		kind: text('kind').notNull(),
		iso: text('iso'),
		soate: text('soate'),
		name: jsonb('name').$type<I18nText>().notNull(),
		sources: jsonb('sources').$type<Record<string, string>>().notNull().default({})
	},
	(t) => [
		index('core_division_country_level_idx').on(t.country, t.level),
		index('core_division_parent_idx').on(t.parentCode),
		uniqueIndex('core_division_iso_idx')
			.on(t.iso)
			.where(sql`${t.iso} is not null`)
	]
);

/**
 * Notifications outbox: a message is written in the same transaction as the change that causes it,
 * then delivered (e-mail, log, later Telegram) by a worker. Never deleted before it is sent.
 */
export const notificationOutbox = pgTable(
	'core_notification_outbox',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		channel: text('channel').notNull(),
		recipient: text('recipient').notNull(),
		template: text('template').notNull(),
		locale: text('locale').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		dedupeKey: text('dedupe_key'),
		dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('core_notification_outbox_dedupe_idx').on(t.dedupeKey),
		index('core_notification_outbox_due_idx')
			.on(t.dueAt)
			.where(sql`${t.sentAt} is null`)
	]
);

/** Idempotency keys: a form submitted twice with the same key creates one record. */
export const idempotency = pgTable(
	'core_idempotency',
	{
		key: text('key').notNull(),
		scope: text('scope').notNull(),
		result: jsonb('result'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.scope, t.key] })]
);
