import { z } from 'zod';
import { FALLBACKS, LOCALES, type Locale } from '#lib/i18n/locales';

/** User-written content stored per locale: `{ ky, ru, en, ... }`; absent means not translated. */
export type I18nText = Partial<Record<Locale, string>>;

export interface PickedText {
	text: string;
	/** The locale the text is actually in. */
	locale: Locale;
	/** True when the text is not in the requested locale (the page says so). */
	fallback: boolean;
}

/**
 * Uzbek Latin oʻ/gʻ arrive as U+02BB (CLDR), U+2018, U+2019, a backtick or an ASCII apostrophe after
 * o/g. Stored text uses U+02BB. Used for storage and search.
 */
export function normaliseUzbekApostrophes(value: string): string {
	return value.replace(/([oOgG])['`\u2018\u2019\u02BC]/g, '$1\u02BB');
}

/** Picks the best text for a locale along the fallback chain; null when empty in every language. */
export function pickText(text: I18nText | null | undefined, locale: Locale): PickedText | null {
	if (!text) return null;
	for (const candidate of FALLBACKS[locale]) {
		const value = text[candidate]?.trim();
		if (value) return { text: value, locale: candidate, fallback: candidate !== locale };
	}
	for (const candidate of LOCALES) {
		const value = text[candidate]?.trim();
		if (value) return { text: value, locale: candidate, fallback: true };
	}
	return null;
}

/** Plain string along the fallback chain ('' when absent). */
export function textIn(text: I18nText | null | undefined, locale: Locale): string {
	return pickText(text, locale)?.text ?? '';
}

/** Locales that have no text yet (translation status). */
export function missingLocales(text: I18nText | null | undefined): Locale[] {
	return LOCALES.filter((l) => !text?.[l]?.trim());
}

/** Zod schema for per-locale text; trims, drops empty entries, normalises Uzbek apostrophes. */
export const i18nTextSchema = z
	.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().max(20000).optional()])))
	.transform((value) => {
		const out: I18nText = {};
		for (const l of LOCALES) {
			const v = (value as Record<string, string | undefined>)[l]?.trim();
			if (v) out[l] = l === 'uz' ? normaliseUzbekApostrophes(v) : v;
		}
		return out;
	});
