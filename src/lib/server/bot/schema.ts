import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The Telegram bot's own tables. A chat's language, its linked account and its dialog state live in
 * the database (never in process memory), so any process may handle the chat's next update. The
 * safe-help command writes to none of them.
 */
export const botChat = pgTable('bot_chat', {
	/** Telegram's chat id (a private chat's id is the user's id). */
	chatId: text('chat_id').primaryKey(),
	/** The language she chose; null until she chooses (then Telegram's language_code is used). */
	locale: text('locale'),
	/** The running dialog's state: `{ dialog, version, step, answers }`, or `{}`. */
	state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Every update handled (or waiting to be): the update id makes a redelivered webhook a no-op. With
 * PostgreSQL the web route records the update's body here and `npm run bot` handles it; the body is
 * cleared once handled. A runner claims an update with a lease (`claimed_until`, extended by its
 * heartbeat while it works); an update whose runner died is claimed again once the lease has passed.
 */
export const botUpdate = pgTable(
	'bot_update',
	{
		updateId: bigint('update_id', { mode: 'number' }).primaryKey(),
		payload: jsonb('payload').$type<Record<string, unknown>>(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		handledAt: timestamp('handled_at', { withTimezone: true }),
		/** Until when a runner holds the update (null: nobody); past it, another runner may claim it. */
		claimedUntil: timestamp('claimed_until', { withTimezone: true })
	},
	// Only the updates still to handle are indexed (the handled ones stay, for the update-id check).
	(t) => [
		index('bot_update_pending_idx')
			.on(t.updateId)
			.where(sql`handled_at is null`)
	]
);
