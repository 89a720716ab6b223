import { Composer, InlineKeyboard } from 'grammy';
import { accounts } from '#lib/server/modules/accounts';
import { isLocale, LOCALE_NAMES, LOCALES } from '#lib/i18n/locales';
import type { BotContext } from '../context';
import { CARE_COMMAND } from './care';
import { showProgram } from './programs';
import { showShop } from './shops';

/**
 * `/start` (with its deep links), the language choice, the menu, and linking the chat to a Birge
 * account: `/start link_<code>` from the account page's link, `/link <code>` typed, `/unlink`.
 */

export function languageKeyboard(): InlineKeyboard {
	const keyboard = new InlineKeyboard();
	LOCALES.forEach((l, i) => {
		keyboard.text(LOCALE_NAMES[l], `l:${l}`);
		if (i % 2 === 1) keyboard.row();
	});
	return keyboard;
}

export function menuKeyboard(ctx: BotContext): InlineKeyboard {
	const t = ctx.birge.t;
	return new InlineKeyboard()
		.text(t('bot_menu_search'), 'm:search')
		.text(t('bot_menu_check'), 'e:start')
		.row()
		.text(t('bot_menu_saved'), 'm:saved')
		.text(t('bot_menu_contacts'), `c:${ctx.birge.locale}:`)
		.row()
		.text(t('bot_menu_coalitions'), 'm:coalitions')
		.text(t('bot_shops_menu'), 'm:shops')
		.row()
		.text(t('bot_production_menu'), 'm:work')
		.text(t('bot_menu_language'), 'm:language')
		.row()
		.text(
			ctx.birge.linked ? t('bot_menu_unlink') : t('bot_menu_link'),
			ctx.birge.linked ? 'm:unlink' : 'm:link'
		);
}

export async function sendMenu(ctx: BotContext) {
	await ctx.reply(ctx.birge.t('bot_menu_intro', { contacts: `/${CARE_COMMAND}` }), {
		reply_markup: menuKeyboard(ctx)
	});
}

async function link(ctx: BotContext, code: string) {
	await accounts.linkTelegram(ctx.birge.service, code, ctx.birge.chatId);
	await ctx.birge.reloadActor();
	await ctx.reply(ctx.birge.t('bot_linked'), { reply_markup: menuKeyboard(ctx) });
}

export const startComposer = new Composer<BotContext>();

startComposer.command('start', async (ctx) => {
	const payload = ctx.match.trim();
	await ctx.birge.setState({});
	if (payload.startsWith('link_')) return link(ctx, payload.slice(5));
	if (payload.startsWith('program_')) return showProgram(ctx, payload.slice(8));
	if (payload.startsWith('shop_')) return showShop(ctx, payload.slice(5));
	if (!ctx.birge.chosen) {
		await ctx.reply(ctx.birge.t('bot_welcome'), { reply_markup: languageKeyboard() });
		return;
	}
	await ctx.reply(ctx.birge.t('bot_welcome_back'));
	await sendMenu(ctx);
});

startComposer.command(['menu', 'help'], (ctx) => sendMenu(ctx));
startComposer.command('language', (ctx) =>
	ctx.reply(ctx.birge.t('bot_choose_language'), { reply_markup: languageKeyboard() })
);

startComposer.callbackQuery(/^l:/, async (ctx) => {
	const locale = ctx.callbackQuery.data.slice(2);
	await ctx.answerCallbackQuery();
	if (!isLocale(locale))
		return ctx.reply(ctx.birge.t('bot_stale_button'), { reply_markup: languageKeyboard() });
	await ctx.birge.setLocale(locale);
	await ctx.reply(ctx.birge.t('bot_language_set'));
	await sendMenu(ctx);
});

startComposer.callbackQuery('m:language', async (ctx) => {
	await ctx.answerCallbackQuery();
	await ctx.reply(ctx.birge.t('bot_choose_language'), { reply_markup: languageKeyboard() });
});

startComposer.command('link', async (ctx) => {
	const code = ctx.match.trim();
	if (!code) return ctx.reply(ctx.birge.t('bot_link_how', { origin: ctx.birge.service.platform.origin }));
	return link(ctx, code);
});

startComposer.callbackQuery('m:link', async (ctx) => {
	await ctx.answerCallbackQuery();
	await ctx.reply(ctx.birge.t('bot_link_how', { origin: ctx.birge.service.platform.origin }));
});

/** Unlinks the chat, and her "Sign in with Telegram" on the web too, unless it is her only way in. */
async function unlink(ctx: BotContext) {
	let login: 'bot_unlinked_login' | 'bot_unlinked_login_kept' | null = null;
	if (ctx.birge.linked)
		login = await accounts.unlinkTelegramLogin(ctx.birge.service).then(
			(removed) => (removed ? 'bot_unlinked_login' : null),
			(error: unknown) => {
				if ((error as { code?: string }).code === 'CONFLICT') return 'bot_unlinked_login_kept' as const;
				throw error;
			}
		);
	const done = await accounts.unlinkTelegramChat(ctx.birge.service, ctx.birge.chatId);
	await ctx.birge.reloadActor();
	const text = ctx.birge.t(done ? 'bot_unlinked' : 'bot_not_linked');
	await ctx.reply(login ? `${text}\n${ctx.birge.t(login)}` : text, { reply_markup: menuKeyboard(ctx) });
}

startComposer.command('unlink', unlink);
startComposer.callbackQuery('m:unlink', async (ctx) => {
	await ctx.answerCallbackQuery();
	await unlink(ctx);
});
