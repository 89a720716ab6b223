import { z } from 'zod';
import path from 'node:path';

/**
 * process.env parsed once. No `$env`/`$app` imports, so the bot, CLI, jobs and tests load it too.
 */
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	PORT: z.coerce.number().int().positive().default(3000),
	HOST: z.string().default('0.0.0.0'),
	/**
	 * Public origin, e.g. https://birge.example.org: every link in e-mails, messages, feeds and the API
	 * is built from it. Without it the server answers loopback hosts only (see web/origin.ts).
	 */
	ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
	/** Embedded database and other state (secret, dev mail/OTP outbox) live here. */
	BIRGE_DATA_DIR: z.string().default('./data'),
	/** postgres://… switches from the embedded PGlite to PostgreSQL. */
	DATABASE_URL: z.string().optional(),
	/** Secret for sessions and tokens; generated and kept in BIRGE_DATA_DIR when unset. */
	BIRGE_SECRET: z.string().min(32).optional(),
	/** Seed labelled demo content on first start. */
	BIRGE_DEMO: z
		.enum(['0', '1', 'true', 'false'])
		.default('1')
		.transform((v) => v === '1' || v === 'true'),
	/** How one-time codes and e-mails leave: `log` (dev), `file` (dev, JSON lines in data dir), `smtp`. */
	BIRGE_SENDER: z.enum(['log', 'file', 'smtp']).default('file'),
	SMTP_URL: z.string().optional(),
	SMTP_FROM: z.string().default('Birge <no-reply@localhost>'),
	/** Off by default in tests so a test can exceed limits deliberately only where it means to. */
	BIRGE_RATE_LIMITS: z
		.enum(['0', '1', 'true', 'false'])
		.default('1')
		.transform((v) => v === '1' || v === 'true'),
	BIRGE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	/** Where uploaded files live (core/files): a directory, or S3-compatible object storage. */
	BIRGE_FILE_STORE: z.enum(['directory', 's3']).default('directory'),
	/** The directory store's root; default BIRGE_DATA_DIR/files (share it between web processes). */
	BIRGE_FILES_DIR: z.string().optional(),
	BIRGE_S3_BUCKET: z.string().optional(),
	/** e.g. http://127.0.0.1:4568 for an S3-compatible server; absent for AWS itself. */
	BIRGE_S3_ENDPOINT: z.url().optional(),
	BIRGE_S3_REGION: z.string().default('us-east-1'),
	BIRGE_S3_ACCESS_KEY_ID: z.string().optional(),
	BIRGE_S3_SECRET_ACCESS_KEY: z.string().optional(),
	/** Path-style URLs (http://host/bucket/key), which most S3-compatible servers need. */
	BIRGE_S3_FORCE_PATH_STYLE: z
		.enum(['0', '1', 'true', 'false'])
		.default('1')
		.transform((v) => v === '1' || v === 'true'),
	/** A key prefix inside the bucket, e.g. `birge/`. */
	BIRGE_S3_PREFIX: z.string().default(''),
	/** `off`: this web process runs no jobs (a separate `npm run worker` does). */
	BIRGE_JOBS: z
		.enum(['on', 'off', '1', '0', 'true', 'false'])
		.default('on')
		.transform((v) => v === 'on' || v === '1' || v === 'true'),
	/**
	 * The reporting organisation's IATI organisation identifier (e.g. `KG-INN-01234567890123`): the
	 * impact module's IATI export refuses to run without it. Its name and IATI organisation type go
	 * beside it (type 22: national NGO).
	 */
	BIRGE_IATI_ORG_ID: z.string().trim().min(3).max(100).optional(),
	BIRGE_IATI_ORG_NAME: z.string().trim().max(300).optional(),
	BIRGE_IATI_ORG_TYPE: z
		.string()
		.regex(/^\d{2}$/)
		.default('22'),
	/** Earlier secrets (comma-separated), still accepted to decrypt fields until `birge rotate-secret`. */
	BIRGE_SECRET_PREVIOUS: z.string().optional(),
	/** The embedded database's buffer cache in MB (PGlite's `shared_buffers`). */
	BIRGE_PGLITE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(16),
	/** Memory for rendered public pages (web/page-cache.ts), in MB; 0 turns the cache off. */
	BIRGE_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(16),
	/** The Telegram bot's token from BotFather; unset = no bot (README, "Telegram bot"). */
	TELEGRAM_BOT_TOKEN: z
		.string()
		.regex(/^\d+:[A-Za-z0-9_-]+$/)
		.optional(),
	/** The bot's @username without the @, for t.me links on the web (deep links, account linking). */
	TELEGRAM_BOT_USERNAME: z
		.string()
		.regex(/^[A-Za-z0-9_]{5,32}$/)
		.optional(),
	/** The Bot API server (Telegram's; an emulated one in tests, or a local Bot API server). */
	TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
	/** Marketplace API hosts (default: the official ones); tests and e2e point them at a fake server. */
	BIRGE_WILDBERRIES_CONTENT_URL: z.url().optional(),
	BIRGE_WILDBERRIES_PRICES_URL: z.url().optional(),
	BIRGE_OZON_URL: z.url().optional(),
	/** `webhook`: Telegram calls ORIGIN/bot/webhook/…; `polling`: the bot asks (development). */
	TELEGRAM_MODE: z.enum(['webhook', 'polling']).optional(),
	/**
	 * Sign in with Telegram on the web (its OpenID Connect login): the client id (the bot's numeric
	 * id) and secret BotFather shows under Bot Settings → Web Login. Both unset = no button.
	 */
	TELEGRAM_LOGIN_CLIENT_ID: z.string().min(1).optional(),
	TELEGRAM_LOGIN_CLIENT_SECRET: z.string().min(1).optional(),
	/** The provider's discovery document (Telegram's by default; a local provider in tests). */
	TELEGRAM_LOGIN_DISCOVERY_URL: z
		.url()
		.default('https://oauth.telegram.org/.well-known/openid-configuration'),
	/** Scopes asked for, space-separated (`phone` would share her number; not asked by default). */
	TELEGRAM_LOGIN_SCOPES: z.string().default('openid profile')
});

export type Config = z.infer<typeof schema> & { dataDir: string };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = schema.safeParse(cleaned);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	return { ...parsed.data, dataDir: path.resolve(parsed.data.BIRGE_DATA_DIR) };
}

let cached: Config | undefined;
export function config(): Config {
	cached ??= loadConfig();
	return cached;
}

const LOOPBACK_ADDRESS = /^(localhost|127(?:\.\d{1,3}){3}|::1)$/i;

/**
 * The public origin links are built from (e-mails, messages, feeds, share tags, the API's absolute
 * URLs): `ORIGIN`, or without it the loopback address the server listens on. Never a request's Host
 * header. Modules receive it from their callers; they never read the request.
 */
export function publicOrigin(cfg: Pick<Config, 'ORIGIN' | 'HOST' | 'PORT'> = config()): string {
	if (cfg.ORIGIN) return new URL(cfg.ORIGIN).origin;
	const host = LOOPBACK_ADDRESS.test(cfg.HOST)
		? cfg.HOST.includes(':')
			? `[${cfg.HOST}]`
			: cfg.HOST
		: 'localhost';
	return `http://${host}:${cfg.PORT}`;
}
