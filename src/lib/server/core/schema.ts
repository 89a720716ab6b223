import { sql } from 'drizzle-orm';
import {
	bigint,
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
		/** A deliverer's claim (lease): others skip the row until then; a crashed one's claim runs out. */
		claimedUntil: timestamp('claimed_until', { withTimezone: true }),
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

/**
 * The job queue (core/jobs): on-demand jobs and one row per period of each scheduled job. Runners in
 * any number of processes claim rows with `FOR UPDATE SKIP LOCKED` and hold them for a lease
 * (`locked_until`, extended while the job runs); a row whose lease ran out (its process crashed) is
 * claimed again. `(name, key)` is unique: an idempotency key, or the period of a scheduled job, so a
 * period fires once across processes.
 */
export const job = pgTable(
	'core_job',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		name: text('name').notNull(),
		key: text('key'),
		payload: jsonb('payload').$type<unknown>().notNull().default({}),
		/** queued | running | done | failed (out of attempts). */
		state: text('state').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		lockedBy: text('locked_by'),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lastError: text('last_error'),
		/** Kept at least until then (a scheduled row until its period ends), so its key keeps deduplicating. */
		keepUntil: timestamp('keep_until', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('core_job_key_idx').on(t.name, t.key),
		index('core_job_due_idx')
			.on(t.runAt)
			.where(sql`${t.state} = 'queued'`),
		index('core_job_lease_idx')
			.on(t.lockedUntil)
			.where(sql`${t.state} = 'running'`)
	]
);

/**
 * Indicator snapshots (core/indicators): what each module's indicators gave for a period, stored by
 * a job so that dashboards read snapshots instead of the modules' tables. `dimension` is '' for the
 * country total; `dimension_value` '' when the dimension is the whole country (e.g. a program with
 * no region). `status`: value | suppressed | not_available (value is null unless `value`).
 */
export const indicatorSnapshot = pgTable(
	'core_indicator_snapshot',
	{
		indicator: text('indicator').notNull(),
		period: text('period').notNull(),
		country: text('country').notNull(),
		dimension: text('dimension').notNull().default(''),
		dimensionValue: text('dimension_value').notNull().default(''),
		status: text('status').$type<'value' | 'suppressed' | 'not_available'>().notNull(),
		value: bigint('value', { mode: 'number' }),
		computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.indicator, t.period, t.country, t.dimension, t.dimensionValue] }),
		index('core_indicator_snapshot_period_idx').on(t.period, t.country)
	]
);

/**
 * One row per transaction that wrote to a content table (statement triggers installed on every table
 * but housekeeping ones by `core_install_change_triggers()`, after each migration). Its (count, max,
 * sum) is the data version that keys the cache of rendered public pages (web/page-cache.ts); pruned
 * to the last row every ten minutes.
 */
export const dataChange = pgTable('core_data_change', {
	txid: bigint('txid', { mode: 'bigint' }).primaryKey(),
	at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
});
