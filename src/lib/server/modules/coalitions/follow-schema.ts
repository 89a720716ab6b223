import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { coalition } from './schema';

/** Who follows a coalition's accountability timeline, and how she wants each new entry: e-mail or Telegram. */
export const coalitionFollow = pgTable(
	'coalitions_follow',
	{
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id, { onDelete: 'cascade' }),
		/** The follower's account id (accounts' user; no foreign key across modules outside schema.ts). */
		userId: text('user_id').notNull(),
		channel: text('channel').$type<'email' | 'telegram'>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.coalitionId, t.userId] })]
);
