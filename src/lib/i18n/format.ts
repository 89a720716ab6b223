import type { Locale } from './locales';
import { LOCALE_TAGS } from './locales';
import { toUzCyrl } from './uz-cyrl';

/**
 * Uzbek Cyrillic formats as Uzbek Latin and transliterates the result: CLDR's uz-Cyrl month names
 * differ from the spelling Birge's transliteration uses (сентябр/сентябрь), and one page keeps one spelling.
 */
const tagOf = (locale: Locale) => (locale === 'uz-Cyrl' ? LOCALE_TAGS.uz : LOCALE_TAGS[locale]);
const script = (locale: Locale, value: string) => (locale === 'uz-Cyrl' ? toUzCyrl(value) : value);

export const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export type CountryCode = (typeof COUNTRIES)[number];

/**
 * Country names. ICU's Russian names Kyrgyzstan «Киргизия»; official Kyrgyz usage in Russian is
 * «Кыргызстан», so it is overridden here. Other names come from Intl.DisplayNames.
 */
const COUNTRY_OVERRIDES: Partial<Record<Locale, Record<string, string>>> = {
	ru: { KG: 'Кыргызстан' }
};

/**
 * Intl formatters are costly to construct (tens of microseconds each, and a list page formats dozens
 * of values), so each distinct one is built once per process and reused.
 */
const formatters = new Map<string, Intl.DisplayNames | Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.DisplayNames | Intl.NumberFormat | Intl.DateTimeFormat>(
	key: string,
	make: () => T
): T {
	let f = formatters.get(key) as T | undefined;
	if (!f) {
		f = make();
		formatters.set(key, f);
	}
	return f;
}

export function countryName(locale: Locale, code: string): string {
	const override = COUNTRY_OVERRIDES[locale]?.[code];
	if (override) return override;
	try {
		return script(
			locale,
			cached(`region:${locale}`, () => new Intl.DisplayNames([tagOf(locale)], { type: 'region' })).of(code) ??
				code
		);
	} catch {
		return code;
	}
}

/** Currencies whose amounts are shown without decimals (UZS prices are large integers). */
const NO_DECIMALS = new Set(['UZS']);

export function formatMoney(locale: Locale, amount: number, currency: string): string {
	const noDecimals = NO_DECIMALS.has(currency) || Number.isInteger(amount);
	return script(locale, formatMoneyRaw(locale, amount, currency, noDecimals));
}

function formatMoneyRaw(locale: Locale, amount: number, currency: string, noDecimals: boolean): string {
	return cached(
		`money:${locale}:${currency}:${noDecimals}`,
		() =>
			new Intl.NumberFormat(tagOf(locale), {
				style: 'currency',
				currency,
				currencyDisplay: 'symbol',
				minimumFractionDigits: noDecimals ? 0 : 2,
				maximumFractionDigits: noDecimals ? 0 : 2
			})
	).format(amount);
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
	return new Intl.NumberFormat(tagOf(locale), options).format(value);
}

/** A date as precise as its source: `2025`, `October 2016` or `16 October 2023`. */
export function formatPartialDate(locale: Locale, value: string | null | undefined): string {
	if (!value) return '';
	if (/^\d{4}$/.test(value)) return value;
	if (/^\d{4}-\d{2}$/.test(value))
		return script(
			locale,
			cached(
				`month:${locale}`,
				() => new Intl.DateTimeFormat(tagOf(locale), { year: 'numeric', month: 'long', timeZone: 'UTC' })
			).format(new Date(`${value}-01T00:00:00Z`))
		);
	return formatDate(locale, value);
}

/** A calendar date (YYYY-MM-DD or Date) in the locale's long form, without time-zone drift. */
export function formatDate(locale: Locale, value: string | Date): string {
	const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
	if (Number.isNaN(date.getTime())) return String(value);
	return script(locale, formatDateRaw(locale, date));
}

function formatDateRaw(locale: Locale, date: Date): string {
	return cached(
		`date:${locale}`,
		() =>
			new Intl.DateTimeFormat(tagOf(locale), {
				year: 'numeric',
				month: 'long',
				day: 'numeric',
				timeZone: 'UTC'
			})
	).format(date);
}
