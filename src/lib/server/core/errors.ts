import { t, type MessageKey, type MessageParams } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

/** Error codes every service may throw. One map below turns them into HTTP statuses. */
export type ErrorCode =
	'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'INVALID' | 'CONFLICT' | 'RATE_LIMITED';

export const HTTP_STATUS: Record<ErrorCode, number> = {
	NOT_FOUND: 404,
	FORBIDDEN: 403,
	UNAUTHENTICATED: 401,
	INVALID: 400,
	CONFLICT: 409,
	RATE_LIMITED: 429
};

/** The default message key for each code, in messages/<locale>/core.json. */
export const CODE_MESSAGE: Record<ErrorCode, MessageKey> = {
	NOT_FOUND: 'error_not_found',
	FORBIDDEN: 'error_forbidden',
	UNAUTHENTICATED: 'error_unauthenticated',
	INVALID: 'error_invalid',
	CONFLICT: 'error_conflict',
	RATE_LIMITED: 'error_rate_limited'
};

export interface FieldError {
	key: MessageKey;
	params?: MessageParams;
}

/**
 * A failure a user can understand. Carries a message key (translated at the edge, in the user's
 * language) and, for INVALID, one message per field. Never carries personal data.
 */
export class AppError extends Error {
	readonly code: ErrorCode;
	readonly messageKey: MessageKey;
	readonly params?: MessageParams;
	readonly fields: Record<string, FieldError>;
	readonly retryAfterSeconds?: number;

	constructor(
		code: ErrorCode,
		options: {
			messageKey?: MessageKey;
			params?: MessageParams;
			fields?: Record<string, FieldError>;
			retryAfterSeconds?: number;
		} = {}
	) {
		super(code);
		this.name = 'AppError';
		this.code = code;
		this.messageKey = options.messageKey ?? CODE_MESSAGE[code];
		this.params = options.params;
		this.fields = options.fields ?? {};
		this.retryAfterSeconds = options.retryAfterSeconds;
	}

	get status(): number {
		return HTTP_STATUS[this.code];
	}
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (fields: Record<string, FieldError>, messageKey?: MessageKey) =>
	new AppError('INVALID', { fields, messageKey });

/** An AppError in one language: what a form, the API and the bot show. */
export interface TranslatedError {
	status: number;
	code: ErrorCode;
	message: string;
	fields: Record<string, string>;
	retryAfterSeconds?: number;
}

/**
 * The one translation of service errors, used by forms, error pages, the API and (later) the bot.
 * Returns null for anything that is not an AppError: the caller treats it as a server error.
 */
export function translateError(error: unknown, locale: Locale): TranslatedError | null {
	if (!isAppError(error)) return null;
	const fields: Record<string, string> = {};
	for (const [name, fieldError] of Object.entries(error.fields))
		fields[name] = t(locale, fieldError.key, fieldError.params);
	const params = error.code === 'RATE_LIMITED' ? { count: error.retryAfterSeconds ?? 60 } : error.params;
	return {
		status: error.status,
		code: error.code,
		message: t(locale, error.messageKey, params),
		fields,
		retryAfterSeconds: error.retryAfterSeconds
	};
}
