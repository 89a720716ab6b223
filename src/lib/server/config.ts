import { z } from 'zod';
import path from 'node:path';

/**
 * process.env parsed once. No `$env`/`$app` imports, so the bot, CLI, jobs and tests load it too.
 */
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
	PORT: z.coerce.number().int().positive().default(3000),
	HOST: z.string().default('0.0.0.0'),
	/** Public origin, e.g. https://birge.example.org. Default: http://<Host header>. */
	ORIGIN: z.url().optional(),
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
	/** `off`: this web process runs no jobs (a separate `npm run worker` does). */
	BIRGE_JOBS: z
		.enum(['on', 'off', '1', '0', 'true', 'false'])
		.default('on')
		.transform((v) => v === 'on' || v === '1' || v === 'true'),
	/** Earlier secrets (comma-separated), still accepted to decrypt fields until `birge rotate-secret`. */
	BIRGE_SECRET_PREVIOUS: z.string().optional(),
	BIRGE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')
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
