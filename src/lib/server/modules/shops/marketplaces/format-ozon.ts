import type { ExportSettings, MarketplaceCard } from './card';
import { OZON } from './rules';
import { decimalString, ozonDimensions } from './units';

/**
 * Items of `POST /v3/product/import` (Ozon Seller API, ProductAPI_ImportProductsV3): one item per
 * Birge variant (offer_id = its SKU). Prices are decimal strings, `currency_code` the cabinet's, VAT an
 * allowed code, dimensions whole mm and weight whole g; the first image is the main one (the optional
 * `primary_image` is not sent). An update resends the whole item, which is what
 * this builds every time. Several variants are merged with attribute 9048 (the same model name on
 * each); the description goes in attribute 4191 (unverified, docs/marketplaces.md).
 */
export interface OzonAttributeValue {
	dictionary_value_id?: number;
	value: string;
}
export interface OzonAttribute {
	complex_id: number;
	id: number;
	values: OzonAttributeValue[];
}
export interface OzonItem {
	offer_id: string;
	name: string;
	description_category_id: number;
	type_id: number;
	price: string;
	old_price?: string;
	currency_code: string;
	vat: string;
	barcode?: string;
	depth: number;
	width: number;
	height: number;
	dimension_unit: 'mm';
	weight: number;
	weight_unit: 'g';
	images: string[];
	attributes: OzonAttribute[];
}

const MERGE_ATTRIBUTE = 9048;

export function ozonItems(card: MarketplaceCard, settings: ExportSettings): OzonItem[] {
	const listing = card.listings.ozon!;
	const price = listing.prices.find((p) => p.currency === settings.currency)!;
	const attributes: OzonAttribute[] = listing.attributes.map((a) => ({
		complex_id: 0,
		id: a.id,
		values: a.values.map((value, i) => ({
			...(a.dictionaryValueIds?.[i] !== undefined ? { dictionary_value_id: a.dictionaryValueIds[i] } : {}),
			value: String(value)
		}))
	}));
	const description = card.description.ru?.text.trim();
	if (description && !attributes.some((a) => a.id === OZON.descriptionAttributeId))
		attributes.push({ complex_id: 0, id: OZON.descriptionAttributeId, values: [{ value: description }] });
	if (card.variants.length > 1 && !attributes.some((a) => a.id === MERGE_ATTRIBUTE))
		attributes.push({ complex_id: 0, id: MERGE_ATTRIBUTE, values: [{ value: card.productCode }] });
	const images = card.photos.slice(0, OZON.imagesMax).map((p) => p.url);
	return card.variants.map((variant) => ({
		offer_id: variant.sku.trim(),
		name: card.title.ru!.text.trim(),
		description_category_id: Number(listing.categoryId),
		type_id: listing.typeId!,
		price: decimalString(price.amountMinor, price.currency),
		...(price.oldAmountMinor ? { old_price: decimalString(price.oldAmountMinor, price.currency) } : {}),
		currency_code: price.currency,
		vat: listing.vat!,
		...(variant.barcode ? { barcode: variant.barcode } : {}),
		...ozonDimensions(card.package!),
		images,
		attributes
	}));
}

/** `{items}` bodies of ≤ 100 items each. */
export function ozonImportBodies(items: OzonItem[]): { items: OzonItem[] }[] {
	const bodies: { items: OzonItem[] }[] = [];
	for (let i = 0; i < items.length; i += OZON.itemsPerRequest)
		bodies.push({ items: items.slice(i, i + OZON.itemsPerRequest) });
	return bodies;
}
