import { formatMoney as formatMajor } from '#lib/i18n/format';
import type { Locale } from '#lib/i18n/locales';

/** Minor units per major unit (tyiyn, tiyn, diram, tiyin). */
const DIGITS: Record<string, number> = { KGS: 2, KZT: 2, TJS: 2, UZS: 2 };

/** An amount in minor units, formatted in her language (the platform's money format). */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
	return formatMajor(locale, minor / 10 ** (DIGITS[currency] ?? 2), currency);
}

/** "12.50" or "12,50" typed in a form → minor units (two decimals); null when it is not an amount. */
export function parseMajor(value: string): number | null {
	const clean = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
	if (!/^-?\d{1,10}(\.\d{1,2})?$/.test(clean)) return null;
	const [whole, frac = ''] = clean.replace('-', '').split('.');
	const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
	return clean.startsWith('-') ? -minor : minor;
}
