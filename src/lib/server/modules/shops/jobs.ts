import { defineJob, deliverDue, type ServiceContext } from '../../core';
import { t } from '#lib/i18n/messages';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { eraseOldContacts, smsForRequest } from './requests';

/** Daily: buyers' contacts of requests closed more than a year ago are erased. */
export const eraseJob = defineJob({
	name: 'shops.erase-contacts',
	everySeconds: 86400,
	async run(ctx) {
		return { erased: await eraseOldContacts(ctx) };
	}
});

const localeOf = (l: string) => ((LOCALES as readonly string[]).includes(l) ? l : 'ru') as Locale;

type Queued = { template: string; locale: string; payload: unknown; recipient: string; channel: string };

/** The e-mail for a queued shops message, in the recipient's language. */
export function renderMessage(message: Queued, origin: string) {
	const locale = localeOf(message.locale);
	const p = message.payload as Record<string, string | number>;
	if (message.template === 'shops.mail.request_new') {
		const url = `${origin}/${locale}/my-shop/${p.shop}/requests/${p.request}`;
		return {
			to: message.recipient,
			subject: t(locale, 'shops_mail_request_subject', { shop: String(p.shopName) }),
			text: t(locale, 'shops_mail_request_text', {
				product: String(p.product),
				quantity: Number(p.quantity),
				url
			}),
			url
		};
	}
	throw new Error(`template ${message.template} not handled`);
}

/**
 * A new order request for a maker's linked Telegram chat, in her language, with Accept / Decline
 * buttons whose data is the request id only (`sa:<id>`, `sd:<id>`: 39 bytes; bot/composers/shops.ts).
 */
export function renderTelegram(message: Queued, origin: string) {
	const locale = localeOf(message.locale);
	const p = message.payload as Record<string, string | number>;
	const url = `${origin}/${locale}/my-shop/${p.shop}/requests/${p.request}`;
	return {
		chatId: message.recipient,
		text: t(locale, 'bot_shops_request_new', {
			shop: String(p.shopName),
			product: String(p.product),
			quantity: Number(p.quantity),
			url
		}),
		buttons: [
			[
				{ text: t(locale, 'bot_shops_accept'), data: `sa:${p.request}` },
				{ text: t(locale, 'bot_shops_decline'), data: `sd:${p.request}` }
			]
		]
	};
}

/** Sends queued shops e-mails, SMS and Telegram messages through the platform's sender. */
export async function deliverShopMessages(ctx: ServiceContext): Promise<number> {
	const { sender, origin } = ctx.platform;
	let sent = 0;
	for (const prefix of ['shops.mail.', 'shops.sms.', 'shops.telegram.'])
		sent += await deliverDue(
			ctx,
			async (message) => {
				if (message.channel === 'email') await sender.sendMail(renderMessage(message, origin));
				else if (message.channel === 'telegram' && message.template === 'shops.telegram.request_new') {
					// Without a Telegram channel (no bot configured) the e-mail sent with it is enough.
					if (sender.sendTelegram) await sender.sendTelegram(renderTelegram(message, origin));
				} else if (message.channel === 'sms' && message.template === 'shops.sms.request_link') {
					// The phone and link are read now, never kept in the row; a contact erased since sends nothing.
					const to = await smsForRequest(ctx, String((message.payload as { request?: string }).request));
					if (to)
						await sender.sendSms({
							to: to.phone,
							text: t(localeOf(message.locale), 'shops_sms_request_link', { url: `${origin}${to.path}` })
						});
				} else throw new Error(`channel ${message.channel} not handled`);
			},
			50,
			{ templatePrefix: prefix }
		);
	return sent;
}

export const deliveryJob = defineJob({
	name: 'shops.delivery',
	everySeconds: 60,
	async run(ctx) {
		return { sent: await deliverShopMessages(ctx) };
	}
});
