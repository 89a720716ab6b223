import { and, eq, inArray } from 'drizzle-orm';
import { AppError, requireUser, statusOf, textIn, type I18nText, type ServiceContext } from '../../../core';
import { CONTENT_LOCALES } from '#lib/i18n/locales';
import { requireShopEditor } from '../access';
import { photosOf, productBySlug, shopBySlug, variantsOf, type ProductRow, type ShopRow } from '../queries';
import type {
	CardPhoto,
	CardTexts,
	MarketplaceCard,
	MarketplaceId,
	MarketplaceListing,
	PhotoFormat
} from './card';
import { marketplaceAccount, marketplaceListing } from './schema';

/**
 * The wiring from the shops tables to the export layer's `MarketplaceCard`: a product, its variants
 * and photos, and its listings. Photos are offered as absolute URLs on ORIGIN (the validators refuse
 * a loopback or private origin before anything is sent).
 */

export type ListingRow = typeof marketplaceListing.$inferSelect;
export type AccountRow = typeof marketplaceAccount.$inferSelect;

/** The shop the actor edits (owner or co-owner); NOT_FOUND otherwise. */
export async function editableShop(ctx: ServiceContext, shopSlug: string): Promise<ShopRow> {
	requireUser(ctx);
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	return s;
}

export async function editableProduct(ctx: ServiceContext, shopSlug: string, productSlug: string) {
	const s = await editableShop(ctx, shopSlug);
	const p = await productBySlug(ctx, s.id, productSlug);
	if (!p) throw new AppError('NOT_FOUND');
	return { shop: s, product: p };
}

function texts(text: I18nText | null | undefined): CardTexts {
	const out: CardTexts = {};
	for (const locale of CONTENT_LOCALES) {
		const value = text?.[locale]?.trim();
		if (value) out[locale] = { text: value, machineDraft: statusOf(text, locale) === 'machine-draft' };
	}
	return out;
}

const FORMATS: Record<string, PhotoFormat> = {
	jpg: 'jpeg',
	jpeg: 'jpeg',
	png: 'png',
	webp: 'webp',
	avif: 'avif'
};

function formatOf(url: string): PhotoFormat {
	const ext = url.split('?')[0].split('.').pop()?.toLowerCase() ?? '';
	return FORMATS[ext] ?? 'jpeg';
}

/** A listing row as the export layer reads it. */
export function listingOf(row: ListingRow | undefined): MarketplaceListing | undefined {
	if (!row) return undefined;
	const numeric = row.categoryId !== null && /^\d{1,15}$/.test(row.categoryId);
	return {
		categoryId: row.categoryId === null ? undefined : numeric ? Number(row.categoryId) : row.categoryId,
		typeId: row.typeId ?? undefined,
		// The last price sent (the export job records it) is the one a big cut is measured against.
		prices: row.prices.map((price) =>
			row.lastSentPrice?.currency === price.currency
				? {
						...price,
						previousAmountMinor: row.lastSentPrice.amountMinor,
						...(row.lastSentPrice.discountPercent
							? { previousDiscountPercent: row.lastSentPrice.discountPercent }
							: {})
					}
				: price
		),
		attributes: row.attributes,
		productCode: row.productCode ?? undefined,
		vat: row.vat ?? undefined,
		withdrawn: row.withdrawn,
		model: row.extra.model
	};
}

/**
 * Cards for some products of one shop, with their listings. `stores`: the shop's Kaspi store ids (each
 * offer is available on all of them with the product's stock).
 */
export async function cardsFor(
	ctx: ServiceContext,
	s: ShopRow,
	products: ProductRow[],
	stores: string[] = []
): Promise<Map<string, MarketplaceCard>> {
	const ids = products.map((p) => p.id);
	const [variants, photos, listings] = await Promise.all([
		variantsOf(ctx, ids),
		photosOf(ctx, ids),
		ids.length
			? ctx.db.select().from(marketplaceListing).where(inArray(marketplaceListing.productId, ids))
			: Promise.resolve([] as ListingRow[])
	]);
	const brand = textIn(s.name, 'ru') || undefined;
	const out = new Map<string, MarketplaceCard>();
	for (const p of products) {
		const own = variants.filter((v) => v.productId === p.id);
		const mine = listings.filter((l) => l.productId === p.id);
		const stock = own.length
			? own.reduce((sum, v) => sum + (v.quantity ?? 0), 0)
			: (p.quantity ?? (p.availability === 'in_stock' ? 1 : 0));
		const cardPhotos: CardPhoto[] = photos
			.filter((ph) => ph.productId === p.id)
			.map((ph) => ({
				url: new URL(ph.image.url, ctx.platform.origin).toString(),
				widthPx: ph.image.width,
				heightPx: ph.image.height,
				format: formatOf(ph.image.url),
				// The master's size where core images lists it; uploads are capped at MAX_PHOTO_BYTES anyway.
				bytes: ph.image.variants.find((v) => v.url === ph.image.url)?.size ?? 0
			}));
		const listingsById: MarketplaceCard['listings'] = {};
		for (const row of mine) {
			const listing = listingOf(row)!;
			if (row.marketplace === 'kaspi')
				listing.availabilities = stores.map((storeId) => ({ storeId, stockCount: stock }));
			listingsById[row.marketplace] = listing;
		}
		const extra = mine.find((l) => l.marketplace === 'uzum')?.extra ?? {};
		out.set(p.id, {
			productCode: p.slug.toUpperCase(),
			brand,
			title: texts(p.title),
			description: texts(p.description),
			shortDescription: extra.shortDescription,
			properties: extra.properties,
			package:
				p.packageSize && p.weightG
					? { ...p.packageSize, weightG: p.weightG }
					: p.packageSize
						? { ...p.packageSize, weightG: 0 }
						: null,
			variants: own.length
				? own.map((v) => ({
						sku: v.sku,
						barcode: v.barcode ?? undefined,
						size: v.size ?? v.colour ?? undefined,
						stock: v.quantity ?? undefined
					}))
				: [{ sku: p.slug.replace(/[^A-Za-z0-9]/g, '').toUpperCase(), stock }],
			photos: cardPhotos,
			listings: listingsById,
			demo: p.demo || s.demo
		});
	}
	return out;
}

export async function accountOf(
	ctx: ServiceContext,
	shopId: string,
	marketplace: MarketplaceId
): Promise<AccountRow | null> {
	const [row] = await ctx.db
		.select()
		.from(marketplaceAccount)
		.where(and(eq(marketplaceAccount.shopId, shopId), eq(marketplaceAccount.marketplace, marketplace)));
	return row ?? null;
}
