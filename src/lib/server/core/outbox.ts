import { asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
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

/** How long a deliverer holds the messages it claimed before another may take them (a crash). */
const CLAIM_SECONDS = 300;

/**
 * Delivers due messages. Each batch is claimed first (`FOR UPDATE SKIP LOCKED` plus a lease in
 * `claimed_until`), so deliverers in several processes never take the same message; the claim is
 * short and delivery happens outside any transaction. A message is marked sent only after `deliver`
 * resolves; a failure is recorded, the claim released, and the message retried on the next run. A
 * deliverer that dies mid-batch leaves claims that run out after five minutes (at least once).
 */
export async function deliverDue(
	ctx: ServiceContext,
	deliver: Deliver,
	batch = 50,
	options: { templatePrefix?: string } = {}
): Promise<number> {
	const now = ctx.clock();
	const until = new Date(now.getTime() + CLAIM_SECONDS * 1000);
	// A module delivers its own templates (e.g. 'programs.'), leaving others to theirs.
	const prefix = options.templatePrefix
		? sql`and template like ${options.templatePrefix.replace(/[\\%_]/g, '\\$&') + '%'}`
		: sql``;
	const claimed = rowsOf<{ id: number }>(
		await ctx.db.execute(sql`
			update core_notification_outbox set claimed_until = ${until.toISOString()}
			where id in (
				select id from core_notification_outbox
				where sent_at is null and due_at <= ${now.toISOString()}
					and (claimed_until is null or claimed_until < ${now.toISOString()}) ${prefix}
				order by due_at, id
				limit ${batch}
				for update skip locked)
			returning id`)
	).map((r) => Number(r.id));
	if (!claimed.length) return 0;
	const due = await ctx.db
		.select()
		.from(notificationOutbox)
		.where(inArray(notificationOutbox.id, claimed))
		.orderBy(asc(notificationOutbox.dueAt), asc(notificationOutbox.id));
	let sent = 0;
	for (const message of due) {
		try {
			await deliver(message);
			await ctx.db
				.update(notificationOutbox)
				.set({
					sentAt: ctx.clock(),
					claimedUntil: null,
					attempts: sql`${notificationOutbox.attempts} + 1`
				})
				.where(eq(notificationOutbox.id, message.id));
			sent++;
		} catch (error) {
			await ctx.db
				.update(notificationOutbox)
				.set({
					claimedUntil: null,
					attempts: sql`${notificationOutbox.attempts} + 1`,
					lastError: error instanceof Error ? error.message.slice(0, 500) : 'error'
				})
				.where(eq(notificationOutbox.id, message.id));
		}
	}
	return sent;
}
