import { getContext, setContext } from 'svelte';
import type { Locale } from './locales';
import { translator, type Translate } from './messages';

const KEY = Symbol('birge.i18n');

export interface I18n {
	locale: Locale;
	t: Translate;
}

/** Set once by the root layout for the request's locale. */
export function provideI18n(locale: () => Locale): I18n {
	const value: I18n = {
		get locale() {
			return locale();
		},
		get t() {
			return translator(locale());
		}
	};
	setContext(KEY, value);
	return value;
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
