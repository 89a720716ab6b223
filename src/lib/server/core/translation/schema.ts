import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every change the translation workspace makes to a content field, append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE): which field, which locale, the text before and after, the status it
 * left, who and when, and how (`review`, `edit`, `import`).
 */
export const translationEvent = pgTable(
	'core_translation_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		entity: text('entity').notNull(),
		recordId: text('record_id').notNull(),
		field: text('field').notNull(),
		locale: text('locale').notNull(),
		action: text('action').$type<'review' | 'edit' | 'import' | 'migrate'>().notNull(),
		before: text('before'),
		after: text('after'),
		status: text('status').notNull(),
		byUserId: text('by_user_id'),
		meta: jsonb('meta').$type<Record<string, unknown>>(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('core_translation_event_field_idx').on(t.entity, t.recordId, t.field, t.locale, t.id),
		index('core_translation_event_at_idx').on(t.at)
	]
);

/**
 * Per-locale texts of fields a module stores as one plain string or inside a nested value (a program's
 * operator, a criterion's note, a figure's note) and of append-only records (timeline notes), keyed by
 * entity, record and field path (`criteria.2.note`). The record keeps its text as published (the
 * source); this holds the translations and their provenance, so the record itself need not change.
 */
export const fieldText = pgTable(
	'core_field_text',
	{
		entity: text('entity').notNull(),
		recordId: text('record_id').notNull(),
		field: text('field').notNull(),
		text: jsonb('text').$type<Record<string, unknown>>().notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.entity, t.recordId, t.field] })]
);
