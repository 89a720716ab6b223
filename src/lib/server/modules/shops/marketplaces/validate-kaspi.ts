import type { MarketplaceCard, Problem } from './card';
import { KASPI } from './rules';
import { wholeMajor } from './units';
import { Problems, charLength, checkText } from './validate-common';

/**
 * Kaspi price list offer (docs/marketplaces.md §Kaspi): SKU Latin letters and digits (≤ 20), model and
 * brand, at least one store point, a whole-tenge price or city prices. The card itself is made in
 * Kaspi's cabinet; `kaspiSheet` gives the maker the fields to fill there.
 */
export function validateKaspi(card: MarketplaceCard, storeIds: readonly string[]): Problem[] {
	const out = new Problems();
	const listing = card.listings.kaspi;
	// The model Kaspi shows: the listing's own, else the Russian title.
	if (!listing?.model?.trim()) checkText(out, card.title, 'ru', 'title');
	if (!card.brand?.trim()) out.error('brand', 'required');
	if (card.variants.length === 0) out.error('variants', 'required');
	card.variants.forEach((variant, i) => {
		const sku = variant.sku.trim();
		if (!sku) out.error(`variants.${i}.sku`, 'required');
		else {
			if (!KASPI.skuPattern.test(sku)) out.error(`variants.${i}.sku`, 'sku_not_latin', { sku });
			if (charLength(sku) > KASPI.skuMax)
				out.error(`variants.${i}.sku`, 'too_long', { max: KASPI.skuMax, length: charLength(sku) });
		}
	});
	const availabilities = listing?.availabilities ?? [];
	if (availabilities.length === 0) out.error('availabilities', 'required');
	availabilities.forEach((a, i) => {
		if (!storeIds.includes(a.storeId))
			out.error(`availabilities.${i}`, 'store_missing', { store: a.storeId });
		if (a.preOrderDays !== undefined && (a.preOrderDays < 0 || a.preOrderDays > KASPI.preOrderMaxDays))
			out.error(`availabilities.${i}.preOrderDays`, 'preorder_too_long', { max: KASPI.preOrderMaxDays });
	});
	const cityPrices = listing?.cityPrices ?? [];
	if (cityPrices.length > 0) {
		cityPrices.forEach((c, i) => {
			if (c.amountMinor <= 0) out.error(`cityPrices.${i}`, 'price_not_positive');
			else if (wholeMajor(c.amountMinor, KASPI.currency) === null)
				out.error(`cityPrices.${i}`, 'price_not_whole', { currency: KASPI.currency });
		});
	} else {
		const price = listing?.prices.find((p) => p.currency === KASPI.currency);
		if (!price) out.error('price', 'price_missing', { currency: KASPI.currency });
		else if (price.amountMinor <= 0) out.error('price', 'price_not_positive');
		else if (wholeMajor(price.amountMinor, KASPI.currency) === null)
			out.error('price', 'price_not_whole', { currency: KASPI.currency });
	}
	return out.list;
}
