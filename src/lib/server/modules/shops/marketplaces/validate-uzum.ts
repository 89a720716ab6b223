import type { MarketplaceCard, Problem } from './card';
import { checkIkpu } from './ikpu';
import { UZUM } from './rules';
import { Problems, checkText } from './validate-common';

/**
 * Uzum: no card-creation API is documented, so this checks what the seller cabinet asks (research notes
 * §A4): name, short description and at least three properties in Uzbek (Latin) and Russian; a name of
 * at least three words starting with a capital; the IKPU; a price in UZS; photos present.
 */
export function validateUzum(card: MarketplaceCard): Problem[] {
	const out = new Problems();
	const listing = card.listings.uzum;
	if (!listing || listing.categoryId === undefined) out.error('category', 'category_not_mapped');
	for (const locale of UZUM.locales) {
		const name = checkText(out, card.title, locale, 'title');
		if (name) {
			if (name.split(/\s+/).filter(Boolean).length < UZUM.nameMinWords)
				out.error(`title.${locale}`, 'too_few_words', { min: UZUM.nameMinWords });
			if (name[0] !== name[0].toLocaleUpperCase(locale)) out.error(`title.${locale}`, 'not_capitalised');
		}
		checkText(out, card.shortDescription, locale, 'shortDescription');
		checkText(out, card.description, locale, 'description');
		const filled = (card.properties ?? []).filter((p) => p.name[locale]?.trim() && p.value[locale]?.trim());
		if (filled.length < UZUM.propertiesMin)
			out.error(`properties.${locale}`, 'properties_too_few', {
				min: UZUM.propertiesMin,
				count: filled.length,
				locale
			});
	}
	out.list.push(...checkIkpu(listing?.productCode));
	if (card.photos.length === 0) out.error('photos', 'photos_too_few', { min: 1, count: 0 });
	if (card.variants.length === 0) out.error('variants', 'required');
	const price = listing?.prices.find((p) => p.currency === UZUM.currency);
	if (!price) out.error('price', 'price_missing', { currency: UZUM.currency });
	else if (price.amountMinor <= 0) out.error('price', 'price_not_positive');
	return out.list;
}
