import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError, requireUser, textIn, writeAudit, type ServiceContext } from '../../core';
import { product, shop, shopOwner } from './schema';

/**
 * Stock raised from outside shops (home production: accepted pieces of an order linked to a product).
 * The link is made by a person who runs the shop (owner or co-owner): `linkableProducts` lists what she
 * may choose, `requireLinkableProduct` refuses anything else. Raising the stock later happens inside the
 * caller's transaction (`ctx.db`), whoever of the caller's people triggers it, because the link itself was
 * checked when it was made; the caller is responsible for calling it once per event (production does so
 * under the report's row lock). Only products sold from stock (`in_stock`) have a quantity to raise.
 */

export interface LinkableProduct {
	id: string;
	title: string;
	shopName: string;
	quantity: number;
}

/** In-stock products of the shops the actor owns or co-owns, by shop then title. */
export async function linkableProducts(ctx: ServiceContext): Promise<LinkableProduct[]> {
	const userId = requireUser(ctx);
	const rows = await ctx.db
		.select({
			id: product.id,
			title: product.title,
			shopName: shop.name,
			quantity: product.quantity
		})
		.from(product)
		.innerJoin(shop, eq(shop.id, product.shopId))
		.innerJoin(shopOwner, and(eq(shopOwner.shopId, shop.id), eq(shopOwner.userId, userId)))
		.where(eq(product.availability, 'in_stock'))
		.orderBy(asc(shop.slug), asc(product.slug))
		.limit(500);
	return rows.map((r) => ({
		id: r.id,
		title: textIn(r.title, ctx.locale),
		shopName: textIn(r.shopName, ctx.locale),
		quantity: r.quantity ?? 0
	}));
}

/**
 * The product, when the actor runs its shop and it is sold from stock; NOT_FOUND otherwise (a shop she
 * does not run is not hers to see).
 */
export async function requireLinkableProduct(ctx: ServiceContext, productId: string) {
	const userId = requireUser(ctx);
	const [row] = await ctx.db
		.select({ id: product.id, title: product.title, availability: product.availability })
		.from(product)
		.innerJoin(shopOwner, and(eq(shopOwner.shopId, product.shopId), eq(shopOwner.userId, userId)))
		.where(eq(product.id, productId));
	if (!row || row.availability !== 'in_stock') throw new AppError('NOT_FOUND');
	return { id: row.id, title: textIn(row.title, ctx.locale) };
}

/** The product's title for a page that shows a link (no access check: titles are public). */
export async function productTitle(ctx: ServiceContext, productId: string): Promise<string | null> {
	const [row] = await ctx.db.select({ title: product.title }).from(product).where(eq(product.id, productId));
	return row ? textIn(row.title, ctx.locale) : null;
}

/**
 * Adds `pieces` to an in-stock product's quantity inside the caller's transaction, with an audit entry
 * naming the source. Returns false (and changes nothing) when the product is gone or no longer sold from
 * stock.
 */
export async function addStock(
	ctx: ServiceContext,
	productId: string,
	pieces: number,
	source: { module: string; ref: string }
): Promise<boolean> {
	if (!Number.isInteger(pieces) || pieces <= 0) throw new AppError('INVALID');
	const [row] = await ctx.db
		.update(product)
		.set({ quantity: sql`coalesce(${product.quantity}, 0) + ${pieces}`, updatedAt: ctx.clock() })
		.where(and(eq(product.id, productId), eq(product.availability, 'in_stock')))
		.returning({ quantity: product.quantity });
	if (!row) return false;
	await writeAudit(ctx, {
		action: 'shops.product.stock_added',
		entity: 'shops_product',
		entityId: productId,
		after: { pieces, quantity: row.quantity, source }
	});
	return true;
}

/** The stock functions other modules call (through shops' index.ts). */
export const shopStock = { linkableProducts, requireLinkableProduct, productTitle, addStock };
