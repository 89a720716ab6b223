import { config } from './config';

/**
 * The one logger. It writes JSON lines to stderr and never takes free text from user input as a
 * field name. Keys that may hold secrets or personal data are redacted whatever the caller passes.
 */
const REDACT = /pass(word)?|secret|token|code|otp|email|phone|cookie|authorization|ip|address/i;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

function redact(fields: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (REDACT.test(key)) out[key] = '[redacted]';
		else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
		else if (value && typeof value === 'object' && !Array.isArray(value))
			out[key] = redact(value as Record<string, unknown>);
		else out[key] = value;
	}
	return out;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}) {
	let threshold: number = LEVELS.info;
	try {
		threshold = LEVELS[config().BIRGE_LOG_LEVEL];
	} catch {
		/* configuration not loadable: keep info */
	}
	if (LEVELS[level] < threshold) return;
	process.stderr.write(
		JSON.stringify({ time: new Date().toISOString(), level, msg, ...redact(fields) }) + '\n'
	);
}

export const log = {
	debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};
