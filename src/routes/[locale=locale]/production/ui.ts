import { formatMoney } from '#lib/i18n/format';
import type { Locale } from '#lib/i18n/locales';

/** An amount in minor units (two decimals in every network currency), in her language. */
export function money(locale: Locale, minor: number, currency: string): string {
	return formatMoney(locale, minor / 100, currency);
}

/** This month and the five before it, as YYYY-MM (statement links). */
export function recentMonths(today: string, count = 6): string[] {
	const [y, m] = today.split('-').map(Number);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const d = new Date(Date.UTC(y, m - 1 - i, 1));
		out.push(d.toISOString().slice(0, 7));
	}
	return out;
}

/** What a failed form action returns (web/forms' FormFailure), as pages read it. */
export interface Failure {
	message?: string;
	fields: Record<string, string>;
	values: Record<string, string>;
	[extra: string]: unknown;
}

/** The action data as a failure, or null. */
export function failure(form: unknown): Failure | null {
	return form && typeof form === 'object' && 'fields' in form ? (form as Failure) : null;
}
