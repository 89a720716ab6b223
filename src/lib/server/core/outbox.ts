import { and, asc, isNull, like, lte, eq, sql } from 'drizzle-orm';
import { notificationOutbox } from './schema';
import type { ServiceContext } from './context';

export type Channel = 'email' | 'sms' | 'telegram' | 'log';

export interface OutgoingMessage {
	channel: Channel;
	recipient: string;
	template: string;
	locale: string;
	payload?: Record<string, unknown>;
	/** Same key, one message (e.g. `reminder:14d:<user>:<program>:<date>`). */
	dedupeKey?: string;
	dueAt?: Date;
}

/** Queues a message in the caller's transaction; duplicates by dedupeKey are ignored. */
export async function enqueue(ctx: ServiceContext, message: OutgoingMessage): Promise<void> {
	await ctx.db
		.insert(notificationOutbox)
		.values({
			channel: message.channel,
			recipient: message.recipient,
			template: message.template,
			locale: message.locale,
			payload: message.payload ?? {},
			dedupeKey: message.dedupeKey ?? null,
			dueAt: message.dueAt ?? ctx.clock(),
			createdAt: ctx.clock()
		})
		.onConflictDoNothing();
}

export type Deliver = (message: typeof notificationOutbox.$inferSelect) => Promise<void>;

/**
 * Delivers due messages. A message is marked sent only after `deliver` resolves; a failure is
 * recorded and retried on the next run.
 */
export async function deliverDue(
	ctx: ServiceContext,
	deliver: Deliver,
	batch = 50,
	options: { templatePrefix?: string } = {}
): Promise<number> {
	const due = await ctx.db
		.select()
		.from(notificationOutbox)
		.where(
			and(
				isNull(notificationOutbox.sentAt),
				lte(notificationOutbox.dueAt, ctx.clock()),
				// A module delivers its own templates (e.g. 'programs.'), leaving others to theirs.
				options.templatePrefix ? like(notificationOutbox.template, `${options.templatePrefix}%`) : undefined
			)
		)
		.orderBy(asc(notificationOutbox.dueAt))
		.limit(batch);
	let sent = 0;
	for (const message of due) {
		try {
			await deliver(message);
			await ctx.db
				.update(notificationOutbox)
				.set({ sentAt: ctx.clock(), attempts: sql`${notificationOutbox.attempts} + 1` })
				.where(eq(notificationOutbox.id, message.id));
			sent++;
		} catch (error) {
			await ctx.db
				.update(notificationOutbox)
				.set({
					attempts: sql`${notificationOutbox.attempts} + 1`,
					lastError: error instanceof Error ? error.message.slice(0, 500) : 'error'
				})
				.where(eq(notificationOutbox.id, message.id));
		}
	}
	return sent;
}
