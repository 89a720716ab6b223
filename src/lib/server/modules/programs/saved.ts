import { and, eq, sql } from 'drizzle-orm';
import { AppError, enqueue, requireUser, textIn, type ServiceContext } from '../../core';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { formatDate } from '#lib/i18n/format';
import { t } from '#lib/i18n/messages';
import { accounts } from '../accounts';
import { program, savedProgram, type ProgramDeadlines } from './schema';
import { isCurator } from './access';
import { matchProfile, myProfile } from './eligibility';
import { deleteSaved, insertSaved, savedDeadlines, savedViews, stateBySlug } from './queries';
import { daysBetween, today, toListItem } from './views';

/** Saved programs: saving, her page, and the deadline reminders they bring. */

/** Saves a published program for the signed-in user (and queues its reminders when due). */
export async function saveProgram(ctx: ServiceContext, slug: string): Promise<void> {
	const userId = requireUser(ctx);
	const found = await stateBySlug(ctx, String(slug).slice(0, 120));
	if (!found || found.publication !== 'published') throw new AppError('NOT_FOUND');
	await insertSaved(ctx, userId, found.id);
	await queueRemindersFor(ctx, userId);
}

/** Forgets a saved program (in any state: she may unsave one that was since archived). */
export async function unsaveProgram(ctx: ServiceContext, slug: string): Promise<void> {
	const userId = requireUser(ctx);
	const found = await stateBySlug(ctx, String(slug));
	if (!found) throw new AppError('NOT_FOUND');
	await deleteSaved(ctx, userId, found.id);
}

function upcomingDates(ctx: ServiceContext, d: ProgramDeadlines): string[] {
	const now = today(ctx);
	return d.dates
		.map((x) => x.date)
		.filter((x) => x >= now)
		.sort();
}

/** Her page: saved profile, its matches, saved programs and the calendar feed. */
export async function myPrograms(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	const profile = await myProfile(ctx);
	const matches = profile
		? (await matchProfile(ctx, profile)).filter((m) => m.result !== 'ineligible' && m.result !== 'closed')
		: [];
	const saved = await savedViews(ctx, userId);
	return {
		profile,
		matches,
		saved: saved.map((r) => ({ ...toListItem(ctx, r), upcoming: upcomingDates(ctx, r.deadlines) })),
		curator: isCurator(ctx.actor)
	};
}

export const REMINDER_DAYS = [14, 3] as const;

/**
 * Queues deadline reminders in the notifications outbox: the 14-day one when a deadline is 4 to 14
 * days away, the 3-day one when it is 0 to 3 days away. The dedupe key makes every reminder go once;
 * a reminder is queued only when its moment has come, so a moved deadline never sends a stale one.
 * Only published programs remind.
 */
export async function queueReminders(ctx: ServiceContext): Promise<number> {
	return queueRemindersFor(ctx, null);
}

async function queueRemindersFor(ctx: ServiceContext, onlyUser: string | null): Promise<number> {
	const now = today(ctx);
	const horizon = new Date(Date.parse(`${now}T00:00:00Z`) + 14 * 86400000).toISOString().slice(0, 10);
	const rows = await savedDeadlines(
		ctx,
		and(
			eq(program.publication, 'published'),
			sql`${program.lastDeadline} >= ${now}::date`,
			onlyUser ? eq(savedProgram.userId, onlyUser) : undefined
		)
	);
	const contacts = await accounts.contactsOf(
		ctx,
		rows.map((r) => r.userId)
	);
	// A linked Telegram chat gets the reminder there too (the bot's outbox channel).
	const chats = await accounts.telegramChatsOf(
		ctx,
		rows.map((r) => r.userId)
	);
	let queued = 0;
	for (const r of rows) {
		const contact = contacts.get(r.userId);
		if (!contact) continue;
		const chat = chats.get(r.userId);
		// Phone-only accounts have no mail address; a linked Telegram chat still reaches them.
		const mail = !contact.email.endsWith('.invalid');
		if (!mail && !chat) continue;
		for (const { date } of r.deadlines.dates) {
			if (date < now || date > horizon) continue;
			const days = daysBetween(now, date);
			const offset = days <= 3 ? 3 : 14;
			const locale = (LOCALES as readonly string[]).includes(contact.locale ?? '')
				? (contact.locale as Locale)
				: 'ru';
			const payload = { slug: r.slug, title: textIn(r.title, locale), deadline: date, offset };
			const key = `${offset}:${r.userId}:${r.programId}:${date}`;
			if (mail) {
				await enqueue(ctx, {
					channel: 'email',
					recipient: contact.email,
					template: 'programs.reminder',
					locale,
					payload,
					dedupeKey: `programs:reminder:${key}`
				});
				queued++;
			}
			if (chat) {
				await enqueue(ctx, {
					channel: 'telegram',
					recipient: chat,
					template: 'programs.reminder',
					locale,
					payload,
					dedupeKey: `programs:reminder:tg:${key}`
				});
				queued++;
			}
		}
	}
	return queued;
}

/** Renders a queued reminder as an e-mail in its recipient's language. */
export function renderReminder(
	message: { locale: string; payload: Record<string, unknown>; recipient: string },
	origin: string
) {
	const locale = ((LOCALES as readonly string[]).includes(message.locale) ? message.locale : 'ru') as Locale;
	const p = message.payload as { slug: string; title: string; deadline: string };
	const date = formatDate(locale, p.deadline);
	return {
		to: message.recipient,
		subject: t(locale, 'programs_reminder_subject', { title: p.title, date }),
		text: t(locale, 'programs_reminder_text', {
			title: p.title,
			date,
			url: `${origin}/${locale}/programs/${p.slug}`
		})
	};
}
