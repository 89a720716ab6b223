/**
 * The six UI locales. The URL carries the locale (`/ky/...`). Uzbek is Latin script (`uz` = uz-Latn).
 * Shared by server and components; no server-only imports here.
 */
export const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';

/** Each locale's own name, as shown in the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
	ky: 'Кыргызча',
	kk: 'Қазақша',
	tg: 'Тоҷикӣ',
	uz: 'Oʻzbekcha',
	ru: 'Русский',
	en: 'English'
};

/** BCP 47 tags for Intl and <html lang>. */
export const LOCALE_TAGS: Record<Locale, string> = {
	ky: 'ky',
	kk: 'kk',
	tg: 'tg',
	uz: 'uz-Latn',
	ru: 'ru',
	en: 'en'
};

/**
 * Fallback chain for content stored per locale (ARCHITECTURE.md): ky→ru→en, kk→ru→en, tg→ru→en,
 * uz→ru→en, ru→en, en→ru.
 */
export const FALLBACKS: Record<Locale, readonly Locale[]> = {
	ky: ['ky', 'ru', 'en'],
	kk: ['kk', 'ru', 'en'],
	tg: ['tg', 'ru', 'en'],
	uz: ['uz', 'ru', 'en'],
	ru: ['ru', 'en'],
	en: ['en', 'ru']
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks a locale from an Accept-Language header, honouring q-values. Regional and script variants
 * map to the language (`ru-KG` → ru, `uz-Latn-UZ` → uz, `uz-Cyrl` → uz).
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
		const language = tag.split('-')[0];
		if (isLocale(language)) return language;
	}
	return null;
}
