import type { Locale } from '#lib/i18n/locales';
import { LOCALE_NAMES } from '#lib/i18n/locales';
import type { MessageKey, Translate } from '#lib/i18n/messages';
import { formatNumber, formatPartialDate } from '#lib/i18n/format';

/** Small helpers shared by the coalitions pages (no server imports: components use them). */

export const statusKey = (s: string) => `coalitions_status_${s}` as MessageKey;
export const barrierKey = (b: string) => `coalitions_barrier_${b}` as MessageKey;
export const kindKey = (k: string) => `coalitions_kind_${k}` as MessageKey;
export const instrumentKey = (t: string) => `coalitions_instrument_${t}` as MessageKey;
export const councilKey = (r: string) => `coalitions_council_${r}` as MessageKey;
export const orgKindKey = (k: string) => `org_kind_${k}` as MessageKey;

/** The source's own status words that have a translation (coalitions_source_status_*). */
const SOURCE_STATUSES = ['in_progress', 'done', 'drafted', 'adopted'];

/** A source's own status word in her language; a word without a translation, as written (no underscores). */
export function reportedStatusText(t: Translate, s: string): string {
	return SOURCE_STATUSES.includes(s)
		? t(`coalitions_source_status_${s}` as MessageKey)
		: s.replace(/_/g, ' ');
}

/** A date known to the year, month or day. */
export const partialDate = formatPartialDate;

export const num = (locale: Locale, n: number) => formatNumber(locale, n);

/** "Shown in English" notice for text that falls back to another language. */
export function fallbackNote(t: Translate, fallbackLocale: Locale | null): string | null {
	return fallbackLocale ? t('fallback_notice', { language: LOCALE_NAMES[fallbackLocale] }) : null;
}

/** Where a source is described: its own URL, else the sources list on the coalitions page. */
export function sourceHref(
	locale: Locale,
	s: { key: string; url: string | null } | undefined,
	key: string
): string {
	return s?.url ?? `/${locale}/coalitions#source-${key}`;
}
