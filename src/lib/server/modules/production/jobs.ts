import { defineJob, deliverDue, type ServiceContext } from '../../core';
import { t } from '#lib/i18n/messages';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { formatMoney } from './money';

const localeOf = (l: string) => ((LOCALES as readonly string[]).includes(l) ? l : 'ru') as Locale;

type Queued = { template: string; locale: string; payload: unknown; recipient: string };

/**
 * A new piece report for a coordinator's linked Telegram chat, in her language, with Accept / Reject
 * buttons whose data is the report id only (`pa:<id>`, `pr:<id>`: 39 bytes; bot/composers/production.ts),
 * and the network's queue on the web.
 */
export function renderTelegram(message: Queued, origin: string) {
	const locale = localeOf(message.locale);
	const p = message.payload as Record<string, string | number>;
	return {
		chatId: message.recipient,
		text: t(locale, 'bot_production_report_new', {
			pattern: String(p.pattern),
			pieces: Number(p.pieces),
			url: `${origin}/${locale}/production/${p.network}/queue`
		}),
		buttons: [
			[
				{ text: t(locale, 'bot_production_accept'), data: `pa:${p.report}` },
				{ text: t(locale, 'bot_production_reject'), data: `pr:${p.report}` }
			]
		]
	};
}

/**
 * The coordinator's decision on her report, for the maker's linked chat in her language: accepted (with
 * what it earned), partly accepted or rejected (with the coordinator's reason), and her work on the web.
 */
export function renderDecision(message: Queued, origin: string) {
	const locale = localeOf(message.locale);
	const p = message.payload as Record<string, string | number>;
	const common = {
		pattern: String(p.pattern),
		pieces: Number(p.pieces),
		url: `${origin}/${locale}/my-work`
	};
	const earned = formatMoney(Number(p.earnedMinor), String(p.currency), locale);
	const reason = String(p.reason ?? '') || '—';
	const accepted = Number(p.accepted);
	return {
		chatId: message.recipient,
		text:
			accepted >= Number(p.pieces)
				? t(locale, 'bot_production_decided_accepted', { ...common, earned })
				: accepted > 0
					? t(locale, 'bot_production_decided_partly', { ...common, accepted, earned, reason })
					: t(locale, 'bot_production_decided_rejected', { ...common, reason })
	};
}

/** Sends queued production Telegram messages (nothing without a configured bot: the web queue has them). */
export async function deliverProductionMessages(ctx: ServiceContext): Promise<number> {
	const { sender, origin } = ctx.platform;
	return deliverDue(
		ctx,
		async (message) => {
			if (message.channel !== 'telegram') throw new Error(`channel ${message.channel} not handled`);
			const render =
				message.template === 'production.telegram.report_new'
					? renderTelegram
					: message.template === 'production.telegram.report_decided'
						? renderDecision
						: null;
			if (!render) throw new Error(`template ${message.template} not handled`);
			if (sender.sendTelegram) await sender.sendTelegram(render(message, origin));
		},
		50,
		{ templatePrefix: 'production.' }
	);
}

export const deliveryJob = defineJob({
	name: 'production.delivery',
	everySeconds: 60,
	async run(ctx) {
		return { sent: await deliverProductionMessages(ctx) };
	}
});
