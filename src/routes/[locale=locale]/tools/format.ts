import { LOCALE_TAGS, type Locale } from '#lib/i18n/locales';

/**
 * One number formatter per page render: a schedule formats hundreds of amounts, and building an
 * Intl.NumberFormat costs tens of microseconds. Amounts keep the currency's decimals (2; 0 for UZS)
 * so that a column lines up; the currency code goes in the column heading, or after the amount.
 */
export function amountFormat(locale: Locale, digits: number) {
	const format = new Intl.NumberFormat(LOCALE_TAGS[locale], {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return (value: number) => format.format(value);
}

/** An amount with its currency as the locale writes it (`1 500,50 сом`), or a bare number. */
export function moneyFormat(locale: Locale, digits: number, currency: string | null) {
	if (!currency) return amountFormat(locale, digits);
	const format = new Intl.NumberFormat(LOCALE_TAGS[locale], {
		style: 'currency',
		currency,
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return (value: number) => format.format(value);
}

export function decimalFormat(locale: Locale) {
	const format = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 4 });
	return (value: number) => format.format(value);
}

/** A rate or share to one decimal, as the Kyrgyz and Kazakh rules round it (`12,7`). */
export function rateFormat(locale: Locale) {
	const format = new Intl.NumberFormat(LOCALE_TAGS[locale], {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	});
	return (value: number) => format.format(value);
}
