import type { ExportSettings, MarketplaceCard } from './card';
import type { CategoryRules } from './category-rules';
import { WILDBERRIES } from './rules';
import { wholeMajor, wildberriesDimensions } from './units';

/**
 * The body of `POST /content/v2/cards/upload` (official spec 02-products.yaml): an array of merged cards
 * `{subjectID, variants[]}`. Birge variants that carry a size become the sizes of one Wildberries card
 * (vendorCode = the product code); variants without a size become the merged card's own variants
 * (vendorCode = their SKU). Photos are not part of this call: they go to `/content/v3/media/save` once
 * the card has an nmID (see the client).
 */
export interface WildberriesSize {
	techSize?: string;
	wbSize?: string;
	price?: number;
	skus?: string[];
}
export interface WildberriesVariant {
	vendorCode: string;
	title: string;
	description: string;
	brand?: string;
	dimensions: { length: number; width: number; height: number; weightBrutto: number };
	characteristics: { id: number; value: string[] | number }[];
	sizes: WildberriesSize[];
}
export interface WildberriesCard {
	subjectID: number;
	variants: WildberriesVariant[];
}

/** One validated card as Wildberries' upload item; call only when the validator found no error. */
export function wildberriesCard(
	card: MarketplaceCard,
	settings: ExportSettings,
	category: CategoryRules | null
): WildberriesCard {
	const listing = card.listings.wildberries!;
	const priceMinor = listing.prices.find((p) => p.currency === settings.currency)?.amountMinor;
	const price =
		priceMinor === undefined ? undefined : (wholeMajor(priceMinor, settings.currency) ?? undefined);
	const numeric = new Set(category?.attributes.filter((a) => a.kind === 'number').map((a) => a.id));
	const named = new Set(category?.attributes.filter((a) => a.namedField).map((a) => a.id));
	const characteristics = listing.attributes
		.filter((a) => !named.has(a.id) && a.values.length > 0)
		.map((a) => ({ id: a.id, value: numeric.has(a.id) ? Number(a.values[0]) : a.values.map(String) }));
	const base = {
		title: card.title.ru!.text.trim(),
		description: card.description.ru!.text.trim(),
		...(card.brand?.trim() ? { brand: card.brand.trim() } : {}),
		dimensions: wildberriesDimensions(card.package!),
		characteristics
	};
	const sized = card.variants.length > 0 && card.variants.every((v) => v.size?.trim());
	const skus = (barcode?: string) => (barcode ? { skus: [barcode] } : {});
	const variants: WildberriesVariant[] = sized
		? [
				{
					vendorCode: card.productCode,
					...base,
					sizes: card.variants.map((v) => ({
						techSize: v.size!.trim(),
						wbSize: v.size!.trim(),
						price,
						...skus(v.barcode)
					}))
				}
			]
		: card.variants.map((v) => ({
				vendorCode: v.sku.trim(),
				...base,
				sizes: [{ price, ...skus(v.barcode) }]
			}));
	return { subjectID: Number(listing.categoryId), variants };
}

/** Splits upload items into requests of ≤ 100 cards and ≤ 10 MB of JSON each. */
export function wildberriesBatches(cards: WildberriesCard[]): WildberriesCard[][] {
	const batches: WildberriesCard[][] = [];
	let batch: WildberriesCard[] = [];
	let bytes = 2;
	for (const card of cards) {
		const size = Buffer.byteLength(JSON.stringify(card)) + 1;
		if (
			batch.length > 0 &&
			(batch.length >= WILDBERRIES.cardsPerRequest || bytes + size > WILDBERRIES.requestBytesMax)
		) {
			batches.push(batch);
			batch = [];
			bytes = 2;
		}
		batch.push(card);
		bytes += size;
	}
	if (batch.length > 0) batches.push(batch);
	return batches;
}

/** The body of the prices API `POST /api/v2/upload/task`: `{data:[{nmID, price, discount?}]}`, ≤ 1000. */
export function wildberriesPriceTasks(items: { nmID: number; price: number; discount?: number }[]) {
	const tasks: { data: typeof items }[] = [];
	for (let i = 0; i < items.length; i += WILDBERRIES.pricesPerRequest)
		tasks.push({ data: items.slice(i, i + WILDBERRIES.pricesPerRequest) });
	return tasks;
}
