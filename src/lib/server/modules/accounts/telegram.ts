import { randomInt } from 'node:crypto';
import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { AppError, requireUser, writeAudit, type ServiceContext } from '../../core';
import { accountsTelegram, accountsTelegramCode } from './schema';
import { loadActor } from './organizations';

/**
 * Linking a Birge account to a Telegram chat. The web account page shows a one-time code (valid for
 * 15 minutes, used once); she sends it to the bot (`/start link_<code>` from the page's link, or the
 * code itself). Either side may unlink. The chat id is what the bot and the outbox need to reach her.
 */

export const LINK_CODE_MINUTES = 15;
/** Without 0/O, 1/I/L: easy to read off a phone screen and type. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE = /^[A-Z2-9]{8}$/;

/** A fresh one-time code for the signed-in user (earlier unused codes stop working). */
export async function createTelegramCode(ctx: ServiceContext): Promise<{ code: string; expiresAt: Date }> {
	const userId = requireUser(ctx);
	let code = '';
	for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	const expiresAt = new Date(ctx.clock().getTime() + LINK_CODE_MINUTES * 60_000);
	await ctx.db.transaction(async (tx) => {
		await tx
			.delete(accountsTelegramCode)
			.where(and(eq(accountsTelegramCode.userId, userId), isNull(accountsTelegramCode.usedAt)));
		await tx.insert(accountsTelegramCode).values({ code, userId, expiresAt });
	});
	return { code, expiresAt };
}

/** Normalises what she typed: spaces, dashes and lower case are forgiven. */
export function normaliseLinkCode(raw: string): string | null {
	const code = raw.replace(/[\s-]/g, '').toUpperCase();
	return CODE.test(code) ? code : null;
}

/**
 * Links the chat to the code's account (called by the bot). A chat or an account linked elsewhere
 * before is moved: one chat per account, one account per chat. Returns the account's id.
 */
export async function linkTelegram(ctx: ServiceContext, rawCode: string, chatId: string): Promise<string> {
	const code = normaliseLinkCode(rawCode);
	const refused = () => new AppError('INVALID', { messageKey: 'accounts_telegram_code_invalid' });
	if (!code || !/^-?\d{1,20}$/.test(chatId)) throw refused();
	return ctx.db.transaction(async (tx) => {
		const [used] = await tx
			.update(accountsTelegramCode)
			.set({ usedAt: ctx.clock() })
			.where(
				and(
					eq(accountsTelegramCode.code, code),
					isNull(accountsTelegramCode.usedAt),
					gt(accountsTelegramCode.expiresAt, ctx.clock())
				)
			)
			.returning({ userId: accountsTelegramCode.userId });
		if (!used) throw refused();
		await tx
			.delete(accountsTelegram)
			.where(or(eq(accountsTelegram.userId, used.userId), eq(accountsTelegram.chatId, chatId)));
		// The caller (the bot) speaks for the chat: its context's language is the chat's.
		await tx
			.insert(accountsTelegram)
			.values({ userId: used.userId, chatId, linkedAt: ctx.clock(), locale: ctx.locale });
		await writeAudit(
			{ ...ctx, db: tx, actor: { userId: used.userId, grants: [], memberships: [] } },
			{ action: 'accounts.telegram_link', entity: 'user', entityId: used.userId }
		);
		return used.userId;
	});
}

/** The signed-in user's link, for her account page. */
export async function myTelegram(ctx: ServiceContext): Promise<{ linkedAt: Date } | null> {
	const userId = requireUser(ctx);
	const [row] = await ctx.db
		.select({ linkedAt: accountsTelegram.linkedAt })
		.from(accountsTelegram)
		.where(eq(accountsTelegram.userId, userId));
	return row ?? null;
}

/** Unlinks the signed-in user's chat (from the web). */
export async function unlinkMyTelegram(ctx: ServiceContext): Promise<boolean> {
	const userId = requireUser(ctx);
	const gone = await ctx.db
		.delete(accountsTelegram)
		.where(eq(accountsTelegram.userId, userId))
		.returning({ userId: accountsTelegram.userId });
	if (gone.length)
		await writeAudit(ctx, { action: 'accounts.telegram_unlink', entity: 'user', entityId: userId });
	return gone.length > 0;
}

/** Unlinks a chat (from the bot, which speaks for the chat). */
export async function unlinkTelegramChat(ctx: ServiceContext, chatId: string): Promise<boolean> {
	const gone = await ctx.db
		.delete(accountsTelegram)
		.where(eq(accountsTelegram.chatId, chatId))
		.returning({ userId: accountsTelegram.userId });
	for (const g of gone)
		await writeAudit(
			{ ...ctx, actor: { userId: g.userId, grants: [], memberships: [] } },
			{ action: 'accounts.telegram_unlink', entity: 'user', entityId: g.userId }
		);
	return gone.length > 0;
}

/** The actor a chat speaks as: the linked account's (roles and memberships loaded), or null. */
export async function telegramActor(ctx: ServiceContext, chatId: string) {
	const [row] = await ctx.db
		.select({ userId: accountsTelegram.userId })
		.from(accountsTelegram)
		.where(eq(accountsTelegram.chatId, chatId));
	if (!row) return null;
	return loadActor(ctx.db, row.userId);
}

/** Linked chats of these users (for notifications through Telegram): user id → chat id. */
export async function telegramChatsOf(ctx: ServiceContext, userIds: string[]): Promise<Map<string, string>> {
	if (!userIds.length) return new Map();
	const rows = await ctx.db
		.select({ userId: accountsTelegram.userId, chatId: accountsTelegram.chatId })
		.from(accountsTelegram)
		.where(inArray(accountsTelegram.userId, [...new Set(userIds)]));
	return new Map(rows.map((r) => [r.userId, r.chatId]));
}

/** The linked chat chose another language in the bot (nothing when the chat is not linked). */
export async function setTelegramChatLocale(ctx: ServiceContext, chatId: string, locale: string) {
	await ctx.db.update(accountsTelegram).set({ locale }).where(eq(accountsTelegram.chatId, chatId));
}

/**
 * Linked chats of these users with the language each chat speaks (null for a link made before it was
 * kept): user id → { chatId, locale }. For messages that should reach her in her chat's language.
 */
export async function telegramRecipientsOf(
	ctx: ServiceContext,
	userIds: string[]
): Promise<Map<string, { chatId: string; locale: string | null }>> {
	if (!userIds.length) return new Map();
	const rows = await ctx.db
		.select({
			userId: accountsTelegram.userId,
			chatId: accountsTelegram.chatId,
			locale: accountsTelegram.locale
		})
		.from(accountsTelegram)
		.where(inArray(accountsTelegram.userId, [...new Set(userIds)]));
	return new Map(rows.map((r) => [r.userId, { chatId: r.chatId, locale: r.locale }]));
}
