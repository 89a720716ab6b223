import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	AppError,
	defineJob,
	deliverDue,
	enqueue,
	parseInput,
	publicLink,
	requireUser,
	textIn,
	type I18nText,
	type ServiceContext
} from '../../core';
import { formatDate } from '#lib/i18n/format';
import { isLocale, type Locale } from '#lib/i18n/locales';
import { t, type MessageKey } from '#lib/i18n/messages';
import { accounts } from '../accounts';
import { coalitionFollow } from './schema';
import { coalitionOr404 } from './lookup';
import { FILE_PATH } from './views';
import type * as q from './queries';

/**
 * Following a coalition: each new accountability entry (a status change with its evidence) reaches
 * her by e-mail or in Telegram, as she chose. Entries are queued in the outbox in the same
 * transaction as the entry and delivered by a job (paced for Telegram by the platform's sender).
 */
export const FOLLOW_CHANNELS = ['email', 'telegram'] as const;
const followInput = z.object({ channel: z.enum(FOLLOW_CHANNELS) });

export async function followCoalition(ctx: ServiceContext, slug: string, input: unknown) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	const { channel } = parseInput(followInput, input);
	if (channel === 'telegram' && !(await accounts.telegramChatsOf(ctx, [userId])).size)
		throw new AppError('INVALID', { fields: { channel: { key: 'coalitions_follow_needs_telegram' } } });
	await ctx.db
		.insert(coalitionFollow)
		.values({ coalitionId: c.id, userId, channel, createdAt: ctx.clock() })
		.onConflictDoUpdate({ target: [coalitionFollow.coalitionId, coalitionFollow.userId], set: { channel } });
	return { channel };
}

export async function unfollowCoalition(ctx: ServiceContext, slug: string) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	await ctx.db
		.delete(coalitionFollow)
		.where(and(eq(coalitionFollow.coalitionId, c.id), eq(coalitionFollow.userId, userId)));
}

/** How she follows this coalition (null: not following, or not signed in). */
export async function myFollow(ctx: ServiceContext, slug: string): Promise<'email' | 'telegram' | null> {
	if (!ctx.actor.userId) return null;
	const c = await coalitionOr404(ctx, slug);
	const [row] = await ctx.db
		.select({ channel: coalitionFollow.channel })
		.from(coalitionFollow)
		.where(and(eq(coalitionFollow.coalitionId, c.id), eq(coalitionFollow.userId, ctx.actor.userId)));
	return row?.channel ?? null;
}

/** Queues the new entry for every follower; in the entry's transaction. */
export async function notifyFollowers(
	tx: ServiceContext,
	c: { id: string; slug: string; name: I18nText },
	item: q.ItemRow,
	entry: {
		id: string;
		status: string;
		date: string;
		evidenceUrl: string | null;
		evidenceFileId: string | null;
	}
) {
	const followers = await tx.db
		.select({ userId: coalitionFollow.userId, channel: coalitionFollow.channel })
		.from(coalitionFollow)
		.where(eq(coalitionFollow.coalitionId, c.id));
	if (!followers.length) return;
	const ids = followers.map((f) => f.userId);
	const contacts = await accounts.contactsOf(tx, ids);
	const chats = await accounts.telegramChatsOf(tx, ids);
	const evidence =
		publicLink(entry.evidenceUrl, tx.platform.origin) ??
		(entry.evidenceFileId ? `${tx.platform.origin}${FILE_PATH}${entry.evidenceFileId}` : null);
	for (const f of followers) {
		const contact = contacts.get(f.userId);
		const locale: Locale = isLocale(contact?.locale) ? contact.locale : 'ru';
		const recipient =
			f.channel === 'telegram'
				? chats.get(f.userId)
				: contact && !contact.email.endsWith('.invalid')
					? contact.email
					: undefined;
		if (!recipient) continue;
		await enqueue(tx, {
			channel: f.channel,
			recipient,
			template: 'coalitions.entry',
			locale,
			payload: {
				coalition: textIn(c.name, locale),
				slug: c.slug,
				item: textIn(item.title, locale),
				status: entry.status,
				date: entry.date,
				evidence
			},
			dedupeKey: `coalitions:entry:${entry.id}:${f.userId}`
		});
	}
}

/** A queued entry as a message in its recipient's language. */
export function renderEntry(
	message: { locale: string; payload: Record<string, unknown>; recipient: string },
	origin: string
) {
	const locale: Locale = isLocale(message.locale) ? message.locale : 'ru';
	const p = message.payload as {
		coalition: string;
		slug: string;
		item: string;
		status: string;
		date: string;
		evidence: string | null;
	};
	const status = t(locale, `coalitions_status_${p.status}` as MessageKey);
	const subject = t(locale, 'coalitions_follow_subject', { coalition: p.coalition });
	const lines = [
		t(locale, 'coalitions_follow_entry', { item: p.item, status, date: formatDate(locale, p.date) }),
		p.evidence ? t(locale, 'coalitions_follow_evidence', { url: p.evidence }) : '',
		`${origin}/${locale}/coalitions/${p.slug}`
	].filter(Boolean);
	return { to: message.recipient, subject, text: lines.join('\n') };
}

export const followDeliveryJob = defineJob({
	name: 'coalitions.delivery',
	everySeconds: 60,
	async run(ctx) {
		const sender = ctx.platform.sender;
		await deliverDue(
			ctx,
			async (message) => {
				const mail = renderEntry(message, ctx.platform.origin);
				if (message.channel === 'telegram' && sender.sendTelegram)
					return sender.sendTelegram({ chatId: message.recipient, text: `${mail.subject}\n\n${mail.text}` });
				if (message.channel !== 'email') throw new Error(`channel ${message.channel} not handled`);
				await sender.sendMail(mail);
			},
			50,
			{ templatePrefix: 'coalitions.' }
		);
	}
});
