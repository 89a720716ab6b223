import type { ExportSettings, MarketplaceCard, Problem } from './card';
import type { CategoryRules } from './category-rules';
import { OZON } from './rules';
import {
	Problems,
	barcodeIsValid,
	charLength,
	checkAttributes,
	checkPackage,
	checkPhotos,
	checkText
} from './validate-common';

/** Ozon Seller API product import (docs/marketplaces.md §Ozon). Russian text; one item per variant. */
export function validateOzon(
	card: MarketplaceCard,
	settings: ExportSettings,
	category: CategoryRules | null
): Problem[] {
	const out = new Problems();
	const listing = card.listings.ozon;
	if (!listing || listing.categoryId === undefined || !category) out.error('category', 'category_not_mapped');
	if (listing && listing.typeId === undefined) out.error('typeId', 'type_not_mapped');
	checkText(out, card.title, 'ru', 'title', OZON.nameMax);
	checkText(out, card.description, 'ru', 'description');
	checkPackage(out, card, OZON.weightMaxG);

	if (card.variants.length === 0) out.error('variants', 'required');
	card.variants.forEach((variant, i) => {
		const code = variant.sku.trim();
		if (!code) out.error(`variants.${i}.sku`, 'required');
		else if (charLength(code) > OZON.offerIdMax)
			out.error(`variants.${i}.sku`, 'too_long', { max: OZON.offerIdMax, length: charLength(code) });
		if (variant.barcode && !barcodeIsValid(variant.barcode))
			out.error(`variants.${i}.barcode`, 'barcode_invalid', { barcode: variant.barcode });
	});

	checkPhotos(out, card.photos, { min: 1, max: OZON.imagesMax, formats: OZON.imageFormats });

	if (!(OZON.currencies as readonly string[]).includes(settings.currency))
		out.error('price', 'currency_not_accepted', { currency: settings.currency });
	const price = listing?.prices.find((p) => p.currency === settings.currency);
	if (!price) out.error('price', 'price_missing', { currency: settings.currency });
	else if (price.amountMinor <= 0) out.error('price', 'price_not_positive');
	if (!listing?.vat || !(OZON.vat as readonly string[]).includes(listing.vat))
		out.error('vat', listing?.vat ? 'vat_invalid' : 'required', { value: listing?.vat ?? '' });
	if (category) checkAttributes(out, listing?.attributes ?? [], category);
	return out.list;
}
