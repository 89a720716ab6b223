import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { config, publicOrigin, type Config } from './config';
import { createDb, migrate, type DbHandle } from './db';
import {
	createContext,
	createKeyring,
	fileSender,
	logSender,
	runSeeds,
	smtpSender,
	type Platform,
	type Sender,
	type ServiceContext
} from './core';
import { storeFromConfig, type FileStore } from './core/files';
import { MODULES } from './modules';
import { log } from './log';
import { telegramApi, withTelegram } from './bot/sender';

/**
 * The running application: configuration, the open database and the platform (secret, sender, file
 * store, keyring, origin, rate-limit switch). Created once per process by the web server's `init`
 * hook, the worker, the CLI or an e2e test; everything else receives it or a context built from it.
 * Modules never import this file: they see the platform through their ServiceContext.
 */
export interface App {
	config: Config;
	database: DbHandle;
	platform: Platform;
	/** A service context over this app's database and platform. */
	context(options?: Partial<Omit<ServiceContext, 'db' | 'platform'>>): ServiceContext;
	close(): Promise<void>;
}

/** Keeps a generated secret beside the embedded database so sessions survive restarts. */
function resolveSecret(cfg: Config): string {
	if (cfg.BIRGE_SECRET) return cfg.BIRGE_SECRET;
	if (cfg.DATABASE_URL && cfg.NODE_ENV === 'production' && !fs.existsSync(path.join(cfg.dataDir, 'secret'))) {
		log.warn('BIRGE_SECRET is not set; generating one in the data directory');
	}
	const file = path.join(cfg.dataDir, 'secret');
	fs.mkdirSync(cfg.dataDir, { recursive: true });
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	const secret = randomBytes(32).toString('base64url');
	fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
	return secret;
}

/**
 * A PGlite directory may be opened by one process only (a second one hangs). The lock file makes
 * the CLI say so plainly instead.
 */
function acquireLock(cfg: Config): () => void {
	if (cfg.DATABASE_URL) return () => {};
	const lock = path.join(cfg.dataDir, 'birge.pid');
	fs.mkdirSync(cfg.dataDir, { recursive: true });
	if (fs.existsSync(lock)) {
		const pid = Number(fs.readFileSync(lock, 'utf8'));
		let alive = false;
		if (pid && pid !== process.pid) {
			try {
				process.kill(pid, 0);
				alive = true;
			} catch {
				alive = false;
			}
		}
		if (alive)
			throw new Error(
				`The embedded database in ${cfg.dataDir} is in use by process ${pid}. Stop it first, or use DATABASE_URL.`
			);
	}
	fs.writeFileSync(lock, String(process.pid));
	return () => {
		try {
			if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
		} catch {
			/* already gone */
		}
	};
}

export interface StartOptions {
	config?: Config;
	/** Run migrations and seeds (the web server and CLI do; tests do it themselves). */
	prepare?: boolean;
	/** In-memory PGlite, for tests. */
	inMemory?: boolean;
	/** Replace parts of the platform built from the configuration (tests, tools). */
	sender?: Sender;
	files?: FileStore;
}

async function senderFor(cfg: Config): Promise<Sender> {
	if (cfg.BIRGE_SENDER === 'smtp') {
		if (!cfg.SMTP_URL) throw new Error('BIRGE_SENDER=smtp needs SMTP_URL');
		return smtpSender(cfg.SMTP_URL, cfg.SMTP_FROM);
	}
	return cfg.BIRGE_SENDER === 'log' ? logSender() : fileSender(cfg.dataDir);
}

/** With TELEGRAM_BOT_TOKEN, the sender also reaches Telegram chats (the outbox's telegram channel). */
function withBot(cfg: Config, sender: Sender): Sender {
	return cfg.TELEGRAM_BOT_TOKEN
		? withTelegram(sender, telegramApi(cfg.TELEGRAM_BOT_TOKEN, cfg.TELEGRAM_API_ROOT))
		: sender;
}

export async function startApp(options: StartOptions = {}): Promise<App> {
	const cfg = options.config ?? config();
	const release = options.inMemory ? () => {} : acquireLock(cfg);
	try {
		const secret = options.inMemory ? randomBytes(32).toString('base64url') : resolveSecret(cfg);
		const platform: Platform = {
			origin: publicOrigin(cfg),
			secret,
			sender: withBot(cfg, options.sender ?? (await senderFor(cfg))),
			files: options.files ?? (await storeFromConfig(cfg)),
			keyring: createKeyring(secret, cfg.BIRGE_SECRET_PREVIOUS),
			rateLimits: cfg.BIRGE_RATE_LIMITS,
			dataDir: cfg.dataDir,
			endpoints: Object.fromEntries(
				Object.entries({
					'wildberries.content': cfg.BIRGE_WILDBERRIES_CONTENT_URL,
					'wildberries.prices': cfg.BIRGE_WILDBERRIES_PRICES_URL,
					'ozon.seller': cfg.BIRGE_OZON_URL
				}).filter((e): e is [string, string] => !!e[1])
			),
			telegramLogin:
				cfg.TELEGRAM_LOGIN_CLIENT_ID && cfg.TELEGRAM_LOGIN_CLIENT_SECRET
					? {
							clientId: cfg.TELEGRAM_LOGIN_CLIENT_ID,
							clientSecret: cfg.TELEGRAM_LOGIN_CLIENT_SECRET,
							discoveryUrl: cfg.TELEGRAM_LOGIN_DISCOVERY_URL,
							scopes: cfg.TELEGRAM_LOGIN_SCOPES.split(/\s+/).filter(Boolean)
						}
					: null,
			demo: cfg.BIRGE_DEMO
		};
		const database = await createDb({
			url: cfg.DATABASE_URL,
			dataDir: options.inMemory ? null : cfg.dataDir,
			cacheMb: cfg.BIRGE_PGLITE_CACHE_MB
		});
		const context: App['context'] = (contextOptions) => createContext(database.db, platform, contextOptions);
		if (options.prepare !== false) {
			await migrate(database);
			await runSeeds(context(), MODULES, { demo: cfg.BIRGE_DEMO });
		}
		let closed = false;
		return {
			config: cfg,
			database,
			platform,
			context,
			async close() {
				if (closed) return;
				closed = true;
				await database.close();
				release();
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}
