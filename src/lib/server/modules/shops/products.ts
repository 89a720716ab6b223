import { randomUUID } from 'node:crypto';
import {
	AppError,
	parseInput,
	pickText,
	textIn,
	withDb,
	writeAudit,
	type I18nText,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { ownerRole, requireShopEditor } from './access';
import { productInput, productStatusInput, type ProductInput } from './inputs';
import {
	photosOf,
	productBySlug,
	productsOfShop,
	refreshListed,
	replaceVariants,
	shopById,
	shopBySlug,
	skuTaken,
	updateProductRow,
	insertProduct,
	variantsOf,
	firstPhotos,
	type ProductRow,
	type ShopRow
} from './queries';
import type { ProductStatus } from './schema';
import { indexWords, searchColumns } from './search';
import { carryOwnTexts } from './texts';
import {
	photoView,
	toCard,
	translationStatus,
	variantView,
	type ProductCard,
	type ProductPage
} from './views';
import { categoryName, categoryNames } from './categories';

/** Products: cards in six languages, variants, status draft / published / archived. */

async function editable(ctx: ServiceContext, shopSlug: string): Promise<ShopRow> {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	return s;
}

async function editableProduct(ctx: ServiceContext, shopSlug: string, slug: string) {
	const s = await editable(ctx, shopSlug);
	const p = await productBySlug(ctx, s.id, slug);
	if (!p) throw new AppError('NOT_FOUND');
	return { shop: s, product: p };
}

/** Her product's search columns, with its category's names as stored (`categoryName`). */
function columnsFor(
	p: { title: I18nText; description: I18nText; materials: I18nText },
	s: ShopRow,
	categoryName: I18nText | undefined
) {
	return searchColumns({ ...p, categoryName, shopName: s.name, crafts: s.crafts });
}

/** The row's values from her input; the texts carry their provenance from `previous` (texts.ts). */
function productValues(
	ctx: ServiceContext,
	d: ReturnType<typeof productInput.parse>,
	s: ShopRow,
	previous: ProductRow | null,
	categoryName: I18nText | undefined
) {
	return {
		slug: d.slug,
		...carryOwnTexts(ctx, previous, { title: d.title, description: d.description, materials: d.materials }),
		category: d.category,
		itemSize: d.itemSize ?? null,
		packageSize: d.packageSize ?? null,
		weightG: d.weightG ?? null,
		priceMinor: d.priceMinor,
		currency: s.currency,
		availability: d.availability,
		leadTimeDays: d.availability === 'made_to_order' ? (d.leadTimeDays ?? null) : null,
		quantity: d.availability === 'in_stock' ? (d.quantity ?? 0) : null,
		country: s.country,
		region: s.region,
		...columnsFor(d, s, categoryName)
	};
}

async function writeVariants(
	ctx: ServiceContext,
	s: ShopRow,
	productId: string,
	d: ReturnType<typeof productInput.parse>
) {
	const taken = await skuTaken(
		ctx,
		s.id,
		productId,
		d.variants.map((v) => v.sku)
	);
	if (taken.length) {
		const fields: Record<string, { key: 'shops_error_sku_taken' }> = {};
		d.variants.forEach((v, i) => {
			if (taken.includes(v.sku)) fields[`variants.${i}.sku`] = { key: 'shops_error_sku_taken' };
		});
		throw new AppError('INVALID', { fields });
	}
	await replaceVariants(
		ctx,
		productId,
		d.variants.map((v, i) => ({
			id: randomUUID(),
			productId,
			shopId: s.id,
			position: i,
			size: v.size ?? null,
			colour: v.colour ?? null,
			sku: v.sku,
			barcode: v.barcode ?? null,
			priceMinor: v.priceMinor ?? null,
			quantity: v.quantity ?? null
		}))
	);
}

/** A new product, as a draft. CONFLICT on `slug` when the shop already has one at that address. */
export async function createProduct(
	ctx: ServiceContext,
	shopSlug: string,
	input: Unparsed<ProductInput>
): Promise<{ slug: string }> {
	const s = await editable(ctx, shopSlug);
	const d = parseInput(productInput, input);
	return ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (await productBySlug(t, s.id, d.slug))
			throw new AppError('CONFLICT', {
				fields: { slug: { key: 'shops_error_slug_taken' } },
				messageKey: 'shops_error_slug_taken'
			});
		const id = randomUUID();
		const now = ctx.clock();
		const names = await categoryName(t, d.category);
		await insertProduct(t, [
			{
				id,
				shopId: s.id,
				...productValues(ctx, d, s, null, names),
				status: 'draft',
				demo: s.demo,
				createdAt: now,
				updatedAt: now
			}
		]);
		await writeVariants(t, s, id, d);
		await writeAudit(t, {
			action: 'shops.product.create',
			entity: 'shops_product',
			entityId: id,
			after: { slug: d.slug }
		});
		return { slug: d.slug };
	});
}

export async function updateProduct(
	ctx: ServiceContext,
	shopSlug: string,
	slug: string,
	input: Unparsed<ProductInput>
): Promise<{ slug: string }> {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, slug);
	const d = parseInput(productInput, input);
	return ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (d.slug !== p.slug && (await productBySlug(t, s.id, d.slug)))
			throw new AppError('CONFLICT', {
				fields: { slug: { key: 'shops_error_slug_taken' } },
				messageKey: 'shops_error_slug_taken'
			});
		const names = await categoryName(t, d.category);
		const values = productValues(ctx, d, s, p, names);
		await updateProductRow(t, p.id, { ...values, updatedAt: ctx.clock() });
		await writeVariants(t, s, p.id, d);
		if (p.listed) await indexWords(t, columnsFor(d, s, names));
		await writeAudit(t, {
			action: 'shops.product.update',
			entity: 'shops_product',
			entityId: p.id,
			before: { slug: p.slug },
			after: { slug: d.slug }
		});
		return { slug: d.slug };
	});
}

/** Publishes, archives or returns a product to draft. Publishing needs a title and a photo. */
export async function setProductStatus(
	ctx: ServiceContext,
	shopSlug: string,
	slug: string,
	status: ProductStatus
) {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, slug);
	const next = parseInput(productStatusInput, status);
	if (next === 'published' && !(await photosOf(ctx, [p.id])).length)
		throw new AppError('INVALID', {
			messageKey: 'shops_error_publish_photo',
			fields: { status: { key: 'shops_error_publish_photo' } }
		});
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await updateProductRow(t, p.id, {
			status: next,
			publishedAt: next === 'published' ? (p.publishedAt ?? ctx.clock()) : p.publishedAt,
			updatedAt: ctx.clock()
		});
		await refreshListed(t, s.id, p.id);
		if (next === 'published') await indexWords(t, columnsFor(p, s, await categoryName(t, p.category)));
		await writeAudit(t, {
			action: `shops.product.${next}`,
			entity: 'shops_product',
			entityId: p.id,
			before: { status: p.status },
			after: { status: next }
		});
	});
}

/** After a shop's name or crafts change: its products' search text follows. */
export async function reindexShopProducts(ctx: ServiceContext, shopId: string) {
	const s = await shopById(ctx, shopId);
	if (!s) return;
	const categories = await categoryNames(ctx);
	for (const p of await productsOfShop(ctx, shopId, false)) {
		const cols = columnsFor(p, s, categories.get(p.category));
		await updateProductRow(ctx, p.id, cols);
		if (p.listed) await indexWords(ctx, cols);
	}
}

/** The workspace's product list (every status), with translation status. */
export async function shopProducts(ctx: ServiceContext, shopSlug: string) {
	const s = await editable(ctx, shopSlug);
	const products = await productsOfShop(ctx, s.id, false);
	const photos = await firstPhotos(
		ctx,
		products.map((p) => p.id)
	);
	const categories = await categoryNames(ctx);
	return products.map((p) => ({
		...toCard(ctx, p, s, photos.get(p.id), categories),
		status: p.status,
		takedown: p.takedown,
		translations: translationStatus(p)
	}));
}

/** The stored product for its edit form (per-locale texts, variants, photos). */
export async function productForEdit(ctx: ServiceContext, shopSlug: string, slug: string) {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, slug);
	const variants = await variantsOf(ctx, [p.id]);
	const photos = await photosOf(ctx, [p.id]);
	return {
		shop: { slug: s.slug, name: textIn(s.name, ctx.locale), currency: s.currency },
		product: p,
		variants,
		photos: photos.map((ph) => ({ ...photoView(ctx.locale, ph), altTexts: ph.alt, position: ph.position })),
		ogFileId: photos[0]?.og?.fileId ?? null,
		translations: translationStatus(p)
	};
}

/** Whether the actor may see this product although it is not listed (its shop's owners, a preview). */
async function mayPreview(ctx: ServiceContext, p: ProductRow) {
	return !!(await ownerRole(ctx, p.shopId));
}

/** A public product page. NOT_FOUND unless listed (its shop's owners preview drafts and see take-downs). */
export async function getProduct(ctx: ServiceContext, shopSlug: string, slug: string): Promise<ProductPage> {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	const p = await productBySlug(ctx, s.id, slug);
	if (!p) throw new AppError('NOT_FOUND');
	if (!p.listed && !(await mayPreview(ctx, p))) throw new AppError('NOT_FOUND');
	const [variants, photos] = [await variantsOf(ctx, [p.id]), await photosOf(ctx, [p.id])];
	const card: ProductCard = toCard(ctx, p, s, photos[0], await categoryNames(ctx));
	const description = pickText(p.description, ctx.locale);
	return {
		...card,
		id: p.id,
		status: p.status,
		description: description?.text ?? '',
		descriptionLocale: description?.locale ?? null,
		descriptionFallback: description?.fallback ?? false,
		materials: textIn(p.materials, ctx.locale),
		itemSize: p.itemSize,
		packageSize: p.packageSize,
		weightG: p.weightG,
		quantity: p.quantity,
		variants: variants.map((v) => variantView(ctx.locale, v, p.currency)),
		photos: photos.map((ph) => photoView(ctx.locale, ph)),
		shopCountry: s.country,
		shopDelivery: s.delivery,
		shopTelegram: s.telegram,
		translations: translationStatus(p),
		takedown: p.takedown ?? s.takedown,
		ogImage: photos[0]?.og?.url ?? null
	};
}

/**
 * A product as the marketplace export reads it (its shop's owners only): every stored field, the
 * per-locale texts, variants, and the photo masters (core_file ids and URLs, up to 2560 px).
 */
export async function productForExport(ctx: ServiceContext, shopSlug: string, slug: string) {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, slug);
	const variants = await variantsOf(ctx, [p.id]);
	const photos = await photosOf(ctx, [p.id]);
	return {
		shop: {
			slug: s.slug,
			name: s.name,
			country: s.country,
			region: s.region,
			currency: s.currency,
			delivery: s.delivery,
			demo: s.demo
		},
		product: {
			slug: p.slug,
			status: p.status,
			title: p.title,
			description: p.description,
			materials: p.materials,
			category: p.category,
			itemSize: p.itemSize,
			packageSize: p.packageSize,
			weightG: p.weightG,
			priceMinor: p.priceMinor,
			currency: p.currency,
			availability: p.availability,
			leadTimeDays: p.leadTimeDays,
			quantity: p.quantity
		},
		variants: variants.map((v) => ({
			sku: v.sku,
			barcode: v.barcode,
			size: v.size,
			colour: v.colour,
			priceMinor: v.priceMinor ?? p.priceMinor,
			quantity: v.quantity
		})),
		photos: photos.map((ph) => ({
			fileId: ph.fileId,
			url: ph.image.url,
			width: ph.width,
			height: ph.height,
			alt: ph.alt
		}))
	};
}
export type ProductForExport = Awaited<ReturnType<typeof productForExport>>;
