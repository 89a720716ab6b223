import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { authUser } from '../accounts/schema';
import { coalition } from './schema';

/** Who follows a coalition's accountability timeline, and how she wants each new entry: e-mail or Telegram. */
export const coalitionFollow = pgTable(
	'coalitions_follow',
	{
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		channel: text('channel').$type<'email' | 'telegram'>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.coalitionId, t.userId] })]
);
