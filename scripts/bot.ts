/**
 * `npm run bot`: the Telegram bot in a process of its own, for PostgreSQL. In webhook mode the web
 * route records each update (answering Telegram at once) and this process handles the recorded
 * updates; in polling mode (development) it asks Telegram itself. With the embedded database the
 * web process runs the bot and this command refuses (one process may open PGlite).
 *
 * Needs TELEGRAM_BOT_TOKEN. Migrates nothing: start the web server (or `birge migrate`) first.
 */
import { startApp } from '../src/lib/server/app';
import { loadConfig } from '../src/lib/server/config';
import { botMode, botOf, webhookTarget } from '../src/lib/server/bot/runtime';
import { describeError, log } from '../src/lib/server/log';

const config = loadConfig();
if (!config.TELEGRAM_BOT_TOKEN) {
	console.error('TELEGRAM_BOT_TOKEN is not set: no bot (see the README, "Telegram bot").');
	process.exit(1);
}
if (!config.DATABASE_URL) {
	console.error('With the embedded database the web server runs the bot itself (npm start).');
	process.exit(1);
}
const app = await startApp({ config, prepare: false });
const bot = botOf(app)!;
await bot.init();
const mode = botMode(app);
let stopping = false;

if (mode === 'polling') {
	log.info('telegram bot: long polling');
	void bot.startPolling();
} else {
	const target = webhookTarget(app)!;
	await bot.api.setWebhook(target.url, {
		secret_token: target.secret,
		allowed_updates: ['message', 'edited_message', 'callback_query']
	});
	log.info('telegram bot: webhook set, handling recorded updates');
	void (async () => {
		while (!stopping) {
			let handled = 0;
			try {
				handled = await bot.handleRecorded(100);
			} catch (error) {
				log.error('bot: handling recorded updates failed', { error: describeError(error) });
			}
			if (!handled) await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
}

async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info('bot stopping', { signal });
	await bot.stop();
	await app.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
