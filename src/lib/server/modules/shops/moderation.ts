import { randomUUID } from 'node:crypto';
import {
	AppError,
	consumeRateLimit,
	parseInput,
	textIn,
	withDb,
	writeAudit,
	type ServiceContext
} from '../../core';
import { isModerator, requireModerator } from './access';
import { reportInput, takedownInput } from './inputs';
import { SHOP_COUNTRIES } from './schema';
import {
	insertReport,
	openReports,
	productBySlug,
	refreshListed,
	resolveReportsOf,
	shopBySlug,
	updateProductRow,
	updateShopRow
} from './queries';

/**
 * Moderation: anyone reports a product; platform staff (platform admins, coalition coordinators of
 * the shop's country) take a shop or a product down with a reason its maker sees, and put it back.
 * Everything is audited.
 */

export const REPORT_LIMIT = { max: 10, windowSeconds: 3600 };

export async function reportProduct(ctx: ServiceContext, shopSlug: string, slug: string, input: unknown) {
	const r = parseInput(reportInput, input);
	const s = await shopBySlug(ctx, shopSlug);
	const p = s ? await productBySlug(ctx, s.id, slug) : null;
	if (!s || !p || !p.listed) throw new AppError('NOT_FOUND');
	await consumeRateLimit(ctx, 'shops.report', ctx.clientKey ?? 'anonymous', REPORT_LIMIT);
	const id = randomUUID();
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await insertReport(t, {
			id,
			productId: p.id,
			reason: r.reason,
			message: r.message ?? null,
			createdAt: ctx.clock()
		});
		await writeAudit(t, {
			action: 'shops.report.create',
			entity: 'shops_product',
			entityId: p.id,
			after: { reason: r.reason }
		});
	});
	return { id };
}

/** The actor is shop staff in at least one country (the staff menu links the moderation page). */
export function canModerateShops(ctx: ServiceContext): boolean {
	return SHOP_COUNTRIES.some((c) => isModerator(ctx, c));
}

/**
 * Reports for the staff the actor is (her countries only): open ones oldest first, or closed ones
 * (dismissed, or resolved by a takedown) the most recently resolved first.
 */
export async function listReports(ctx: ServiceContext, input: { status?: unknown } = {}) {
	if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
	if (!canModerateShops(ctx)) throw new AppError('FORBIDDEN', { messageKey: 'shops_error_staff_only' });
	const rows = await openReports(ctx, 200, input.status === 'closed');
	return rows
		.filter((r) => isModerator(ctx, r.shopCountry))
		.map((r) => ({
			id: r.report.id,
			reason: r.report.reason,
			message: r.report.message,
			createdAt: r.report.createdAt.toISOString(),
			resolvedAt: r.report.resolvedAt?.toISOString() ?? null,
			shopSlug: r.shopSlug,
			productSlug: r.product.slug,
			product: textIn(r.product.title, ctx.locale),
			takenDown: !!r.product.takedown,
			takedownReason: r.product.takedown?.reason ?? null
		}));
}

async function target(ctx: ServiceContext, shopSlug: string, slug?: string) {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	const by = requireModerator(ctx, s.country);
	const p = slug ? await productBySlug(ctx, s.id, slug) : null;
	if (slug && !p) throw new AppError('NOT_FOUND');
	return { shop: s, product: p, by };
}

/** Staff unpublish a product (or, without `slug`, a whole shop) with a reason the maker sees. */
export async function takeDown(ctx: ServiceContext, shopSlug: string, slug: string | null, input: unknown) {
	const { shop: s, product: p, by } = await target(ctx, shopSlug, slug ?? undefined);
	const { reason } = parseInput(takedownInput, input);
	const takedown = { reason, by, at: ctx.clock().toISOString() };
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (p) {
			await updateProductRow(t, p.id, { takedown });
			await resolveReportsOf(t, p.id, by, ctx.clock());
		} else await updateShopRow(t, s.id, { takedown });
		await refreshListed(t, s.id, p?.id);
		await writeAudit(t, {
			action: p ? 'shops.product.takedown' : 'shops.shop.takedown',
			entity: p ? 'shops_product' : 'shops_shop',
			entityId: p?.id ?? s.id,
			after: { reason }
		});
	});
}

/** Staff put a product (or a shop) back. */
export async function restore(ctx: ServiceContext, shopSlug: string, slug: string | null) {
	const { shop: s, product: p } = await target(ctx, shopSlug, slug ?? undefined);
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		if (p) await updateProductRow(t, p.id, { takedown: null });
		else await updateShopRow(t, s.id, { takedown: null });
		await refreshListed(t, s.id, p?.id);
		await writeAudit(t, {
			action: p ? 'shops.product.restore' : 'shops.shop.restore',
			entity: p ? 'shops_product' : 'shops_shop',
			entityId: p?.id ?? s.id
		});
	});
}

/** Staff dismiss the open reports of a product without taking it down. */
export async function dismissReports(ctx: ServiceContext, shopSlug: string, slug: string) {
	const { product: p, by } = await target(ctx, shopSlug, slug);
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await resolveReportsOf(t, p!.id, by, ctx.clock());
		await writeAudit(t, { action: 'shops.report.dismiss', entity: 'shops_product', entityId: p!.id });
	});
}
