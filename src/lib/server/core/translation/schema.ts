import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
