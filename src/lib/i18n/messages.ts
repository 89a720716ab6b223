import type { Locale } from './locales';
import { pluralCategory } from './plural';
import ky from '../../../messages/ky.json';
import kk from '../../../messages/kk.json';
import tg from '../../../messages/tg.json';
import uz from '../../../messages/uz.json';
import ru from '../../../messages/ru.json';
import en from '../../../messages/en.json';

/**
 * UI strings: `messages/<locale>.json`, flat keys prefixed by module (`programs_search_placeholder`).
 * A value is a string with `{name}` placeholders, or a plural object `{ "one": ..., "other": ... }`
 * chosen by the `count` parameter with the locale's plural rule. Keys starting with `$` are metadata
 * (translation status). A unit test fails when a key is missing in any locale.
 */
type Catalog = typeof en;
export type MessageKey = Exclude<keyof Catalog, `$${string}`>;
export type MessageParams = Record<string, string | number>;
type PluralValue = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>>;
type MessageValue = string | PluralValue;

export const catalogs: Record<Locale, Record<string, unknown>> = { ky, kk, tg, uz, ru, en };

function interpolate(template: string, params: MessageParams | undefined): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

export function hasMessage(locale: Locale, key: string): boolean {
	return key in catalogs[locale];
}

/** Translates a UI key. A missing key falls back to Russian, then English, then the key itself. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const value = (catalogs[locale][key] ?? catalogs.ru[key] ?? catalogs.en[key]) as MessageValue | undefined;
	if (value === undefined) return key;
	if (typeof value === 'string') return interpolate(value, params);
	const count = Number(params?.count ?? 0);
	const category = pluralCategory(locale, count);
	return interpolate(value[category] ?? value.other ?? '', params);
}

/** A translator bound to one locale, for components and services. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export function translator(locale: Locale): Translate {
	return (key, params) => t(locale, key, params);
}
