import { Composer, InlineKeyboard } from 'grammy';
import type { Update } from 'grammy/types';
import { createContext, type Platform } from '#lib/server/core';
import type { Db } from '#lib/server/db';
import { care, type ServiceView } from '#lib/server/modules/care';
import { COUNTRIES, countryName, formatPartialDate } from '#lib/i18n/format';
import { isLocale, type Locale } from '#lib/i18n/locales';
import { t } from '#lib/i18n/messages';
import { chosenLocale, localeFromTelegram, type BotContext } from '../context';
import { escapeHtml, split } from '../text';

/**
 * Safe help in the bot, under a neutral command (`/contacts`, "useful contacts"): the confirmed
 * entries of the directory for a chosen country and region, numbers as text Telegram makes
 * tappable. Answered straight from the handler: no session, no dialog state, no job, no outbox row,
 * no rate-limit row, no update-id row and no log line with the chat id. Buttons carry the language
 * and the choice (`c:<locale>:<country>[:<region>]`), so nothing about the chat is kept anywhere; a
 * throttle in memory only keeps one chat from flooding.
 */
export const CARE_COMMAND = 'contacts';
const DATA = /^c:([a-z]{2}):([A-Z]{2})?(?::([A-Z]{2}-[A-Z0-9-]{1,12}|all))?$/;

export function isCareUpdate(update: Update): boolean {
	const text = update.message?.text;
	if (text && new RegExp(`^/${CARE_COMMAND}(?:@\\w+)?(?:\\s|$)`).test(text)) return true;
	const data = update.callback_query?.data;
	return !!data && data.startsWith('c:');
}

/** At most 20 care answers a minute per chat, counted in memory (a hash of nothing stored). */
function throttle(limit = 20, windowMs = 60_000) {
	const hits = new Map<number, number[]>();
	return (chat: number): boolean => {
		const now = Date.now();
		const recent = (hits.get(chat) ?? []).filter((at) => now - at < windowMs);
		if (recent.length >= limit) return false;
		recent.push(now);
		hits.set(chat, recent);
		if (hits.size > 5000) for (const [k, v] of hits) if (!v.some((at) => now - at < windowMs)) hits.delete(k);
		return true;
	};
}

function entryText(locale: Locale, s: ServiceView): string {
	const lines = [`<b>${escapeHtml(s.name.text)}</b> — ${escapeHtml(t(locale, `care_kind_${s.kind}`))}`];
	// Numbers as plain text: Telegram makes them tappable (a tel: button is not allowed in a bot).
	for (const p of s.phones) lines.push(`☎ ${escapeHtml(p.tel ? p.tel.slice(4) : p.display)}`);
	if (s.hours) lines.push(`${escapeHtml(t(locale, 'care_hours'))}: ${escapeHtml(s.hours.text)}`);
	if (s.cost) lines.push(`${escapeHtml(t(locale, 'care_cost'))}: ${escapeHtml(s.cost.text)}`);
	if (s.lastConfirmed)
		lines.push(
			escapeHtml(
				t(locale, 'bot_care_confirmed', { date: formatPartialDate(locale, s.lastConfirmed.asGiven) })
			)
		);
	if (s.demo) lines.push(escapeHtml(t(locale, 'bot_demo')));
	return lines.join('\n');
}

export function careComposer(db: Db, platform: Platform, clock: () => Date): Composer<BotContext> {
	const composer = new Composer<BotContext>();
	const allowed = throttle();
	const service = (locale: Locale) => createContext(db, platform, { locale, clock });

	const countries = (locale: Locale) => {
		const keyboard = new InlineKeyboard();
		COUNTRIES.forEach((c, i) => {
			keyboard.text(countryName(locale, c), `c:${locale}:${c}`);
			if (i % 2 === 1) keyboard.row();
		});
		return keyboard;
	};

	composer.command(CARE_COMMAND, async (ctx) => {
		if (!ctx.chat || !allowed(ctx.chat.id)) return;
		const locale =
			(await chosenLocale(db, String(ctx.chat.id))) ?? localeFromTelegram(ctx.from?.language_code) ?? 'ru';
		await ctx.reply(`${t(locale, 'bot_care_intro')}\n\n${t(locale, 'care_choose_heading')}`, {
			reply_markup: countries(locale)
		});
	});

	composer.callbackQuery(/^c:/, async (ctx) => {
		const chat = ctx.chat?.id ?? ctx.from.id;
		const match = DATA.exec(ctx.callbackQuery.data);
		const locale: Locale =
			match && isLocale(match[1]) ? match[1] : (localeFromTelegram(ctx.from.language_code) ?? 'ru');
		await ctx.answerCallbackQuery().catch(() => {});
		if (!allowed(chat)) return;
		if (!match || (match[2] && !(COUNTRIES as readonly string[]).includes(match[2]))) {
			await ctx.reply(t(locale, 'bot_stale_button'), { reply_markup: countries(locale) });
			return;
		}
		const [, , country, region] = match;
		if (!country) {
			await ctx.reply(t(locale, 'care_choose_heading'), { reply_markup: countries(locale) });
			return;
		}
		const ctxService = service(locale);
		if (!region) {
			const regions = await care.regionsOf(ctxService, country);
			const keyboard = new InlineKeyboard()
				.text(t(locale, 'care_region_all'), `c:${locale}:${country}:all`)
				.row();
			regions.forEach((r, i) => {
				keyboard.text(r.name || r.code, `c:${locale}:${country}:${r.code}`);
				if (i % 2 === 1) keyboard.row();
			});
			await ctx.reply(`${countryName(locale, country)}\n${t(locale, 'care_region_hint')}`, {
				reply_markup: keyboard
			});
			return;
		}
		let help;
		try {
			help = await care.countryHelp(ctxService, { country, region: region === 'all' ? undefined : region });
		} catch {
			await ctx.reply(t(locale, 'bot_stale_button'), { reply_markup: countries(locale) });
			return;
		}
		const name = countryName(locale, country);
		const parts: string[] = [`<b>${escapeHtml(t(locale, 'care_results_heading', { country: name }))}</b>`];
		if (help && help.emergency.length) {
			parts.push(`<b>${escapeHtml(t(locale, 'care_emergency_heading'))}</b>`);
			for (const s of help.emergency) parts.push(entryText(locale, s));
		} else parts.push(escapeHtml(t(locale, 'care_no_emergency', { country: name })));
		if (help && help.others.length) {
			parts.push(`<b>${escapeHtml(t(locale, 'care_other_heading'))}</b>`);
			for (const s of help.others) parts.push(entryText(locale, s));
		}
		if (help && !help.hasConfirmedPhone)
			parts.push(escapeHtml(t(locale, 'care_no_phone', { country: name })));
		parts.push(escapeHtml(t(locale, 'bot_care_privacy')));
		for (const chunk of split(parts.join('\n\n')))
			await ctx.reply(chunk, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
	});
	return composer;
}
