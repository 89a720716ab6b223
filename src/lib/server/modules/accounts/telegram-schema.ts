import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { authUser } from './schema';

/** A Birge account linked to a Telegram chat (at most one chat per account, one account per chat). */
export const accountsTelegram = pgTable('accounts_telegram', {
	userId: text('user_id')
		.primaryKey()
		.references(() => authUser.id, { onDelete: 'cascade' }),
	chatId: text('chat_id').notNull().unique(),
	linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow()
});

/** One-time codes a signed-in web user sends to the bot (`/start link_<code>`) to link her chat. */
export const accountsTelegramCode = pgTable('accounts_telegram_code', {
	code: text('code').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => authUser.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});
