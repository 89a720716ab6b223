import { z } from 'zod';
import { createContext, defineJob, translateError, type AnyJob } from '#lib/server/core';
import { accounts } from '#lib/server/modules/accounts';
import { production } from '#lib/server/modules/production';
import { isLocale } from '#lib/i18n/locales';
import { t } from '#lib/i18n/messages';
import { describeError, log } from '#lib/server/log';

/** Telegram lets a bot download files up to 20 MB. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * A piece report with a photo, sent from the bot: the webhook handler only queues this job (a
 * download and an image re-encode do not fit Telegram's 10-second webhook limit). The job downloads
 * the file, and the report goes through production's index exactly as the web's /my-work report does
 * (core images re-encode the photo, so its EXIF and GPS are gone), acting as the chat's linked account
 * read again now. Bad input (not an image, too many pieces, a closed assignment) is told to her in her
 * language and records nothing; a failed download is retried. The payload names the chat, never a user.
 */
export const productionPhotoJob = defineJob({
	name: 'bot.production-photo',
	payload: z.object({
		chatId: z.string().max(32),
		locale: z.string().max(8),
		assignmentId: z.string().max(100),
		pieces: z.number().int().min(1),
		fileId: z.string().max(200),
		name: z.string().max(200).nullable()
	}),
	retries: { attempts: 3 },
	async run(ctx, p, info) {
		const locale = isLocale(p.locale) ? p.locale : 'ru';
		const sender = ctx.platform.sender;
		if (!sender.fetchTelegramFile || !sender.sendTelegram) throw new Error('no telegram channel');
		const reply = async (text: string) => {
			// A reply that fails is not retried: the report it tells of must not be made twice.
			await sender.sendTelegram!({ chatId: p.chatId, text }).catch((error) =>
				log.warn('bot photo reply failed', { error: describeError(error) })
			);
		};
		const actor = await accounts.telegramActor(ctx, p.chatId);
		if (!actor) return reply(t(locale, 'bot_production_needs_link', { origin: ctx.platform.origin }));
		const bytes = await sender.fetchTelegramFile(p.fileId);
		if (bytes.byteLength > MAX_PHOTO_BYTES) return reply(t(locale, 'bot_photo_too_large'));
		const as = createContext(ctx.db, ctx.platform, { actor, locale, clock: ctx.clock });
		try {
			await production.reportPieces(
				as,
				{ assignmentId: p.assignmentId, pieces: p.pieces },
				{ bytes, name: p.name },
				// The job's key is the Telegram chat and message: a retried run records the report once.
				info.key ? `tg:${info.key}` : null
			);
		} catch (error) {
			const translated = translateError(error, locale);
			if (!translated) throw error;
			return reply(Object.values(translated.fields)[0] ?? translated.message);
		}
		await reply(t(locale, 'bot_production_reported', { pieces: p.pieces }));
		return { reported: true };
	}
});

/** The bot's jobs, run beside the modules' (web process or `npm run worker`). */
export const BOT_JOBS: AnyJob[] = [productionPhotoJob];
