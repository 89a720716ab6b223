import { config } from './config';
import { loggablePath } from './web/secret-paths.js';

/**
 * The one logger. It writes JSON lines to stderr and never takes free text from user input as a
 * field name. Two lines of defence keep personal data and secrets out:
 * 1. keys that may hold them are redacted whatever the caller passes;
 * 2. every string value is scrubbed of what looks like an e-mail, a phone number, a token or a
 *    secret path, and errors are reduced to what identifies them (a database error to its code,
 *    constraint and table, never the query's text or parameters).
 */
const REDACT =
	/pass(word)?|secret|token|code|otp|email|phone|cookie|authorization|ip|address|params|query|detail/i;
/** Keys whose values are identifiers we choose ourselves (never user input): kept as they are. */
const KEEP = new Set(['sqlState', 'constraint', 'table', 'route', 'requestId']);
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;

const PATTERNS: [RegExp, string][] = [
	[/[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[a-z]{2,}/gi, '[email]'],
	// Phone numbers: a + or 00 prefix or 7+ digits with separators.
	[/(?:\+|\b00)\d[\d\s().-]{5,}\d/g, '[phone]'],
	[/\b\d(?:[\s().-]?\d){8,}\b/g, '[number]'],
	// Long random-looking strings: session tokens, reset tokens, feed tokens, keys.
	[/\b(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{20,}\b/g, '[token]']
];

/** Scrubs one string of values that look like personal data or secrets. */
export function scrub(text: string): string {
	let out = text;
	if (out.startsWith('/')) out = loggablePath(out);
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	// eslint-disable-next-line no-control-regex -- NUL and other control characters never reach a log line
	return out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '?').slice(0, 500);
}

interface DbErrorShape {
	code?: unknown;
	constraint?: unknown;
	constraint_name?: unknown;
	table?: unknown;
	table_name?: unknown;
	severity?: unknown;
}

/** A database error (postgres.js, PGlite), found on the error or its causes. */
function databaseError(error: unknown): DbErrorShape | null {
	let e: unknown = error;
	for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
		const c = (e as DbErrorShape).code;
		if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) return e as DbErrorShape;
		e = (e as { cause?: unknown }).cause;
	}
	return null;
}

/**
 * What a log may say of an error: its name and scrubbed message; for a database error its SQLSTATE
 * code, constraint and table only (a failed query's message holds the query and its parameters).
 */
export function describeError(error: unknown): Record<string, unknown> {
	const name = error instanceof Error ? error.name : typeof error;
	const db = databaseError(error);
	if (db) {
		const text = (v: unknown) => (typeof v === 'string' ? v.replace(/[^\w.-]/g, '').slice(0, 80) : undefined);
		return {
			name: name === 'DrizzleQueryError' || name === 'Error' ? 'DatabaseError' : name,
			sqlState: text(db.code),
			constraint: text(db.constraint ?? db.constraint_name),
			table: text(db.table ?? db.table_name)
		};
	}
	if (error instanceof Error) {
		const message = /failed query|params:|insert into|select .* from|update .* set/i.test(error.message)
			? '[query]'
			: scrub(error.message);
		const frame = error.stack?.split('\n').find((l) => l.includes('/src/'));
		return { name, message, at: frame ? scrub(frame.trim().replace(/^at /, '')) : undefined };
	}
	return { name };
}

function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (KEEP.has(key)) out[key] = value;
		else if (REDACT.test(key)) out[key] = '[redacted]';
		else if (value instanceof Error) out[key] = describeError(value);
		else if (typeof value === 'string') out[key] = scrub(value);
		else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 4)
			out[key] = redact(value as Record<string, unknown>, depth + 1);
		else if (Array.isArray(value)) out[key] = `[${value.length} items]`;
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
		JSON.stringify({ time: new Date().toISOString(), level, msg: scrub(msg), ...redact(fields) }) + '\n'
	);
}

export const log = {
	debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};
