import type { ExportSettings, MarketplaceCard, Problem } from './card';
import type { CategoryRules } from './category-rules';
import { WILDBERRIES } from './rules';
import { wholeMajor } from './units';
import {
	Problems,
	barcodeIsValid,
	charLength,
	checkAttributes,
	checkPackage,
	checkPhotos,
	checkText
} from './validate-common';

/** A problem with the photos: they go in their own call after the card (`/content/v3/media/save`). */
export function isMediaProblem(problem: Problem): boolean {
	return problem.field === 'photos' || problem.field.startsWith('photos.');
}

/**
 * Wildberries Content API card upload (docs/marketplaces.md §Wildberries). Russian text. The photos
 * are checked too (the listing shows every problem); `{ photos: false }` leaves them out, for the card
 * call itself, which does not carry them: a bad photo stops the media call, not the card.
 */
export function validateWildberries(
	card: MarketplaceCard,
	settings: ExportSettings,
	category: CategoryRules | null,
	options: { photos?: boolean } = {}
): Problem[] {
	const out = new Problems();
	const listing = card.listings.wildberries;
	if (!listing || listing.categoryId === undefined || !category) {
		out.error('category', 'category_not_mapped');
	}
	const descriptionMax = Math.min(
		WILDBERRIES.descriptionMaxOfMax,
		Math.max(WILDBERRIES.descriptionMinOfMax, category?.descriptionMax ?? WILDBERRIES.descriptionDefaultMax)
	);
	checkText(out, card.title, 'ru', 'title', WILDBERRIES.titleMax);
	checkText(out, card.description, 'ru', 'description', descriptionMax);
	if (!card.brand?.trim()) out.warn('brand', 'required');
	checkPackage(out, card);

	if (card.variants.length === 0) out.error('variants', 'required');
	if (card.variants.length > WILDBERRIES.variantsPerCard)
		out.error('variants', 'variants_too_many', {
			max: WILDBERRIES.variantsPerCard,
			count: card.variants.length
		});
	// Sized variants become one card whose seller article is the product code (format-wildberries.ts).
	if (card.variants.length > 0 && card.variants.every((v) => v.size?.trim())) {
		const code = card.productCode.trim();
		if (!code) out.error('productCode', 'required');
		else if (charLength(code) > WILDBERRIES.vendorCodeMax)
			out.error('productCode', 'too_long', { max: WILDBERRIES.vendorCodeMax, length: charLength(code) });
	}
	card.variants.forEach((variant, i) => {
		const code = variant.sku.trim();
		if (!code) out.error(`variants.${i}.sku`, 'required');
		else if (charLength(code) > WILDBERRIES.vendorCodeMax)
			out.error(`variants.${i}.sku`, 'too_long', {
				max: WILDBERRIES.vendorCodeMax,
				length: charLength(code)
			});
		if (variant.barcode && !barcodeIsValid(variant.barcode))
			out.error(`variants.${i}.barcode`, 'barcode_invalid', { barcode: variant.barcode });
	});

	if (options.photos !== false)
		checkPhotos(out, card.photos, {
			min: 1,
			max: WILDBERRIES.photosMax,
			minWidth: WILDBERRIES.photoMinWidth,
			minHeight: WILDBERRIES.photoMinHeight,
			formats: WILDBERRIES.photoFormats,
			maxBytes: WILDBERRIES.photoBytesMax
		});

	const price = listing?.prices.find((p) => p.currency === settings.currency);
	if (!price) out.error('price', 'price_missing', { currency: settings.currency });
	else {
		if (price.amountMinor <= 0) out.error('price', 'price_not_positive');
		else if (wholeMajor(price.amountMinor, price.currency) === null)
			out.error('price', 'price_not_whole', { currency: price.currency });
		// Wildberries compares the new price with its discount to the old one (quarantine at a third).
		const selling = (amount: number, discount = 0) => (amount * (100 - discount)) / 100;
		const now = selling(price.amountMinor, price.discountPercent);
		if (
			price.previousAmountMinor &&
			price.amountMinor > 0 &&
			now * WILDBERRIES.quarantineRatio <= selling(price.previousAmountMinor, price.previousDiscountPercent)
		)
			out.warn('price', 'price_cut_quarantine', { ratio: WILDBERRIES.quarantineRatio });
		else if (price.discountPercent && now * WILDBERRIES.quarantineRatio <= price.amountMinor)
			out.warn('discount', 'discount_quarantine', {
				discount: price.discountPercent,
				ratio: WILDBERRIES.quarantineRatio
			});
	}
	if (category) checkAttributes(out, listing?.attributes ?? [], category);
	return out.list;
}
