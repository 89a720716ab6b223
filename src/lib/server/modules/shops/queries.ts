import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../db';
import type { ServiceContext } from '../../core';
import {
	orderRequest,
	photo,
	product,
	productCategory,
	productReport as report,
	requestEvent,
	shop,
	shopOwner,
	variant,
	type RequestStatus
} from './schema';

/** Drizzle reads and writes of the shops tables; no business rules here. */

export type ShopRow = typeof shop.$inferSelect;
export type ProductRow = typeof product.$inferSelect;
export type VariantRow = typeof variant.$inferSelect;
export type PhotoRow = typeof photo.$inferSelect;
export type RequestRow = typeof orderRequest.$inferSelect;
export type EventRow = typeof requestEvent.$inferSelect;

export async function shopBySlug(ctx: ServiceContext, slug: string): Promise<ShopRow | null> {
	const [row] = await ctx.db.select().from(shop).where(eq(shop.slug, slug));
	return row ?? null;
}

export async function shopById(ctx: ServiceContext, id: string): Promise<ShopRow | null> {
	const [row] = await ctx.db.select().from(shop).where(eq(shop.id, id));
	return row ?? null;
}

export async function insertShop(ctx: ServiceContext, row: typeof shop.$inferInsert) {
	await ctx.db.insert(shop).values(row);
}

export async function updateShopRow(ctx: ServiceContext, id: string, set: Partial<typeof shop.$inferInsert>) {
	await ctx.db.update(shop).set(set).where(eq(shop.id, id));
}

export async function shopsOfUser(ctx: ServiceContext, userId: string) {
	return ctx.db
		.select({ shop, role: shopOwner.role })
		.from(shopOwner)
		.innerJoin(shop, eq(shop.id, shopOwner.shopId))
		.where(eq(shopOwner.userId, userId))
		.orderBy(asc(shop.slug));
}

export async function ownersOf(ctx: ServiceContext, shopId: string) {
	return ctx.db
		.select()
		.from(shopOwner)
		.where(eq(shopOwner.shopId, shopId))
		.orderBy(asc(shopOwner.createdAt));
}

export async function insertOwner(ctx: ServiceContext, row: typeof shopOwner.$inferInsert) {
	await ctx.db.insert(shopOwner).values(row).onConflictDoNothing();
}

export async function deleteOwner(ctx: ServiceContext, shopId: string, userId: string) {
	await ctx.db.delete(shopOwner).where(and(eq(shopOwner.shopId, shopId), eq(shopOwner.userId, userId)));
}

/** Shops not taken down, with their count of listed products (the shops list). */
export async function activeShops(ctx: ServiceContext, limit: number, offset: number, country?: string) {
	const where = country ? sql`s.takedown is null and s.country = ${country}` : sql`s.takedown is null`;
	return rowsOf<{ id: string; n: number; total: number }>(
		await ctx.db.execute(sql`
			select s.id, (select count(*)::int from shops_product p where p.shop_id = s.id and p.listed) as n,
				count(*) over ()::int as total
			from shops_shop s where ${where}
			order by s.slug limit ${limit} offset ${offset}`)
	);
}

export async function shopsByIds(ctx: ServiceContext, ids: string[]): Promise<ShopRow[]> {
	if (!ids.length) return [];
	return ctx.db.select().from(shop).where(inArray(shop.id, ids));
}

export async function productBySlug(
	ctx: ServiceContext,
	shopId: string,
	slug: string
): Promise<ProductRow | null> {
	const [row] = await ctx.db
		.select()
		.from(product)
		.where(and(eq(product.shopId, shopId), eq(product.slug, slug)));
	return row ?? null;
}

export async function productById(ctx: ServiceContext, id: string): Promise<ProductRow | null> {
	const [row] = await ctx.db.select().from(product).where(eq(product.id, id));
	return row ?? null;
}

export async function insertProduct(ctx: ServiceContext, rows: (typeof product.$inferInsert)[]) {
	if (rows.length) await ctx.db.insert(product).values(rows);
}

export async function updateProductRow(
	ctx: ServiceContext,
	id: string,
	set: Partial<typeof product.$inferInsert>
) {
	await ctx.db.update(product).set(set).where(eq(product.id, id));
}

/** Recomputes `listed` (published, neither it nor its shop taken down) for a shop's products. */
export async function refreshListed(ctx: ServiceContext, shopId: string, productId?: string) {
	const one = productId ? sql`and p.id = ${productId}` : sql``;
	await ctx.db.execute(sql`
		update shops_product p set listed = (p.status = 'published' and p.takedown is null and s.takedown is null),
			country = s.country, region = s.region
		from shops_shop s where s.id = p.shop_id and p.shop_id = ${shopId} ${one}`);
}

export async function productsOfShop(ctx: ServiceContext, shopId: string, onlyListed: boolean) {
	const where = onlyListed
		? and(eq(product.shopId, shopId), eq(product.listed, true))
		: eq(product.shopId, shopId);
	return ctx.db.select().from(product).where(where).orderBy(desc(product.updatedAt), asc(product.slug));
}

export async function variantsOf(ctx: ServiceContext, productIds: string[]): Promise<VariantRow[]> {
	if (!productIds.length) return [];
	return ctx.db
		.select()
		.from(variant)
		.where(inArray(variant.productId, productIds))
		.orderBy(asc(variant.position));
}

export async function replaceVariants(
	ctx: ServiceContext,
	productId: string,
	rows: (typeof variant.$inferInsert)[]
) {
	await ctx.db.delete(variant).where(eq(variant.productId, productId));
	if (rows.length) await ctx.db.insert(variant).values(rows);
}

/** Another product of the shop already uses one of these SKUs. */
export async function skuTaken(ctx: ServiceContext, shopId: string, productId: string, skus: string[]) {
	if (!skus.length) return [];
	const rows = await ctx.db
		.select({ sku: variant.sku })
		.from(variant)
		.where(
			and(eq(variant.shopId, shopId), inArray(variant.sku, skus), sql`${variant.productId} <> ${productId}`)
		);
	return rows.map((r) => r.sku);
}

export async function photosOf(ctx: ServiceContext, productIds: string[]): Promise<PhotoRow[]> {
	if (!productIds.length) return [];
	return ctx.db
		.select()
		.from(photo)
		.where(inArray(photo.productId, productIds))
		.orderBy(asc(photo.productId), asc(photo.position), asc(photo.createdAt));
}

export async function photoById(ctx: ServiceContext, id: string): Promise<PhotoRow | undefined> {
	return (await ctx.db.select().from(photo).where(eq(photo.id, id)))[0];
}

/** Photos whose srcset snapshot has no AVIF copies yet (uploaded before the job recorded them). */
export async function photosWithoutAvif(
	ctx: ServiceContext,
	after: string,
	limit: number
): Promise<string[]> {
	const rows = await ctx.db
		.select({ id: photo.id })
		.from(photo)
		.where(
			sql`${photo.id} > ${after} and not jsonb_path_exists(${photo.image}, '$.variants[*] ? (@.format == "avif")')`
		)
		.orderBy(asc(photo.id))
		.limit(limit);
	return rows.map((r) => r.id);
}

/** What a product card shows of a product (none of the search columns), with its shop and first photo. */
export interface CardRow {
	product: Pick<
		ProductRow,
		| 'id'
		| 'slug'
		| 'title'
		| 'priceMinor'
		| 'currency'
		| 'availability'
		| 'leadTimeDays'
		| 'category'
		| 'country'
		| 'region'
		| 'demo'
	>;
	shop: Pick<ShopRow, 'slug' | 'name'>;
	photo: Pick<PhotoRow, 'id' | 'alt' | 'width' | 'height' | 'image'> | null;
}

/**
 * A page of product cards in one statement: `page` gives the rows' ids, their place `n` and the
 * `total` (core search's `rankedMatchesSql`, or a list); each is read with its shop's slug and name
 * and its first photo (a lateral read of the photo index). Rows whose product or shop is gone drop out.
 */
export async function cardPage(ctx: ServiceContext, page: SQL): Promise<{ total: number; rows: CardRow[] }> {
	const rows = rowsOf<{
		total: number | string;
		id: string;
		slug: string;
		title: ProductRow['title'];
		price_minor: number;
		currency: ProductRow['currency'];
		availability: ProductRow['availability'];
		lead_time_days: number | null;
		category: string;
		country: string;
		region: string | null;
		demo: boolean;
		shop_slug: string;
		shop_name: ShopRow['name'];
		photo_id: string | null;
		photo_alt: PhotoRow['alt'];
		photo_width: number;
		photo_height: number;
		photo_image: PhotoRow['image'];
	}>(
		await ctx.db.execute(sql`
			select r.total, p.id, p.slug, p.title, p.price_minor, p.currency, p.availability, p.lead_time_days,
				p.category, p.country, p.region, p.demo, s.slug as shop_slug, s.name as shop_name,
				f.id as photo_id, f.alt as photo_alt, f.width as photo_width, f.height as photo_height,
				f.image as photo_image
			from (${page}) r
			join shops_product p on p.id = r.id
			join shops_shop s on s.id = p.shop_id
			left join lateral (
				select ph.id, ph.alt, ph.width, ph.height, ph.image from shops_photo ph
				where ph.product_id = p.id order by ph.position, ph.created_at limit 1
			) f on true
			order by r.n`)
	);
	return {
		total: rows.length ? Number(rows[0].total) : 0,
		rows: rows.map((r) => ({
			product: {
				id: r.id,
				slug: r.slug,
				title: r.title,
				priceMinor: Number(r.price_minor),
				currency: r.currency,
				availability: r.availability,
				leadTimeDays: r.lead_time_days,
				category: r.category,
				country: r.country,
				region: r.region,
				demo: r.demo
			},
			shop: { slug: r.shop_slug, name: r.shop_name },
			photo: r.photo_id
				? {
						id: r.photo_id,
						alt: r.photo_alt,
						width: Number(r.photo_width),
						height: Number(r.photo_height),
						image: r.photo_image
					}
				: null
		}))
	};
}

/** The first photo of each product. */
export async function firstPhotos(ctx: ServiceContext, productIds: string[]): Promise<Map<string, PhotoRow>> {
	if (!productIds.length) return new Map();
	const rows = await ctx.db
		.selectDistinctOn([photo.productId])
		.from(photo)
		.where(inArray(photo.productId, productIds))
		.orderBy(photo.productId, asc(photo.position), asc(photo.createdAt));
	return new Map(rows.map((r) => [r.productId, r]));
}

export async function insertPhoto(ctx: ServiceContext, row: typeof photo.$inferInsert) {
	await ctx.db.insert(photo).values(row);
}

export async function updatePhotoRow(
	ctx: ServiceContext,
	id: string,
	set: Partial<typeof photo.$inferInsert>
) {
	await ctx.db.update(photo).set(set).where(eq(photo.id, id));
}

export async function deletePhotoRow(ctx: ServiceContext, id: string) {
	await ctx.db.delete(photo).where(eq(photo.id, id));
}

export async function insertRequest(ctx: ServiceContext, row: typeof orderRequest.$inferInsert) {
	await ctx.db.insert(orderRequest).values(row);
}

export async function requestById(ctx: ServiceContext, id: string): Promise<RequestRow | null> {
	const [row] = await ctx.db.select().from(orderRequest).where(eq(orderRequest.id, id));
	return row ?? null;
}

export async function updateRequestRow(
	ctx: ServiceContext,
	id: string,
	set: Partial<typeof orderRequest.$inferInsert>
) {
	await ctx.db.update(orderRequest).set(set).where(eq(orderRequest.id, id));
}

export async function requestsOfShop(
	ctx: ServiceContext,
	shopId: string,
	status: RequestStatus | undefined,
	limit: number,
	offset: number
) {
	const where: SQL[] = [sql`r.shop_id = ${shopId}`];
	if (status) where.push(sql`r.status = ${status}`);
	return rowsOf<{
		id: string;
		status: RequestStatus;
		quantity: number;
		created_at: string | Date;
		updated_at: string | Date;
		product_slug: string;
		product_title: Record<string, string>;
		variant_id: string | null;
		total: number;
	}>(
		await ctx.db.execute(sql`
			select r.id, r.status, r.quantity, r.created_at, r.updated_at, r.variant_id,
				p.slug as product_slug, p.title as product_title, count(*) over ()::int as total
			from shops_request r join shops_product p on p.id = r.product_id
			where ${sql.join(where, sql` and `)}
			order by r.created_at desc, r.id limit ${limit} offset ${offset}`)
	);
}

export async function insertEvent(ctx: ServiceContext, row: typeof requestEvent.$inferInsert) {
	await ctx.db.insert(requestEvent).values(row);
}

export async function eventsOf(ctx: ServiceContext, requestId: string): Promise<EventRow[]> {
	return ctx.db
		.select()
		.from(requestEvent)
		.where(eq(requestEvent.requestId, requestId))
		.orderBy(asc(requestEvent.id));
}

/** Closed requests whose contacts are still kept although they closed before `before`. */
export async function eraseContactsClosedBefore(
	ctx: ServiceContext,
	before: Date,
	now: Date
): Promise<number> {
	const rows = rowsOf<{ id: string }>(
		await ctx.db.execute(sql`
			update shops_request set buyer_name = null, contact = null, city = null, message = null,
				erased_at = ${now.toISOString()}
			where closed_at is not null and closed_at < ${before.toISOString()} and erased_at is null
			returning id`)
	);
	return rows.length;
}

export async function insertReport(ctx: ServiceContext, row: typeof report.$inferInsert) {
	await ctx.db.insert(report).values(row);
}

/** Open reports oldest first, or (closed) the most recently resolved first. */
export async function openReports(ctx: ServiceContext, limit: number, closed = false) {
	return ctx.db
		.select({ report, product, shopSlug: shop.slug, shopCountry: shop.country })
		.from(report)
		.innerJoin(product, eq(product.id, report.productId))
		.innerJoin(shop, eq(shop.id, product.shopId))
		.where(closed ? sql`${report.resolvedAt} is not null` : sql`${report.resolvedAt} is null`)
		.orderBy(closed ? desc(report.resolvedAt) : asc(report.createdAt))
		.limit(limit);
}

export async function resolveReportsOf(ctx: ServiceContext, productId: string, by: string, at: Date) {
	await ctx.db
		.update(report)
		.set({ resolvedAt: at, resolvedBy: by })
		.where(and(eq(report.productId, productId), sql`${report.resolvedAt} is null`));
}

/** The catalogue's version (shops_version, bumped on every write); -1 when the row is missing. */
export async function catalogueVersion(ctx: ServiceContext): Promise<number> {
	const [v] = rowsOf<{ version: number }>(
		await ctx.db.execute(sql`select version from shops_version where id = 1`)
	);
	return v ? Number(v.version) : -1;
}

export type CategoryRow = typeof productCategory.$inferSelect;

/** Birge's product categories in their order. */
export async function categoryRows(ctx: ServiceContext): Promise<CategoryRow[]> {
	return ctx.db
		.select()
		.from(productCategory)
		.orderBy(asc(productCategory.position), asc(productCategory.code));
}

export async function insertCategory(ctx: ServiceContext, row: typeof productCategory.$inferInsert) {
	await ctx.db.insert(productCategory).values(row).onConflictDoNothing();
}

export async function updateCategoryRow(
	ctx: ServiceContext,
	code: string,
	set: Partial<typeof productCategory.$inferInsert>
) {
	await ctx.db.update(productCategory).set(set).where(eq(productCategory.code, code));
}

/** One category's row, or null for an unknown code. */
export async function categoryByCode(ctx: ServiceContext, code: string): Promise<CategoryRow | null> {
	const [row] = await ctx.db.select().from(productCategory).where(eq(productCategory.code, code));
	return row ?? null;
}

/**
 * The next `limit` products of a category after id `after` (keyset by id, every status), with what
 * their search text is made of: their texts and their shop's name and crafts.
 */
export async function categoryProductsAfter(
	ctx: ServiceContext,
	category: string,
	after: string,
	limit: number
) {
	return ctx.db
		.select({
			id: product.id,
			title: product.title,
			description: product.description,
			materials: product.materials,
			listed: product.listed,
			shopName: shop.name,
			crafts: shop.crafts
		})
		.from(product)
		.innerJoin(shop, eq(shop.id, product.shopId))
		.where(and(eq(product.category, category), gt(product.id, after)))
		.orderBy(asc(product.id))
		.limit(limit);
}

export interface SearchColumnsRow {
	id: string;
	searchTitleRu: string;
	searchTitleOther: string;
	searchBodyRu: string;
	searchBodyOther: string;
}

/** Writes many products' search columns in one statement; rows already equal are left alone. */
export async function updateSearchColumns(ctx: ServiceContext, rows: SearchColumnsRow[]): Promise<number> {
	if (!rows.length) return 0;
	const updated = rowsOf<{ id: string }>(
		await ctx.db.execute(sql`
			update shops_product p set search_title_ru = v."searchTitleRu", search_title_other = v."searchTitleOther",
				search_body_ru = v."searchBodyRu", search_body_other = v."searchBodyOther"
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
				as v(id text, "searchTitleRu" text, "searchTitleOther" text, "searchBodyRu" text, "searchBodyOther" text)
			where p.id = v.id
				and (p.search_title_ru, p.search_title_other, p.search_body_ru, p.search_body_other)
					is distinct from (v."searchTitleRu", v."searchTitleOther", v."searchBodyRu", v."searchBodyOther")
			returning p.id`)
	);
	return updated.length;
}
