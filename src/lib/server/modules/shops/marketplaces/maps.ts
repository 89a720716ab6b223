import { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages';
import {
	AppError,
	isPlatformAdmin,
	requireUser,
	textIn,
	writeAudit,
	type DueForReview,
	type ReviewItem,
	type ServiceContext
} from '../../../core';
import { MARKETPLACES, type MarketplaceId } from './card';
import {
	DictionaryImportError,
	editMapping,
	importDictionary,
	recheckMaps,
	rulesFromMapping,
	seededCategoryMaps,
	type CategoryMapEntry,
	type CategoryMapping,
	type MapCheck
} from './category-maps';
import type { CategoryRules } from './category-rules';
import { categoryMap, shopCategoryMap } from './schema';
import { shop } from '../schema';
import { editableShop } from './product-card';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ListingRow } from './product-card';

/**
 * Category maps as data (issue 13 §3): the seed (`seed/marketplaces/category-maps.json`, every entry
 * unverified) overlaid with staff edits and dictionary re-checks stored in `shops_category_map`.
 */

/** Birge's product categories (seed/shops/categories.json) → the map entry that covers them. */
export const MAP_OF_CATEGORY: Record<string, string> = {
	felt: 'felt-goods',
	toys: 'knitted-toys',
	textiles: 'textile-home',
	diy_kits: 'diy-kits'
};

/** Whether a shop's own re-check still speaks of the platform map's category (staff may have changed it). */
const sameCategory = (a: CategoryMapping | undefined, b: CategoryMapping) =>
	!!a && String(a.categoryId) === String(b.categoryId) && (a.typeId ?? null) === (b.typeId ?? null);

/**
 * The maps as a shop's validators see them: the seed, overlaid with staff edits and re-checks, then (with
 * `shopId`) with that shop's own dictionary re-checks where the platform map still has the same category.
 */
export async function loadMaps(ctx: ServiceContext, shopId?: string): Promise<CategoryMapEntry[]> {
	const rows = await ctx.db.select().from(categoryMap);
	const own = shopId
		? await ctx.db.select().from(shopCategoryMap).where(eq(shopCategoryMap.shopId, shopId))
		: [];
	return seededCategoryMaps().maps.map((entry) => {
		const mine = rows.filter((r) => r.birgeCategory === entry.birgeCategory);
		const shops = own.filter((r) => r.birgeCategory === entry.birgeCategory);
		if (!mine.length && !shops.length) return entry;
		const marketplaces = { ...entry.marketplaces };
		for (const r of mine) marketplaces[r.marketplace] = r.mapping;
		for (const r of shops)
			if (sameCategory(marketplaces[r.marketplace], r.mapping)) marketplaces[r.marketplace] = r.mapping;
		return { ...entry, marketplaces };
	});
}

/** The map of a product's category on one marketplace (seed or stored), when there is one. */
export function mappingFor(maps: CategoryMapEntry[], productCategory: string, marketplace: MarketplaceId) {
	return maps.find((e) => e.birgeCategory === MAP_OF_CATEGORY[productCategory])?.marketplaces[marketplace];
}

/** The validators' rules for a product's category on one marketplace; the listing's own ids win. */
export function rulesFor(
	maps: CategoryMapEntry[],
	productCategory: string,
	marketplace: MarketplaceId,
	listing: ListingRow | undefined
): CategoryRules | null {
	const mapping = mappingFor(maps, productCategory, marketplace);
	if (!listing?.categoryId) return rulesFromMapping(marketplace, mapping);
	const numeric = /^\d{1,15}$/.test(listing.categoryId);
	const sameCategory = mapping?.categoryId !== null && String(mapping?.categoryId) === listing.categoryId;
	return {
		marketplace,
		categoryId: numeric ? Number(listing.categoryId) : listing.categoryId,
		typeId: listing.typeId ?? mapping?.typeId ?? undefined,
		descriptionMax: mapping?.descriptionMax,
		attributes: mapping?.attributes ?? [],
		verified: mapping?.status === 'checked' && sameCategory
	};
}

function requireStaff(ctx: ServiceContext): string {
	const userId = requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) throw new AppError('FORBIDDEN', { messageKey: 'shops_error_staff_only' });
	return userId;
}

/** Staff: every map with its status. */
export async function categoryMaps(ctx: ServiceContext): Promise<CategoryMapEntry[]> {
	requireStaff(ctx);
	return loadMaps(ctx);
}

async function saveMapping(
	ctx: ServiceContext,
	userId: string,
	birgeCategory: string,
	marketplace: MarketplaceId,
	mapping: CategoryMapping
) {
	await ctx.db
		.insert(categoryMap)
		.values({ birgeCategory, marketplace, mapping, updatedBy: userId, updatedAt: ctx.clock() })
		.onConflictDoUpdate({
			target: [categoryMap.birgeCategory, categoryMap.marketplace],
			set: { mapping, updatedBy: userId, updatedAt: ctx.clock() }
		});
}

const editInput = z.object({
	birgeCategory: z.string().regex(/^[a-z0-9-]+$/),
	marketplace: z.enum(MARKETPLACES),
	categoryId: z.union([z.coerce.number().int().positive(), z.string().trim().min(1).max(200)]).nullable(),
	typeId: z.coerce.number().int().positive().nullable().optional(),
	categoryName: z.string().trim().max(300).nullable().optional()
});

/** Staff edit one map: it becomes unverified again until the next dictionary re-check. */
export async function editCategoryMap(ctx: ServiceContext, input: z.input<typeof editInput>) {
	const userId = requireStaff(ctx);
	const parsed = editInput.safeParse(input);
	if (!parsed.success) throw new AppError('INVALID', { messageKey: 'marketplaces_map_invalid' });
	const { birgeCategory, marketplace, ...patch } = parsed.data;
	const maps = await loadMaps(ctx);
	if (!maps.some((e) => e.birgeCategory === birgeCategory)) throw new AppError('NOT_FOUND');
	const next = editMapping(maps, birgeCategory, marketplace, {
		categoryId: patch.categoryId,
		typeId: patch.typeId ?? null,
		categoryName: patch.categoryName ?? null
	});
	const mapping = next.find((e) => e.birgeCategory === birgeCategory)!.marketplaces[marketplace]!;
	await ctx.db.transaction(async (tx) => {
		const tctx = { ...ctx, db: tx };
		await saveMapping(tctx, userId, birgeCategory, marketplace, mapping);
		await writeAudit(tctx, {
			action: 'shops.category_map.edit',
			entity: 'shops_category_map',
			entityId: `${birgeCategory}:${marketplace}`,
			after: mapping
		});
	});
	return mapping;
}

export interface DictionaryInput {
	marketplace: string;
	json: string;
	categoryId?: number;
	typeId?: number;
}

/** The same parser for staff and makers: a saved Wildberries or Ozon dictionary answer. */
function parseDictionary(input: DictionaryInput) {
	if (input.marketplace !== 'wildberries' && input.marketplace !== 'ozon')
		throw new AppError('INVALID', { messageKey: 'marketplaces_dictionary_marketplace' });
	let json: unknown;
	try {
		json = JSON.parse(input.json);
	} catch {
		throw new AppError('INVALID', { messageKey: 'marketplaces_dictionary_unrecognised' });
	}
	try {
		return importDictionary(
			input.marketplace,
			json,
			undefined,
			input.categoryId ? { categoryId: input.categoryId, typeId: input.typeId } : undefined
		);
	} catch (error) {
		if (error instanceof DictionaryImportError)
			throw new AppError('INVALID', { messageKey: `marketplaces_dictionary_${error.reason}` as MessageKey });
		throw error;
	}
}

/**
 * Staff import a marketplace's own dictionary answer (saved as JSON from its API or cabinet); every map
 * of that marketplace is re-checked against it and saved with its new status.
 */
export async function importCategoryDictionary(
	ctx: ServiceContext,
	input: DictionaryInput
): Promise<MapCheck[]> {
	const userId = requireStaff(ctx);
	const dict = parseDictionary(input);
	const marketplace = dict.marketplace;
	const { checks, maps } = recheckMaps(await loadMaps(ctx), dict, ctx.clock().toISOString().slice(0, 10));
	await ctx.db.transaction(async (tx) => {
		const tctx = { ...ctx, db: tx };
		for (const entry of maps) {
			const mapping = entry.marketplaces[marketplace];
			if (mapping) await saveMapping(tctx, userId, entry.birgeCategory, marketplace, mapping);
		}
		await writeAudit(tctx, {
			action: 'shops.category_map.recheck',
			entity: 'shops_category_map',
			entityId: marketplace,
			after: checks.map((c) => ({ category: c.birgeCategory, result: c.result }))
		});
	});
	return checks;
}

/**
 * A maker (an owner or co-owner of the shop) imports a dictionary answer she saved from her own cabinet.
 * Every map is re-checked against it as her shop sees the maps, and the maps it checked or found
 * missing are kept for her shop only (`shops_shop_category_map`): her validators use them, other shops
 * keep the platform's maps until staff accept hers (`acceptShopCategoryMap`).
 */
export async function importShopDictionary(
	ctx: ServiceContext,
	shopSlug: string,
	input: DictionaryInput
): Promise<MapCheck[]> {
	const s = await editableShop(ctx, shopSlug);
	const userId = requireUser(ctx);
	const dict = parseDictionary(input);
	const marketplace = dict.marketplace;
	const today = ctx.clock().toISOString().slice(0, 10);
	const { checks, maps } = recheckMaps(await loadMaps(ctx, s.id), dict, today);
	await ctx.db.transaction(async (tx) => {
		for (const check of checks) {
			if (check.result !== 'checked' && check.result !== 'category_missing') continue;
			const mapping = maps.find((e) => e.birgeCategory === check.birgeCategory)!.marketplaces[marketplace]!;
			const values = { mapping, updatedBy: userId, updatedAt: ctx.clock(), acceptedAt: null };
			await tx
				.insert(shopCategoryMap)
				.values({ shopId: s.id, birgeCategory: check.birgeCategory, marketplace, ...values })
				.onConflictDoUpdate({
					target: [shopCategoryMap.shopId, shopCategoryMap.birgeCategory, shopCategoryMap.marketplace],
					set: values
				});
		}
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'shops.category_map.shop_recheck',
				entity: 'shops_shop',
				entityId: s.id,
				after: { marketplace, checks: checks.map((c) => ({ category: c.birgeCategory, result: c.result })) }
			}
		);
	});
	return checks;
}

export interface ShopMapCheck {
	shopId: string;
	shop: string;
	birgeCategory: string;
	marketplace: MarketplaceId;
	status: CategoryMapping['status'];
	categoryId: CategoryMapping['categoryId'];
	categoryName: string | null;
	checkedAt: string | null;
	attributes: number;
}

/**
 * Staff: the makers' own re-checks that differ from the platform's map and speak of its category still,
 * so that staff can accept one for every shop.
 */
export async function shopMapChecks(ctx: ServiceContext): Promise<ShopMapCheck[]> {
	requireStaff(ctx);
	const maps = await loadMaps(ctx);
	const rows = await ctx.db
		.select({ row: shopCategoryMap, name: shop.name })
		.from(shopCategoryMap)
		.innerJoin(shop, eq(shop.id, shopCategoryMap.shopId))
		.where(isNull(shopCategoryMap.acceptedAt))
		.orderBy(desc(shopCategoryMap.updatedAt))
		.limit(200);
	return rows
		.filter(({ row }) => {
			const platform = maps.find((e) => e.birgeCategory === row.birgeCategory)?.marketplaces[row.marketplace];
			return sameCategory(platform, row.mapping) && JSON.stringify(platform) !== JSON.stringify(row.mapping);
		})
		.map(({ row, name }) => ({
			shopId: row.shopId,
			shop: textIn(name, ctx.locale),
			birgeCategory: row.birgeCategory,
			marketplace: row.marketplace,
			status: row.mapping.status,
			categoryId: row.mapping.categoryId,
			categoryName: row.mapping.categoryName,
			checkedAt: row.mapping.checkedAt ?? null,
			attributes: row.mapping.attributes.length
		}));
}

const acceptInput = z.object({
	shopId: z.string().min(1).max(100),
	birgeCategory: z.string().regex(/^[a-z0-9-]+$/),
	marketplace: z.enum(MARKETPLACES)
});

/** Staff accept a maker's re-check: it becomes the platform's map, which every shop then reads. */
export async function acceptShopCategoryMap(ctx: ServiceContext, input: z.input<typeof acceptInput>) {
	const userId = requireStaff(ctx);
	const parsed = acceptInput.safeParse(input);
	if (!parsed.success) throw new AppError('INVALID', { messageKey: 'marketplaces_map_invalid' });
	const { shopId, birgeCategory, marketplace } = parsed.data;
	const key = and(
		eq(shopCategoryMap.shopId, shopId),
		eq(shopCategoryMap.birgeCategory, birgeCategory),
		eq(shopCategoryMap.marketplace, marketplace)
	);
	const [row] = await ctx.db.select().from(shopCategoryMap).where(key);
	const platform = (await loadMaps(ctx)).find((e) => e.birgeCategory === birgeCategory)?.marketplaces[
		marketplace
	];
	if (!row || row.acceptedAt) throw new AppError('NOT_FOUND');
	// Staff changed the category since her check: hers no longer speaks of the platform's map.
	if (!sameCategory(platform, row.mapping))
		throw new AppError('CONFLICT', { messageKey: 'marketplaces_maps_shop_stale' });
	await ctx.db.transaction(async (tx) => {
		const tctx = { ...ctx, db: tx };
		await saveMapping(tctx, userId, birgeCategory, marketplace, row.mapping);
		await tx.update(shopCategoryMap).set({ acceptedAt: ctx.clock() }).where(key);
		await writeAudit(tctx, {
			action: 'shops.category_map.accept',
			entity: 'shops_category_map',
			entityId: `${birgeCategory}:${marketplace}`,
			after: { shopId, mapping: row.mapping }
		});
	});
	return row.mapping;
}

/** Where each marketplace is based, for the staff review queue's country column. */
const HOME: Record<MarketplaceId, string> = { wildberries: 'RU', ozon: 'RU', kaspi: 'KZ', uzum: 'UZ' };

/** Every map still unverified is due for review by platform staff. */
export const mapsDueForReview: DueForReview = async (ctx, options = {}) => {
	if (!isPlatformAdmin(ctx.actor)) return [];
	const items: ReviewItem[] = [];
	for (const entry of await loadMaps(ctx))
		for (const marketplace of MARKETPLACES) {
			const m = entry.marketplaces[marketplace];
			if (!m || m.status === 'checked') continue;
			items.push({
				module: 'shops',
				kind: 'marketplace_map',
				id: `${entry.birgeCategory}:${marketplace}`,
				title: entry.name,
				country: HOME[marketplace],
				since: m.checkedAt ?? null,
				reason: 'unverified',
				path: `/${ctx.locale}/admin/marketplace-maps`
			});
		}
	return items.slice(0, options.limit ?? 200);
};
