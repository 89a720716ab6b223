import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../../core';
import type { StepOutcome } from './client';
import { marketplaceListing, type SentPrice } from './schema';

/**
 * The price Wildberries has for a product (`last_sent_price`), against which the validator measures a
 * big cut (Wildberries' price quarantine). It is recorded when the prices API takes a price, with the
 * one it replaces; when Wildberries then holds that price back (quarantine, or an error in its prices
 * task), the one it replaced is restored, since that is the price Wildberries still shows.
 */

const where = (productId: string) =>
	and(eq(marketplaceListing.productId, productId), eq(marketplaceListing.marketplace, 'wildberries'));

async function current(ctx: ServiceContext, productId: string): Promise<SentPrice | null> {
	const [row] = await ctx.db
		.select({ price: marketplaceListing.lastSentPrice })
		.from(marketplaceListing)
		.where(where(productId));
	return row?.price ?? null;
}

/** After the prices API took `price` for the product (state `sent`). */
export async function recordSentPrice(
	ctx: ServiceContext,
	productId: string,
	price: StepOutcome | undefined
) {
	if (price?.state !== 'sent' || price.amountMinor === undefined || !price.currency) return;
	const before = await current(ctx, productId);
	// One step back is enough: a price held back gives way to the one Wildberries has.
	const { previous: _older, ...replaced } = before ?? ({} as SentPrice);
	await ctx.db
		.update(marketplaceListing)
		.set({
			lastSentPrice: {
				currency: price.currency,
				amountMinor: price.amountMinor,
				...(price.discountPercent ? { discountPercent: price.discountPercent } : {}),
				at: ctx.clock().toISOString(),
				...(before ? { previous: replaced } : {})
			}
		})
		.where(where(productId));
}

/** After Wildberries' prices task held back `sent`: the price it replaced is the one Wildberries has. */
export async function restoreHeldPrice(ctx: ServiceContext, productId: string, sent: StepOutcome) {
	const now = await current(ctx, productId);
	// Only if nothing newer was sent since.
	if (
		!now ||
		now.amountMinor !== sent.amountMinor ||
		now.currency !== sent.currency ||
		(now.discountPercent ?? 0) !== (sent.discountPercent ?? 0)
	)
		return;
	await ctx.db
		.update(marketplaceListing)
		.set({ lastSentPrice: now.previous ?? null })
		.where(where(productId));
}
