/**
 * One request guard for everything a request carries as text: the path, the query string, form
 * fields, JSON bodies and uploaded text files. NUL bytes and invalid UTF-8 are refused with 400
 * before any route runs (PostgreSQL refuses NUL in text, and the failed query would have been the
 * place where values leak into logs); so are bodies a form action cannot read.
 */

export type Verdict = { ok: true } | { ok: false; reason: 'encoding' | 'body' };

const OK: Verdict = { ok: true };
const BAD_ENCODING: Verdict = { ok: false, reason: 'encoding' };
const BAD_BODY: Verdict = { ok: false, reason: 'body' };

const strict = new TextDecoder('utf-8', { fatal: true });

/** A percent-encoded component decodes to valid UTF-8 without NUL. */
export function cleanComponent(raw: string): boolean {
	if (raw.includes('\0')) return false;
	let decoded: string;
	try {
		decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
	} catch {
		return false;
	}
	return cleanText(decoded);
}

/** A decoded string without NUL and without lone surrogates. */
export function cleanText(value: string): boolean {
	return !value.includes('\0') && value.isWellFormed();
}

/** The raw request target (path and query) as the client sent it. */
export function cleanTarget(pathname: string, search: string): boolean {
	if (!cleanComponent(pathname)) return false;
	const query = search.startsWith('?') ? search.slice(1) : search;
	return query.split('&').every((pair) => cleanComponent(pair));
}

function cleanBytes(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	try {
		strict.decode(bytes);
		return true;
	} catch {
		return false;
	}
}

const TEXT_FILE = /\.(csv|txt|tsv|json|md)$/i;

function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Checks a request's body. `form` says whether the route reads a form (page actions): then only
 * url-encoded and multipart bodies are accepted. Reads a clone, so the route can still read it.
 */
export async function inspectBody(request: Request, options: { form: boolean }): Promise<Verdict> {
	if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return OK;
	const type = mediaType(request);
	const length = request.headers.get('content-length');
	if (!request.body || length === '0') return checkEmpty(type, options);
	if (type === 'application/x-www-form-urlencoded') {
		const bytes = new Uint8Array(await request.clone().arrayBuffer());
		if (!cleanBytes(bytes)) return BAD_ENCODING;
		const text = strict.decode(bytes);
		return text.split('&').every((pair) => cleanComponent(pair)) ? OK : BAD_ENCODING;
	}
	if (type === 'multipart/form-data') {
		if (!/boundary=/i.test(request.headers.get('content-type') ?? '')) return BAD_BODY;
		let form: FormData;
		try {
			form = await request.clone().formData();
		} catch {
			return BAD_BODY;
		}
		for (const [, value] of form.entries()) {
			if (typeof value === 'string') {
				// The multipart parser replaces invalid UTF-8 with U+FFFD.
				if (!cleanText(value) || value.includes('\uFFFD')) return BAD_ENCODING;
			} else if (value.size > 0 && (value.type.startsWith('text/') || TEXT_FILE.test(value.name))) {
				if (!cleanBytes(new Uint8Array(await value.arrayBuffer()))) return BAD_ENCODING;
			}
		}
		return OK;
	}
	if (options.form) return BAD_BODY;
	if (type === 'application/json' || type.endsWith('+json')) {
		const bytes = new Uint8Array(await request.clone().arrayBuffer());
		if (!cleanBytes(bytes)) return BAD_ENCODING;
		const text = strict.decode(bytes);
		// An escaped NUL (\u0000) is as bad as a raw one; lone escaped surrogates too.
		if (/\\u0000/i.test(text)) return BAD_ENCODING;
		try {
			if (!deepClean(JSON.parse(text))) return BAD_ENCODING;
		} catch {
			return BAD_BODY;
		}
		return OK;
	}
	return OK;
}

function checkEmpty(type: string, options: { form: boolean }): Verdict {
	if (!options.form) return OK;
	return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' ? OK : BAD_BODY;
}

function deepClean(value: unknown, depth = 0): boolean {
	if (depth > 32) return false;
	if (typeof value === 'string') return cleanText(value);
	if (Array.isArray(value)) return value.every((v) => deepClean(v, depth + 1));
	if (value && typeof value === 'object')
		return Object.entries(value).every(([k, v]) => cleanText(k) && deepClean(v, depth + 1));
	return true;
}
