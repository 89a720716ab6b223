import type { Locale } from './locales';
import { LOCALE_TAGS } from './locales';

export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

const cache = new Map<Locale, Intl.PluralRules>();

/**
 * Cardinal plural category. ICU has no plural data for Tajik (`Intl.PluralRules('tg')` silently falls
 * back to the runtime's default locale), so Tajik gets an explicit one/other rule here, like its
 * neighbours ky, kk and uz (to be confirmed by a Tajik linguist; see seed/locales.json).
 */
export function pluralCategory(locale: Locale, n: number): PluralCategory {
	if (locale === 'tg') return n === 1 ? 'one' : 'other';
	let rules = cache.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(LOCALE_TAGS[locale]);
		cache.set(locale, rules);
	}
	return rules.select(n) as PluralCategory;
}
