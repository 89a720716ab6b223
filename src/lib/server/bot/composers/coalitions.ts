import { Composer, InlineKeyboard } from 'grammy';
import { coalitions } from '#lib/server/modules/coalitions';
import { countryName } from '#lib/i18n/format';
import type { BotContext } from '../context';
import { fitsCallback } from '../text';

/**
 * Coalitions in the bot: the list, and following one in Telegram (each new accountability entry
 * then comes to this chat through the outbox). Callback data: `cf:<slug>` follow, `cu:<slug>` unfollow.
 */
export const coalitionsComposer = new Composer<BotContext>();

async function list(ctx: BotContext) {
	const t = ctx.birge.t;
	const { coalitions: all } = await coalitions.listCoalitions(ctx.birge.service);
	if (!all.length) return ctx.reply(t('bot_coalitions_none'));
	const keyboard = new InlineKeyboard();
	const lines = [t('bot_coalitions_heading')];
	for (const c of all) {
		const following = ctx.birge.linked ? await coalitions.myFollow(ctx.birge.service, c.slug) : null;
		lines.push(`• ${c.name.text} (${countryName(ctx.birge.locale, c.country)})`);
		const data = `${following === 'telegram' ? 'cu' : 'cf'}:${c.slug}`;
		if (fitsCallback(data))
			keyboard.text(`${following === 'telegram' ? '✓ ' : ''}${c.name.text}`.slice(0, 60), data).row();
	}
	lines.push(`${ctx.birge.service.platform.origin}/${ctx.birge.locale}/coalitions`);
	await ctx.reply(lines.join('\n'), { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}

coalitionsComposer.command('coalitions', list);
coalitionsComposer.callbackQuery('m:coalitions', async (ctx) => {
	await ctx.answerCallbackQuery();
	await list(ctx);
});

coalitionsComposer.callbackQuery(/^c[fu]:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const follow = ctx.callbackQuery.data.startsWith('cf:');
	const slug = ctx.callbackQuery.data.slice(3);
	if (!ctx.birge.linked)
		return ctx.reply(ctx.birge.t('bot_needs_link', { origin: ctx.birge.service.platform.origin }));
	const c = await coalitions.getCoalition(ctx.birge.service, slug);
	if (follow) await coalitions.followCoalition(ctx.birge.service, slug, { channel: 'telegram' });
	else await coalitions.unfollowCoalition(ctx.birge.service, slug);
	await ctx.reply(
		ctx.birge.t(follow ? 'bot_coalitions_followed' : 'bot_coalitions_unfollowed', { name: c.name.text })
	);
});
