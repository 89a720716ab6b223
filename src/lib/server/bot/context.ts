import { eq, sql } from 'drizzle-orm';
import type { Context } from 'grammy';
import { ANONYMOUS, createContext, type Platform, type ServiceContext } from '#lib/server/core';
import type { Db } from '#lib/server/db';
import { accounts } from '#lib/server/modules/accounts';
import { isLocale, LOCALES, type Locale } from '#lib/i18n/locales';
import { t, type MessageKey, type MessageParams } from '#lib/i18n/messages';
import { botChat } from './schema';

/**
 * What every handler (except safe help) gets besides grammY's context: the chat's language and
 * dialog state from the database, and the same service context a web request would have, acting as
 * the linked account (or anonymously).
 */
export interface DialogState {
	dialog?: string;
	/** The dialog's storage version: a state saved by an older version of its code is dropped. */
	version?: number;
	step?: string;
	answers?: Record<string, unknown>;
}

export interface Birge {
	chatId: string;
	locale: Locale;
	/** True once she chose a language (else Telegram's language_code, else Russian). */
	chosen: boolean;
	state: DialogState;
	service: ServiceContext;
	linked: boolean;
	t(key: MessageKey, params?: MessageParams): string;
	/** Saves the dialog state (one upsert; `{}` ends the dialog). */
	setState(state: DialogState): Promise<void>;
	setLocale(locale: Locale): Promise<void>;
	/** Rebuilds the service context after linking or unlinking. */
	reloadActor(): Promise<void>;
}

export type BotContext = Context & { birge: Birge };

/** Telegram's language_code (IETF tag, e.g. `ru`, `uz`, `en-GB`) → one of the six, or null. */
export function localeFromTelegram(code: string | undefined): Locale | null {
	if (!code) return null;
	const base = code.toLowerCase().split('-')[0];
	return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

/** The chat's chosen language, read only (safe help uses this and writes nothing). */
export async function chosenLocale(db: Db, chatId: string): Promise<Locale | null> {
	const [row] = await db.select({ locale: botChat.locale }).from(botChat).where(eq(botChat.chatId, chatId));
	return row && isLocale(row.locale) ? row.locale : null;
}

async function upsertChat(
	db: Db,
	chatId: string,
	values: { locale?: Locale; state?: DialogState },
	now: Date
) {
	await db
		.insert(botChat)
		.values({
			chatId,
			locale: values.locale ?? null,
			state: (values.state ?? {}) as Record<string, unknown>,
			createdAt: now,
			updatedAt: now
		})
		.onConflictDoUpdate({
			target: botChat.chatId,
			set: {
				...(values.locale ? { locale: values.locale } : {}),
				...(values.state ? { state: sql`${JSON.stringify(values.state)}::jsonb` } : {}),
				updatedAt: now
			}
		});
}

export async function buildBirge(
	db: Db,
	platform: Platform,
	chatId: string,
	languageCode: string | undefined,
	clock: () => Date
): Promise<Birge> {
	const [row] = await db.select().from(botChat).where(eq(botChat.chatId, chatId));
	const chosen = row && isLocale(row.locale) ? row.locale : null;
	const locale = chosen ?? localeFromTelegram(languageCode) ?? 'ru';
	const base = createContext(db, platform, { locale, clock, clientKey: `tg:${chatId}` });
	const actor = await accounts.telegramActor(base, chatId);
	const birge: Birge = {
		chatId,
		locale,
		chosen: !!chosen,
		state: (row?.state as DialogState) ?? {},
		service: { ...base, actor: actor ?? ANONYMOUS },
		linked: !!actor,
		t: (key, params) => t(birge.locale, key, params),
		async setState(state) {
			birge.state = state;
			await upsertChat(db, chatId, { state }, clock());
		},
		async setLocale(next) {
			birge.locale = next;
			birge.chosen = true;
			birge.service = { ...birge.service, locale: next };
			await upsertChat(db, chatId, { locale: next }, clock());
			// A linked chat's language goes with the link: messages from the modules use it.
			if (birge.linked) await accounts.setTelegramChatLocale(birge.service, chatId, next);
		},
		async reloadActor() {
			const again = await accounts.telegramActor(birge.service, chatId);
			birge.service = { ...birge.service, actor: again ?? ANONYMOUS };
			birge.linked = !!again;
		}
	};
	return birge;
}
