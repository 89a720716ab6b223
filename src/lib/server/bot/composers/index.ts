import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { startComposer } from './start';
import { programsComposer } from './programs';
import { coalitionsComposer } from './coalitions';
import { shopsComposer } from './shops';
import { learningComposer } from './learning';
import { MAX_PHOTO_BYTES } from '../jobs';
import { productionComposer } from './production';

/**
 * The bot's module Composers, in order. Each calls only its module's index.ts. A module's part is
 * added here as one line when the module lands. Safe help is not
 * in this list: it runs before the session (see bot.ts).
 */
export const COMPOSERS: Composer<BotContext>[] = [
	startComposer,
	// Before programs, whose text handler takes every other message as a program search.
	shopsComposer,
	learningComposer,
	productionComposer,
	programsComposer,
	coalitionsComposer
];

/** What no Composer took: a short reply in her language, never a crash. */
export const fallbackComposer = new Composer<BotContext>();

fallbackComposer.on('edited_message', (ctx) => ctx.reply(ctx.birge.t('bot_edited')));
fallbackComposer.on('callback_query', async (ctx) => {
	await ctx.answerCallbackQuery({ text: ctx.birge.t('bot_stale_button') });
	await ctx.reply(ctx.birge.t('bot_stale_button'));
});
/** A photo outside the piece-report dialog (composers/production.ts takes those). */
fallbackComposer.on(['message:photo', 'message:document'], (ctx) => {
	const photo = ctx.message.photo?.at(-1);
	const size = photo?.file_size ?? ctx.message.document?.file_size ?? 0;
	return ctx.reply(ctx.birge.t(size > MAX_PHOTO_BYTES ? 'bot_photo_too_large' : 'bot_photo_unexpected'));
});
fallbackComposer.on('message:text', (ctx) => ctx.reply(ctx.birge.t('bot_unknown_command')));
fallbackComposer.on('message', (ctx) => ctx.reply(ctx.birge.t('bot_not_understood')));
