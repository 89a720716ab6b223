import { formatMoney as formatMajor } from '#lib/i18n/format';
import type { Locale } from '#lib/i18n/locales';

/** Minor units per major unit (tyiyn, tiyn, diram, tiyin). */
const DIGITS: Record<string, number> = { KGS: 2, KZT: 2, TJS: 2, UZS: 2 };

/** An amount in minor units, formatted in her language (the platform's money format). */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
	return formatMajor(locale, minor / 10 ** (DIGITS[currency] ?? 2), currency);
}

/** "12.50" or "12,50" typed in a form → minor units; null when it is not an amount. */
export function parseMajor(value: string, currency: string): number | null {
	const digits = DIGITS[currency] ?? 2;
	const clean = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
	if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
	const [whole, frac = ''] = clean.replace('-', '').split('.');
	if (frac.length > digits) return null;
	const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || 0);
	return clean.startsWith('-') ? -minor : minor;
}
