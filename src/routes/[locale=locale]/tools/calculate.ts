import { isAppError } from '#lib/server/core';
import { t } from '#lib/i18n/messages';
import type { Locale } from '#lib/i18n/locales';

/** What a calculator page renders: what was typed, the result or a message per field. */
export interface CalculatorPage<R> {
	values: Record<string, string>;
	result: R | null;
	/** One message per field, in the order of the form (for the error summary). */
	errors: { name: string; message: string }[];
	message: string | null;
}

/**
 * A calculator page is a GET form: the inputs live in the URL, nothing is stored. The calculation
 * runs when the form was sent (the first field is in the URL); a bad input gives the form's message
 * and one message per field, in her language.
 */
export function runCalculator<R>(
	locale: Locale,
	params: URLSearchParams,
	names: readonly string[],
	calculate: (raw: Record<string, string>) => R
): CalculatorPage<R> {
	const values: Record<string, string> = {};
	for (const name of names) {
		const value = params.get(name);
		if (value !== null) values[name] = value.slice(0, 100);
	}
	if (!params.has(names[0])) return { values, result: null, errors: [], message: null };
	try {
		return { values, result: calculate(values), errors: [], message: null };
	} catch (error) {
		if (!isAppError(error)) throw error;
		const errors = names
			.filter((name) => error.fields[name])
			.map((name) => ({ name, message: t(locale, error.fields[name].key, error.fields[name].params) }));
		return { values, result: null, errors, message: t(locale, error.messageKey, error.params) };
	}
}

/** The currency a form starts with: the one of the country her language is spoken in, if any. */
export function defaultCurrency(locale: Locale): string {
	return { ky: 'KGS', kk: 'KZT', tg: 'TJS', uz: 'UZS', 'uz-Cyrl': 'UZS', ru: '', en: '' }[locale];
}

/** The lender's country a form starts with, by her language (Russian and English: none). */
export function defaultCountry(locale: Locale): string {
	return { ky: 'KG', kk: 'KZ', tg: 'TJ', uz: 'UZ', 'uz-Cyrl': 'UZ', ru: '', en: '' }[locale];
}
