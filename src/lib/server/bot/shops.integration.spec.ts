import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { authUser } from '#lib/server/db/schema';
import { createContext } from '#lib/server/core';
import { accounts } from '#lib/server/modules/accounts';
import { shops } from '#lib/server/modules/shops';
import { t } from '#lib/i18n/messages';
import { createBirgeBot, type BirgeBot } from './bot';
import { BOT_INFO, startEmulator, updates, type Emulator } from './testing/emulator';
import { telegramApi, withTelegram } from './sender';
import { fitsCallback } from './text';

/** The shops Composer against the Bot API emulator, on the demo shops (labelled demo). */
let db: TestDb;
let emu: Emulator;
let bot: BirgeBot;
const SHOP = 'demo-issyk-kul-felt';
const PRODUCT = 'felt-slippers';

const texts = (chat: number) => emu.sent('sendMessage', chat).map((c) => String(c.payload.text));
const lastText = (chat: number) => texts(chat).at(-1) ?? '';
const buttonsOf = (call: { payload: Record<string, unknown> } | undefined) =>
	(
		(
			call?.payload.reply_markup as
				{ inline_keyboard: { text: string; callback_data: string }[][] } | undefined
		)?.inline_keyboard ?? []
	).flat();

beforeAll(async () => {
	db = await createTestDb({ seed: true, demo: true });
	emu = await startEmulator();
	bot = createBirgeBot({
		token: emu.token,
		apiRoot: emu.apiRoot,
		platform: db.platform,
		db: db.handle.db,
		botInfo: BOT_INFO,
		pace: { perChatMs: 0, perSecond: 10_000 }
	});
});
afterAll(async () => {
	await bot?.stop();
	await emu?.close();
	await db?.close();
});
beforeEach(() => {
	emu.calls.length = 0;
});

async function linkedUser(id: string, chat: number, locale: 'ky' | 'ru') {
	await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale });
	const { code } = await accounts.createTelegramCode(db.ctx({ actor: actor(id) }));
	await bot.handle(updates.text(chat, `/link ${code}`, { languageCode: locale }));
	expect(lastText(chat)).toBe(t(locale, 'bot_linked'));
}

describe('buyers', () => {
	it('search products with /shop, misspelled, and see each with its price and page', async () => {
		await bot.handle(updates.text(801, '/shop тапочкалр', { languageCode: 'ky' }));
		const reply = lastText(801);
		expect(reply.startsWith(t('ky', 'bot_shops_found'))).toBe(true);
		expect(reply).toContain(`${db.platform.origin}/ky/shops/${SHOP}/${PRODUCT}`);
		expect(reply).toContain(t('ky', 'bot_shops_demo'));
	});

	it('search from the menu entry: the next words are a product search, not a program search', async () => {
		await bot.handle(updates.callback(802, 'm:shops', { languageCode: 'ru' }));
		expect(lastText(802)).toBe(t('ru', 'bot_shops_prompt'));
		await bot.handle(updates.text(802, 'амигуруми', { languageCode: 'ru' }));
		expect(lastText(802)).toContain('/ru/shops/demo-bishkek-amigurumi/');
		// A word no product has: said so, with the catalogue to try.
		await bot.handle(updates.text(802, '/shop квантовый', { languageCode: 'ru' }));
		expect(lastText(802)).toContain(t('ru', 'bot_shops_none', { q: 'квантовый', url: '' }).slice(0, 20));
	});

	it('open a shop from a deep link', async () => {
		await bot.handle(updates.text(803, `/start shop_${SHOP}`, { languageCode: 'ru' }));
		const reply = lastText(803);
		expect(reply).toContain(`${db.platform.origin}/ru/shops/${SHOP}`);
		expect(reply).toContain(t('ru', 'bot_shops_shop_products'));
		await bot.handle(updates.text(803, '/start shop_no-such-shop', { languageCode: 'ru' }));
		expect(lastText(803)).toBe(t('ru', 'error_not_found'));
	});
});

describe('the maker', () => {
	it('gets each new order request in Telegram and accepts it with a button; nobody else can', async () => {
		await linkedUser('tg-maker', 811, 'ky');
		await linkedUser('tg-other', 812, 'ru');
		await db.handle.db.execute(
			sql`insert into shops_owner (shop_id, user_id, role) select id, 'tg-maker', 'owner' from shops_shop where slug = ${SHOP}`
		);
		const { id } = await shops.sendRequest(db.ctx({ clientKey: 'tg-buyer', locale: 'ru' }), SHOP, PRODUCT, {
			buyerName: 'Айгүл',
			contactKind: 'phone',
			contact: '+996 555 123 456',
			city: 'Каракол',
			variantId: null,
			quantity: '1',
			message: 'Салам'
		});
		const platform = {
			...db.platform,
			sender: withTelegram(db.platform.sender, telegramApi(emu.token, emu.apiRoot))
		};
		await shops.deliverShopMessages(createContext(db.handle.db, platform, {}));
		const sent = emu.sent('sendMessage', 811).at(-1);
		expect(String(sent?.payload.text)).toContain(`/ky/my-shop/${SHOP}/requests/${id}`);
		// Never the buyer's contacts in the chat.
		expect(String(sent?.payload.text)).not.toContain('555');
		expect(String(sent?.payload.text)).not.toContain('Айгүл');
		const buttons = buttonsOf(sent);
		expect(buttons.map((b) => b.callback_data)).toEqual([`sa:${id}`, `sd:${id}`]);
		expect(buttons.map((b) => b.text)).toEqual([t('ky', 'bot_shops_accept'), t('ky', 'bot_shops_decline')]);
		expect(buttons.every((b) => fitsCallback(b.callback_data))).toBe(true);
		// Another linked user pressing the same button: the request does not exist for her.
		await bot.handle(updates.callback(812, `sd:${id}`, { languageCode: 'ru' }));
		expect(lastText(812)).toBe(t('ru', 'error_not_found'));
		// An unlinked chat is asked to link first.
		await bot.handle(updates.callback(813, `sa:${id}`, { languageCode: 'ru' }));
		expect(lastText(813)).toContain(t('ru', 'bot_needs_link', { origin: db.platform.origin }).slice(0, 20));
		await bot.handle(updates.callback(811, `sa:${id}`, { languageCode: 'ky' }));
		expect(lastText(811)).toContain(
			t('ky', 'bot_shops_request_accepted', { product: '', url: '' }).slice(0, 12)
		);
		const maker = db.ctx({ actor: actor('tg-maker'), locale: 'ky' });
		expect((await shops.getRequest(maker, SHOP, id)).status).toBe('accepted');
		// Pressed again (or Decline after Accept): refused, the status stays.
		await bot.handle(updates.callback(811, `sd:${id}`, { languageCode: 'ky' }));
		expect(lastText(811)).toBe(t('ky', 'shops_error_transition'));
		expect((await shops.getRequest(maker, SHOP, id)).status).toBe('accepted');
	});
});
