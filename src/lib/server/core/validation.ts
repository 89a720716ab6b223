import { z } from 'zod';
import { AppError, type FieldError } from './errors';
import { hasMessage, type MessageKey } from '#lib/i18n/messages';

/**
 * Turns a zod failure into one translatable message per field. A custom refinement may name its
 * own message with `{ error: '<message key>' }`.
 */
function issueToFieldError(issue: z.core.$ZodIssue): FieldError {
	// A schema names its own message with `{ error: '<message key>' }`.
	if (issue.message && hasMessage('en', issue.message)) return { key: issue.message as MessageKey };
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined || issue.input === null || issue.input === ''
				? { key: 'error_field_required' }
				: { key: 'error_field_invalid' };
		case 'too_small':
			if (issue.origin === 'string')
				return Number(issue.minimum) <= 1
					? { key: 'error_field_required' }
					: { key: 'error_field_too_short', params: { count: Number(issue.minimum) } };
			return { key: 'error_field_too_small', params: { min: Number(issue.minimum) } };
		case 'too_big':
			if (issue.origin === 'string')
				return { key: 'error_field_too_long', params: { count: Number(issue.maximum) } };
			return { key: 'error_field_too_big', params: { max: Number(issue.maximum) } };
		case 'invalid_format':
			if (issue.format === 'email') return { key: 'error_field_email' };
			return { key: 'error_field_invalid' };
		case 'invalid_value':
			return { key: 'error_field_choice' };
		default:
			return { key: 'error_field_invalid' };
	}
}

export function fieldErrors(error: z.ZodError): Record<string, FieldError> {
	const fields: Record<string, FieldError> = {};
	for (const issue of error.issues) {
		const name = issue.path.length ? issue.path.join('.') : '_form';
		fields[name] ??= issueToFieldError(issue);
	}
	return fields;
}

/** Parses service input; throws AppError('INVALID') with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new AppError('INVALID', { fields: fieldErrors(result.error) });
	return result.data;
}

/** Whether `value` is an absolute http: or https: URL (javascript:, data:, file:… are not). */
export function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	try {
		const u = new URL(value);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}

/**
 * The schema for every URL field a person or an import may fill: an absolute http: or https: URL,
 * trimmed, at most `max` characters. Anything else (javascript:, data:, vbscript:, file:, a bare
 * word) is refused with `error_field_url`. Modules' inputs use it instead of z.url().
 */
export function httpUrl(max = 2000) {
	return z
		.string()
		.trim()
		.max(max)
		.refine((v) => isHttpUrl(v), { error: 'error_field_url' });
}

/**
 * A link as Birge hands it on (API answers, feeds): a site path made absolute on the public origin, an
 * http(s) URL as it is, anything else (javascript:, data:, a malformed value) null.
 */
export function publicLink(url: string | null | undefined, origin: string): string | null {
	if (!url) return null;
	if (url.startsWith('/') && !url.startsWith('//')) return origin + url;
	return isHttpUrl(url) ? url : null;
}

/** Sources (or any objects with a `url`) with their links passed through publicLink. */
export function withPublicLinks<T extends { url: string | null }>(items: readonly T[], origin: string): T[] {
	return items.map((item) => ({ ...item, url: publicLink(item.url, origin) }));
}

/**
 * What a service takes from a caller that has not validated anything (a form, the API, the bot): the
 * input's field names, with any values. The service parses it with its zod schema, so a form passes its
 * strings as they came, without a cast, while TypeScript still checks the field names.
 */
export type Unparsed<T> = { [K in keyof T]?: unknown };
