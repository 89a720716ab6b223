import { Api, GrammyError } from 'grammy';
import type { Sender } from '#lib/server/core';
import { describeError, log } from '#lib/server/log';
import { configureApi } from './bot';

/**
 * The platform's Telegram channel: the outbox's deliverers (deadline reminders, coalition updates)
 * send through it, paced within Telegram's limits with the bot's replies (one pace per token) and
 * retried after a 429; files a chat sent are downloaded through it (the photo job). A chat that blocked the bot (403) or no longer exists (400 chat not found)
 * is not retried forever: the message is dropped with a warning that names no chat.
 */
export function telegramApi(token: string, apiRoot: string): Api {
	return configureApi(new Api(token, { apiRoot }), { paceKey: token });
}

export function withTelegram(sender: Sender, api: Api): Sender {
	return {
		smsChannel: sender.smsChannel,
		sendSms: (m) => sender.sendSms(m),
		sendMail: (m) => sender.sendMail(m),
		async fetchTelegramFile(fileId) {
			const file = await api.getFile(fileId);
			if (!file.file_path) throw new Error('telegram file has no path');
			const root = api.options?.apiRoot ?? 'https://api.telegram.org';
			const res = await fetch(`${root}/file/bot${api.token}/${file.file_path}`);
			if (!res.ok) throw new Error(`telegram file download failed: ${res.status}`);
			return new Uint8Array(await res.arrayBuffer());
		},
		async sendTelegram(message) {
			try {
				await api.sendMessage(message.chatId, message.text, {
					link_preview_options: { is_disabled: true },
					...(message.buttons?.length
						? {
								reply_markup: {
									inline_keyboard: message.buttons.map((row) =>
										row.map((b) => ({ text: b.text, callback_data: b.data }))
									)
								}
							}
						: {})
				});
			} catch (error) {
				if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
					log.warn('telegram message dropped', { error: describeError(error) });
					return;
				}
				throw error;
			}
		}
	};
}
