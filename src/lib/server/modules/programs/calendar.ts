import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { requireUser, textIn, writeAudit, type ServiceContext } from '../../core';
import { t } from '#lib/i18n/messages';
import { program, savedProgram } from './schema';
import { ownerOfFeedToken, profileRow, savedDeadlines, upsertFeedToken } from './queries';

/** The private iCalendar feed of a user's saved deadlines. */

/** The private calendar feed token of the signed-in user (created on first use, rotatable). */
export async function feedToken(ctx: ServiceContext, options: { rotate?: boolean } = {}): Promise<string> {
	const userId = requireUser(ctx);
	const row = await profileRow(ctx, userId);
	if (row?.feedToken && !options.rotate) return row.feedToken;
	const token = randomBytes(24).toString('base64url');
	await upsertFeedToken(ctx, userId, token);
	if (options.rotate)
		await writeAudit(ctx, { action: 'programs.feed_rotate', entity: 'user', entityId: userId });
	return token;
}

const icsEscape = (s: string) =>
	s
		.replace(/\\/g, '\\\\')
		.replace(/\n/g, '\\n')
		.replace(/([,;])/g, '\\$1');

function icsFold(line: string): string {
	const bytes = Buffer.from(line, 'utf8');
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	for (const ch of line) {
		if (Buffer.byteLength(current + ch, 'utf8') > (parts.length ? 74 : 75)) {
			parts.push(current);
			current = ch;
		} else current += ch;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/**
 * iCalendar (RFC 5545) of the saved published programs' deadlines, for the token's owner: the token
 * is the only credential (the feed is fetched by calendar apps without a session). Null for a bad or
 * unknown token.
 */
export async function calendarFeed(
	ctx: ServiceContext,
	token: string,
	origin: string
): Promise<string | null> {
	if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
	const owner = await ownerOfFeedToken(ctx, token);
	if (!owner) return null;
	const rows = await savedDeadlines(
		ctx,
		and(eq(savedProgram.userId, owner), eq(program.publication, 'published'))
	);
	const stamp = ctx
		.clock()
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Birge//Programs//EN', 'CALSCALE:GREGORIAN'];
	lines.push(`X-WR-CALNAME:${icsEscape(t(ctx.locale, 'programs_feed_name'))}`);
	for (const r of rows) {
		for (const d of r.deadlines.dates) {
			const day = d.date.replace(/-/g, '');
			const next = new Date(Date.parse(`${d.date}T00:00:00Z`) + 86400000)
				.toISOString()
				.slice(0, 10)
				.replace(/-/g, '');
			const title = textIn(r.title, ctx.locale) || r.slug;
			lines.push(
				'BEGIN:VEVENT',
				`UID:${r.programId}-${day}@birge`,
				`DTSTAMP:${stamp}`,
				`DTSTART;VALUE=DATE:${day}`,
				`DTEND;VALUE=DATE:${next}`,
				`SUMMARY:${icsEscape(t(ctx.locale, 'programs_feed_event', { title }))}`,
				`URL:${origin}/${ctx.locale}/programs/${r.slug}`,
				`DESCRIPTION:${icsEscape(`${origin}/${ctx.locale}/programs/${r.slug}${d.note ? `\n${d.note}` : ''}`)}`,
				'BEGIN:VALARM',
				'ACTION:DISPLAY',
				'TRIGGER:-P3D',
				`DESCRIPTION:${icsEscape(title)}`,
				'END:VALARM',
				'END:VEVENT'
			);
		}
	}
	lines.push('END:VCALENDAR');
	return lines.map(icsFold).join('\r\n') + '\r\n';
}
