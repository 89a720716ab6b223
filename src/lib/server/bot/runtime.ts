import type { App } from '#lib/server/app';
import { describeError, log } from '#lib/server/log';
import { createBirgeBot, webhookSecrets, type BirgeBot } from './bot';

/**
 * Where the bot runs. With the embedded PGlite (one process) it runs inside the web process: by long
 * polling in development, or from the webhook route. With PostgreSQL the web route only records
 * webhook updates and `npm run bot` handles them (or polls, in development). No token, no bot.
 */
export type BotMode = 'webhook' | 'polling';

export function botMode(app: App): BotMode {
	return app.config.TELEGRAM_MODE ?? (app.config.NODE_ENV === 'development' ? 'polling' : 'webhook');
}

const bots = new WeakMap<App, BirgeBot>();

/** The bot of this App (created on first use), or null without a token. */
export function botOf(app: App): BirgeBot | null {
	const token = app.config.TELEGRAM_BOT_TOKEN;
	if (!token) return null;
	let bot = bots.get(app);
	if (!bot) {
		bot = createBirgeBot({
			token,
			apiRoot: app.config.TELEGRAM_API_ROOT,
			platform: app.platform,
			db: app.database.db
		});
		bots.set(app, bot);
	}
	return bot;
}

/** The webhook's URL and its header secret for setWebhook (the path carries a secret too). */
export function webhookTarget(app: App): { url: string; secret: string } | null {
	const token = app.config.TELEGRAM_BOT_TOKEN;
	if (!token) return null;
	const secrets = webhookSecrets(app.platform.secret, token);
	return { url: `${app.platform.origin}/api/telegram/${secrets.path}`, secret: secrets.header };
}

/** True when this process handles updates itself (PGlite) rather than leaving them to `npm run bot`. */
export const handlesInProcess = (app: App) => app.database.kind === 'pglite';

/**
 * Started by the web server's init: with PGlite, long polling in this process (development) or the
 * webhook registered with Telegram (production). With PostgreSQL, nothing here: `npm run bot` does it.
 */
export async function startBotInProcess(app: App): Promise<(() => Promise<void>) | null> {
	const bot = botOf(app);
	if (!bot || !handlesInProcess(app)) return null;
	// Updates a previous run answered but did not finish (it stopped or died): handled now.
	void bot
		.recoverRecorded()
		.then((n) => n && log.info('telegram bot: recorded updates handled after a restart', { updates: n }))
		.catch((error) => log.error('bot recovery failed', { error: describeError(error) }));
	if (botMode(app) === 'polling') {
		void bot
			.startPolling()
			.catch((error) => log.error('bot polling stopped', { error: describeError(error) }));
		log.info('telegram bot: long polling in the web process');
	} else {
		const target = webhookTarget(app)!;
		try {
			await bot.api.setWebhook(target.url, {
				secret_token: target.secret,
				allowed_updates: ['message', 'edited_message', 'callback_query']
			});
			log.info('telegram bot: webhook set');
		} catch (error) {
			log.warn('telegram bot: setWebhook failed', { error: describeError(error) });
		}
	}
	return () => bot.stop();
}
