import { carryProvenance, sourceLocaleOf, type I18nText, type ServiceContext } from '../../core';
import { CONTENT_LOCALES, DERIVED_FROM, type ContentLocale } from '#lib/i18n/locales';

/**
 * A text the maker saved, with its provenance carried (core `carryProvenance`, as programs and
 * coalitions do): the language she first wrote it in is its source (`$src`, her interface language
 * when she filled it, otherwise the first she filled); every other language she wrote or changed is
 * `reviewed` by her; a language she left untouched keeps its mark (a machine draft stays a draft
 * until she edits it); one she emptied is gone.
 */
export function carryOwnText(
	ctx: ServiceContext,
	previous: I18nText | null | undefined,
	next: I18nText
): I18nText {
	const mine = (DERIVED_FROM[ctx.locale] ?? ctx.locale) as ContentLocale;
	const first = next[mine]?.trim() ? mine : CONTENT_LOCALES.find((l) => next[l]?.trim());
	const src = previous?.$src ?? sourceLocaleOf(previous) ?? first;
	return carryProvenance(previous, src ? { ...next, $src: src } : next, {
		by: ctx.actor.userId,
		at: ctx.clock()
	});
}

/** The named text fields of a row, each carried from its previous value. */
export function carryOwnTexts<K extends string>(
	ctx: ServiceContext,
	previous: Partial<Record<NoInfer<K>, I18nText>> | null | undefined,
	next: Record<K, I18nText>
): Record<K, I18nText> {
	const out = {} as Record<K, I18nText>;
	for (const k of Object.keys(next) as K[]) out[k] = carryOwnText(ctx, previous?.[k], next[k]);
	return out;
}
