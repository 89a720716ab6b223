import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
	CONTENT_LOCALES,
	FALLBACKS,
	LOCALES,
	isContentLocale,
	type ContentLocale,
	type Locale
} from '#lib/i18n/locales';
import { toUzCyrl } from '#lib/i18n/uz-cyrl';

/**
 * Where a locale's text comes from (issue 18):
 * - source: the text as published (the seed's source language) or as a person wrote it in Birge;
 * - machine-draft: an automatic translation, shown with a note until a person checks it;
 * - reviewed: a person checked (or wrote) the translation; `by` and `at` say who and when, and
 *   `sourceHash` which source text she checked it against (a later change of the source makes it stale).
 */
export const TEXT_STATUSES = ['source', 'machine-draft', 'reviewed'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

export interface LocaleProvenance {
	status: TextStatus;
	by?: string | null;
	at?: string;
	sourceHash?: string;
}

/** Provenance per locale; a locale with text and no entry is `source` (written by a person). */
export type TextProvenance = Partial<Record<Locale, LocaleProvenance>>;

/**
 * User-written content stored per locale: `{ ky, ru, en, ... }`; absent means not translated.
 * `$p` holds the provenance of each locale's text and `$src` the language the text was first
 * published in (kept inside the same JSON column, so every reader gets it without another query).
 */
export type I18nText = Partial<Record<Locale, string>> & { $p?: TextProvenance; $src?: ContentLocale };

export interface PickedText {
	text: string;
	/** The locale the text is actually in. */
	locale: Locale;
	/** True when the text is not in the requested locale (the page says so). */
	fallback: boolean;
	/** True when the text shown is an automatic translation nobody has checked yet (the page says so). */
	draft: boolean;
}

/**
 * Uzbek Latin oʻ/gʻ arrive as U+02BB (CLDR), U+2018, U+2019, a backtick or an ASCII apostrophe after
 * o/g. Stored text uses U+02BB. Used for storage and search.
 */
export function normaliseUzbekApostrophes(value: string): string {
	return value.replace(/([oOgG])['`\u2018\u2019\u02BC]/g, '$1\u02BB');
}

/** The status of a locale's text (null when the locale has none). */
export function statusOf(text: I18nText | null | undefined, locale: Locale): TextStatus | null {
	if (!text?.[locale]?.trim()) return null;
	return text.$p?.[locale]?.status ?? 'source';
}

function picked(text: I18nText, candidate: Locale, requested: Locale): PickedText | null {
	const value = text[candidate]?.trim();
	if (!value) return null;
	const draft = statusOf(text, candidate) === 'machine-draft';
	// uz-Cyrl is read from the Uzbek Latin text, transliterated, unless a person wrote it in Cyrillic.
	if (requested === 'uz-Cyrl' && candidate === 'uz')
		return { text: toUzCyrl(value), locale: 'uz-Cyrl', fallback: false, draft };
	return { text: value, locale: candidate, fallback: candidate !== requested, draft };
}

/** Picks the best text for a locale along the fallback chain; null when empty in every language. */
export function pickText(text: I18nText | null | undefined, locale: Locale): PickedText | null {
	if (!text) return null;
	for (const candidate of FALLBACKS[locale]) {
		const p = picked(text, candidate, locale);
		if (p) return p;
	}
	for (const candidate of LOCALES) {
		const p = picked(text, candidate, locale);
		if (p) return { ...p, fallback: true };
	}
	return null;
}

/** Plain string along the fallback chain ('' when absent). */
export function textIn(text: I18nText | null | undefined, locale: Locale): string {
	return pickText(text, locale)?.text ?? '';
}

/** Content locales that have no text yet (translation status); uz-Cyrl is derived, never missing. */
export function missingLocales(text: I18nText | null | undefined): ContentLocale[] {
	return CONTENT_LOCALES.filter((l) => !text?.[l]?.trim());
}

/** The language a text was published in: `$src`, else the first of en, ru, then any with text. */
export function sourceLocaleOf(text: I18nText | null | undefined): ContentLocale | null {
	if (!text) return null;
	if (text.$src && text[text.$src]?.trim()) return text.$src;
	const order: ContentLocale[] = ['en', 'ru', 'ky', 'kk', 'tg', 'uz'];
	return order.find((l) => text[l]?.trim() && statusOf(text, l) === 'source') ?? null;
}

/** A short fingerprint of a source text, kept with a review (a changed source makes the review stale). */
export function textHash(value: string): string {
	return createHash('sha256').update(value.trim()).digest('hex').slice(0, 16);
}

/** True when a reviewed translation was checked against a source text that has since changed. */
export function reviewIsStale(text: I18nText | null | undefined, locale: Locale): boolean {
	const p = text?.$p?.[locale];
	if (!text || p?.status !== 'reviewed' || !p.sourceHash) return false;
	const src = sourceLocaleOf(text);
	const value = src ? text[src] : undefined;
	return !!value && src !== locale && textHash(value) !== p.sourceHash;
}

/**
 * The provenance a write leaves. A person's edit (`by` her id): a locale whose text is unchanged keeps
 * its provenance; a changed or new locale becomes `reviewed` by her (or `source` when it is the source
 * language); a locale she emptied is gone. A seed's write (`seed: true`): its texts are published
 * texts (`source`), and locales it does not carry (translations added since) are kept.
 * Module write paths call it, so that a form (which carries only the texts) never erases drafts' marks.
 */
export function carryProvenance(
	previous: I18nText | null | undefined,
	next: I18nText,
	options: { by: string | null; at: Date; seed?: boolean; locale?: Locale }
): I18nText {
	const out: I18nText = {};
	const provenance: TextProvenance = {};
	// A new text's source: the language she wrote in when she filled it, else the first of en, ru….
	const written = options.locale && isContentLocale(options.locale) && next[options.locale]?.trim();
	const src =
		previous?.$src ??
		next.$src ??
		sourceLocaleOf(previous) ??
		(written ? (options.locale as ContentLocale) : (sourceLocaleOf(next) ?? undefined));
	for (const l of LOCALES) {
		const value = next[l]?.trim() ? next[l] : options.seed ? previous?.[l] : undefined;
		if (!value?.trim()) continue;
		out[l] = value;
		const before = previous?.$p?.[l];
		if (previous?.[l] === value) {
			if (before) provenance[l] = before;
		} else if (!options.seed && l !== src) {
			const source = src ? (next[src] ?? previous?.[src]) : undefined;
			provenance[l] = {
				status: 'reviewed',
				by: options.by,
				at: options.at.toISOString(),
				...(source ? { sourceHash: textHash(source) } : {})
			};
		}
	}
	if (Object.keys(provenance).length) out.$p = provenance;
	if (src && out[src]) out.$src = src;
	return out;
}

/**
 * A text a person writes into a new record: its source is the language she wrote it in (the page's,
 * when she filled that one), and the other languages she wrote are her reviewed translations.
 */
export function authoredText(
	next: I18nText,
	ctx: { actor: { userId: string | null }; clock: () => Date; locale: Locale }
): I18nText {
	return carryProvenance(null, next, { by: ctx.actor.userId, at: ctx.clock(), locale: ctx.locale });
}

/**
 * A seeded text with core provenance from the status a seed file gives per locale (`machine-draft`,
 * `reviewed`; anything else, and the source language, is `source`). Later modules' seeds store their
 * texts through it, so that their drafts show the note and appear in the translation workspace.
 */
export function seededText(
	text: Partial<Record<Locale, string>>,
	statuses: Partial<Record<string, string>> | null | undefined,
	src: ContentLocale = 'en'
): I18nText {
	const out: I18nText = {};
	const provenance: TextProvenance = {};
	for (const l of LOCALES) {
		const value = text[l]?.trim();
		if (!value) continue;
		out[l] = value;
		const status = statuses?.[l];
		if (l !== src && (status === 'machine-draft' || status === 'reviewed'))
			provenance[l] = { status, by: null };
	}
	if (out[src]) out.$src = src;
	if (Object.keys(provenance).length) out.$p = provenance;
	return out;
}

/** The texts alone, without provenance (forms and CSV show only these). */
export function plainText(text: I18nText | null | undefined): Partial<Record<Locale, string>> {
	const out: Partial<Record<Locale, string>> = {};
	for (const l of LOCALES) if (text?.[l]) out[l] = text[l];
	return out;
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
