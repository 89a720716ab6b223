import { Composer } from 'grammy';
import { shops, type ProductCard } from '#lib/server/modules/shops';
import { countryName } from '#lib/i18n/format';
import type { BotContext } from '../context';

/**
 * Maker shops in the bot. A buyer searches products (`/shop <words>`, or the menu's entry and then
 * her words) and opens a shop from a deep link (`/start shop_<slug>`, see start.ts). A maker whose
 * account is linked receives each new order request here (through the outbox: shops/jobs.ts) with
 * Accept / Decline buttons. Callback data carries the request id only: `sa:<id>` accept, `sd:<id>`
 * decline (39 bytes). Every change goes through shops' index, which checks she runs the shop.
 */
export const shopsComposer = new Composer<BotContext>();

const SHOWN = 5;

function lines(ctx: BotContext, items: ProductCard[]): string[] {
	const origin = ctx.birge.service.platform.origin;
	return items.slice(0, SHOWN).map((p) => {
		const demo = p.demo ? ` ${ctx.birge.t('bot_shops_demo')}` : '';
		return `• ${p.title} — ${p.price.text} (${p.shopName}${demo})\n${origin}${p.path}`;
	});
}

async function search(ctx: BotContext, q: string) {
	const t = ctx.birge.t;
	const result = await shops.findProducts(ctx.birge.service, { q: q.slice(0, 200) });
	const url = `${ctx.birge.service.platform.origin}/${ctx.birge.locale}/shops?q=${encodeURIComponent(q)}`;
	if (!result.items.length) return ctx.reply(t('bot_shops_none', { q, url }), noPreview);
	const more = result.total > SHOWN ? [t('bot_shops_more', { url })] : [];
	await ctx.reply([t('bot_shops_found'), ...lines(ctx, result.items), ...more].join('\n\n'), noPreview);
}

const noPreview = { link_preview_options: { is_disabled: true } };

/** A shop from a deep link: its name, place, story's start and first products, and its page. */
export async function showShop(ctx: BotContext, slug: string) {
	const t = ctx.birge.t;
	const s = await shops.getShop(ctx.birge.service, slug);
	const origin = ctx.birge.service.platform.origin;
	const place = [s.village, s.district, s.region, countryName(ctx.birge.locale, s.country)].filter(Boolean);
	const story = s.story.length > 300 ? `${s.story.slice(0, 297)}…` : s.story;
	const text = [
		`${s.name}${s.demo ? ` ${t('bot_shops_demo')}` : ''}\n${place.join(', ')}`,
		...(story ? [story] : []),
		...(s.products.length
			? [t('bot_shops_shop_products'), ...lines(ctx, s.products)]
			: [t('bot_shops_no_products')]),
		`${origin}${s.path}`
	];
	await ctx.reply(text.join('\n\n'), noPreview);
}

async function prompt(ctx: BotContext) {
	await ctx.birge.setState({ dialog: 'shops' });
	await ctx.reply(ctx.birge.t('bot_shops_prompt'));
}

shopsComposer.command('shop', async (ctx) => {
	const q = ctx.match.trim();
	if (!q) return prompt(ctx);
	await ctx.birge.setState({});
	return search(ctx, q);
});
shopsComposer.callbackQuery('m:shops', async (ctx) => {
	await ctx.answerCallbackQuery();
	await prompt(ctx);
});

/** Her words after the prompt are a product search (other text goes on to the next Composer). */
shopsComposer.on('message:text', async (ctx, next) => {
	const text = ctx.message.text.trim();
	if (text.startsWith('/') || ctx.birge.state.dialog !== 'shops') return next();
	await ctx.birge.setState({});
	return search(ctx, text);
});

shopsComposer.callbackQuery(/^s[ad]:[0-9a-f-]{36}$/, async (ctx) => {
	await ctx.answerCallbackQuery();
	if (!ctx.birge.linked)
		return ctx.reply(ctx.birge.t('bot_needs_link', { origin: ctx.birge.service.platform.origin }));
	const status = ctx.callbackQuery.data.startsWith('sa:') ? 'accepted' : 'declined';
	const done = await shops.decideRequest(ctx.birge.service, ctx.callbackQuery.data.slice(3), { status });
	await ctx.reply(
		ctx.birge.t(status === 'accepted' ? 'bot_shops_request_accepted' : 'bot_shops_request_declined', {
			product: done.product,
			url: `${ctx.birge.service.platform.origin}/${ctx.birge.locale}/my-shop/${done.shopSlug}/requests/${ctx.callbackQuery.data.slice(3)}`
		}),
		noPreview
	);
});
