import { eq, inArray } from 'drizzle-orm';
import { enqueue, pickText, type ServiceContext } from '../../core';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { accounts } from '../accounts';
import { assignment, maker, order, pattern } from './schema';

/** One reviewed report, as its maker is told of it. */
export interface Decided {
	reportId: string;
	makerId: string;
	assignmentId: string;
	pieces: number;
	acceptedPieces: number;
	earnedMinor: number;
}

/**
 * A maker whose account is linked to Telegram is told there of the coordinator's decision on her
 * report (through the outbox, in the review's transaction, whether the review came from the web or the
 * bot's buttons): accepted with what it earned, partly accepted, or rejected with the reason. In her
 * chat's language (kept with the link by the bot; her account's for a link older than that); nothing
 * for a maker without an account or a linked chat.
 */
export async function tellMakers(
	ctx: ServiceContext,
	net: { id: string; currency: string },
	decided: Decided[],
	reason: string | null
) {
	if (!decided.length) return;
	const makers = await ctx.db
		.select({ id: maker.id, userId: maker.userId })
		.from(maker)
		.where(
			inArray(
				maker.id,
				decided.map((d) => d.makerId)
			)
		);
	const userOf = new Map(makers.filter((m) => m.userId).map((m) => [m.id, m.userId!]));
	const chats = await accounts.telegramRecipientsOf(ctx, [...userOf.values()]);
	if (!chats.size) return;
	const contacts = await accounts.contactsOf(ctx, [...chats.keys()]);
	const titles = new Map(
		(
			await ctx.db
				.select({ id: assignment.id, title: pattern.title })
				.from(assignment)
				.innerJoin(order, eq(order.id, assignment.orderId))
				.innerJoin(pattern, eq(pattern.id, order.patternId))
				.where(
					inArray(
						assignment.id,
						decided.map((d) => d.assignmentId)
					)
				)
		).map((r) => [r.id, r.title])
	);
	for (const d of decided) {
		const userId = userOf.get(d.makerId);
		const chat = userId ? chats.get(userId) : undefined;
		if (!userId || !chat) continue;
		// Her chat's language; for a link older than that, her account's.
		const l = chat.locale ?? contacts.get(userId)?.locale ?? '';
		const locale = (LOCALES as readonly string[]).includes(l) ? (l as Locale) : 'ru';
		const title = titles.get(d.assignmentId);
		await enqueue(ctx, {
			channel: 'telegram',
			recipient: chat.chatId,
			template: 'production.telegram.report_decided',
			locale,
			payload: {
				report: d.reportId,
				pattern: (title && pickText(title, locale)?.text) ?? '',
				pieces: d.pieces,
				accepted: d.acceptedPieces,
				earnedMinor: d.earnedMinor,
				currency: net.currency,
				reason: d.acceptedPieces < d.pieces ? (reason ?? '') : ''
			},
			dedupeKey: `production:report-decided:tg:${d.reportId}`
		});
	}
}
