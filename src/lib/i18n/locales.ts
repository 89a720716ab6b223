/**
 * The UI locales. The URL carries the locale (`/ky/...`). Uzbek is Latin script (`uz` = uz-Latn) and
 * holds the content; `uz-Cyrl` is a derived reading locale: its UI and content are the Uzbek Latin
 * text transliterated (uz-cyrl.ts) unless a person wrote a Cyrillic text (stored under `uz-Cyrl`).
 * Shared by server and components; no server-only imports here.
 */
export const LOCALES = ['ky', 'kk', 'tg', 'uz', 'uz-Cyrl', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The six languages content is written and translated in (uz-Cyrl is derived from uz). */
export const CONTENT_LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

export function isContentLocale(value: unknown): value is ContentLocale {
	return typeof value === 'string' && (CONTENT_LOCALES as readonly string[]).includes(value);
}

/** A derived locale's base: the locale whose text it is made from. */
export const DERIVED_FROM: Partial<Record<Locale, ContentLocale>> = { 'uz-Cyrl': 'uz' };
export const DEFAULT_LOCALE: Locale = 'ru';

/** Each locale's own name, as shown in the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
	ky: 'Кыргызча',
	kk: 'Қазақша',
	tg: 'Тоҷикӣ',
	uz: 'Oʻzbekcha',
	'uz-Cyrl': 'Ўзбекча',
	ru: 'Русский',
	en: 'English'
};

/** BCP 47 tags for Intl and <html lang>. */
export const LOCALE_TAGS: Record<Locale, string> = {
	ky: 'ky',
	kk: 'kk',
	tg: 'tg',
	uz: 'uz-Latn',
	'uz-Cyrl': 'uz-Cyrl',
	ru: 'ru',
	en: 'en'
};

/**
 * Fallback chain for content stored per locale (ARCHITECTURE.md): ky→ru→en, kk→ru→en, tg→ru→en,
 * uz→ru→en, uz-Cyrl→uz (transliterated)→ru→en, ru→en, en→ru.
 */
export const FALLBACKS: Record<Locale, readonly Locale[]> = {
	ky: ['ky', 'ru', 'en'],
	kk: ['kk', 'ru', 'en'],
	tg: ['tg', 'ru', 'en'],
	uz: ['uz', 'ru', 'en'],
	'uz-Cyrl': ['uz-Cyrl', 'uz', 'ru', 'en'],
	ru: ['ru', 'en'],
	en: ['en', 'ru']
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks a locale from an Accept-Language header, honouring q-values. Regional and script variants
 * map to the language (`ru-KG` → ru, `uz-Latn-UZ` → uz), except Uzbek Cyrillic (`uz-Cyrl`, `uz-Cyrl-UZ`
 * → uz-Cyrl).
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
		})
		.filter((entry) => entry.tag && entry.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const { tag } of ranked) {
		const [language, script] = tag.split('-');
		if (language === 'uz' && script === 'cyrl') return 'uz-Cyrl';
		if (isLocale(language)) return language;
	}
	return null;
}
