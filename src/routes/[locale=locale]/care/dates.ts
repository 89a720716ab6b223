import { formatDate } from '#lib/i18n/format';
import { LOCALE_TAGS, type Locale } from '#lib/i18n/locales';

/** A date as precise as its source: `2025`, `October 2016` or `16 October 2023`. */
export function formatPartialDate(locale: Locale, value: string): string {
	if (/^\d{4}$/.test(value)) return value;
	if (/^\d{4}-\d{2}$/.test(value))
		return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
			year: 'numeric',
			month: 'long',
			timeZone: 'UTC'
		}).format(new Date(`${value}-01T00:00:00Z`));
	return formatDate(locale, value);
}
