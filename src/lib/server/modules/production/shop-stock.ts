import type { ServiceContext } from '../../core';

/**
 * The seam to shops: accepted pieces of an order linked to a shop product (`order.shopProductRef`) may
 * raise that product's stock in the same transaction as the acceptance. The shops module is being
 * written on another branch; until it registers an implementation here, nothing is linked and
 * acceptance records `shopStock: 'not_linked'` in its result. NOT implemented yet: no stock is raised.
 */
export interface ShopStockLink {
	/** Adds `pieces` to the product's stock, inside the caller's transaction (`ctx.db`). */
	addStock(
		ctx: ServiceContext,
		productRef: string,
		pieces: number,
		source: { reportId: string }
	): Promise<void>;
}

let link: ShopStockLink | null = null;

/** Called once by the shops module when it loads (a registry filled at load time, not configuration). */
export function registerShopStockLink(impl: ShopStockLink | null) {
	link = impl;
}

export function shopStockLink(): ShopStockLink | null {
	return link;
}
