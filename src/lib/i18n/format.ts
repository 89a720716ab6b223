import type { Locale } from './locales';
import { LOCALE_TAGS } from './locales';

export const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export type CountryCode = (typeof COUNTRIES)[number];

/**
 * Country names. ICU's Russian names Kyrgyzstan «Киргизия»; official Kyrgyz usage in Russian is
 * «Кыргызстан», so it is overridden here. Other names come from Intl.DisplayNames.
 */
const COUNTRY_OVERRIDES: Partial<Record<Locale, Record<string, string>>> = {
	ru: { KG: 'Кыргызстан' }
};

export function countryName(locale: Locale, code: string): string {
	const override = COUNTRY_OVERRIDES[locale]?.[code];
	if (override) return override;
	try {
		return new Intl.DisplayNames([LOCALE_TAGS[locale]], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** Currencies whose amounts are shown without decimals (UZS prices are large integers). */
const NO_DECIMALS = new Set(['UZS']);

export function formatMoney(locale: Locale, amount: number, currency: string): string {
	const noDecimals = NO_DECIMALS.has(currency) || Number.isInteger(amount);
	return new Intl.NumberFormat(LOCALE_TAGS[locale], {
		style: 'currency',
		currency,
		currencyDisplay: 'symbol',
		minimumFractionDigits: noDecimals ? 0 : 2,
		maximumFractionDigits: noDecimals ? 0 : 2
	}).format(amount);
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
	return new Intl.NumberFormat(LOCALE_TAGS[locale], options).format(value);
}

/** A calendar date (YYYY-MM-DD or Date) in the locale's long form, without time-zone drift. */
export function formatDate(locale: Locale, value: string | Date): string {
	const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
	if (Number.isNaN(date.getTime())) return String(value);
	return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
		year: 'numeric',
		month: 'long',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}
