import { sql } from 'drizzle-orm';
import { defineJob, deliverDue, type Sender, type ServiceContext } from '../../core';
import type { Db } from '../../db';
import { catalogueVersion } from './queries';
import { queueReminders, renderReminder } from './saved';

/** Hourly: queue the 14- and 3-day deadline reminders whose moment has come. */
export const reminderJob = defineJob({
	name: 'programs.reminders',
	everySeconds: 3600,
	async run(ctx) {
		await queueReminders(ctx);
	}
});

/** Sends queued programs e-mails through the platform's sender (the log or a file in development). */
export async function deliverReminders(ctx: ServiceContext, sender: Sender, origin: string): Promise<number> {
	return deliverDue(
		ctx,
		async (message) => {
			const mail = renderReminder(message, origin);
			if (message.channel === 'telegram' && sender.sendTelegram)
				return sender.sendTelegram({ chatId: message.recipient, text: `${mail.subject}\n\n${mail.text}` });
			if (message.channel !== 'email') throw new Error(`channel ${message.channel} not handled`);
			await sender.sendMail(mail);
		},
		50,
		{ templatePrefix: 'programs.' }
	);
}

export const deliveryJob = defineJob({
	name: 'programs.delivery',
	everySeconds: 60,
	async run(ctx) {
		await deliverReminders(ctx, ctx.platform.sender, ctx.platform.origin);
	}
});

/** The catalogue version last analyzed, per database (a cache, not configuration). */
const analyzedVersion = new WeakMap<Db, number>();

/**
 * Keeps the catalogue's statistics current and its rows tidy (PGlite has no autovacuum; on PostgreSQL
 * this only anticipates it): the filters' plans rest on the statistics, and search first reads rows in
 * table order, where old row versions left by edits would slow it down.
 */
export async function refreshStatistics(ctx: ServiceContext, force = false): Promise<boolean> {
	const version = await catalogueVersion(ctx);
	if (!force && version === analyzedVersion.get(ctx.db)) return false;
	await ctx.db.execute(sql`vacuum (analyze) programs_program, programs_word`);
	analyzedVersion.set(ctx.db, version);
	return true;
}

export const statisticsJob = defineJob({
	name: 'programs.statistics',
	everySeconds: 600,
	async run(ctx) {
		await refreshStatistics(ctx);
	}
});
