import { DERIVED_FROM, LOCALES, type ContentLocale, type Locale } from './locales';
import { transliterateCatalog } from './uz-cyrl';
import { pluralCategory } from './plural';
import { files, MESSAGE_FILES, type SourceCatalog } from './catalog';

/**
 * UI strings: `messages/<locale>/<module>.json`, flat keys prefixed by module (`programs_search_placeholder`);
 * a module owns its file, so that modules do not edit one file. A value is a string with `{name}`
 * placeholders, or a plural object `{ "one": ..., "other": ... }` chosen by the `count` parameter with the
 * locale's plural rule. Keys starting with `$` are metadata (translation status, per file). A unit test fails
 * when a key is missing in any locale, or when a key is used nowhere.
 */
type Catalog = SourceCatalog;
export type MessageKey = Exclude<keyof Catalog, `$${string}`>;
export type MessageParams = Record<string, string | number>;
type PluralValue = Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>>;
type MessageValue = string | PluralValue;

function merge(locale: Locale): Record<string, unknown> {
	const merged: Record<string, unknown> = {};
	const base = DERIVED_FROM[locale];
	for (const name of MESSAGE_FILES) {
		// A derived locale (uz-Cyrl) is its base's files transliterated, once, when the catalogue loads.
		const file = base
			? transliterateCatalog(files[base][name] as Record<string, unknown>)
			: files[locale as ContentLocale][name];
		const { $meta, ...keys } = file as Record<string, unknown>;
		Object.assign(merged, keys);
		merged[`$meta.${name}`] = $meta;
	}
	return merged;
}

/** Every locale's keys merged from its module files; `$meta.<module>` holds each file's metadata. */
export const catalogs = Object.fromEntries(LOCALES.map((locale) => [locale, merge(locale)])) as Record<
	Locale,
	Record<string, unknown>
>;

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
