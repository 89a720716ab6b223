import { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages';
import {
	AppError,
	isPlatformAdmin,
	requireUser,
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
import { categoryMap } from './schema';
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

export async function loadMaps(ctx: ServiceContext): Promise<CategoryMapEntry[]> {
	const rows = await ctx.db.select().from(categoryMap);
	return seededCategoryMaps().maps.map((entry) => {
		const mine = rows.filter((r) => r.birgeCategory === entry.birgeCategory);
		if (!mine.length) return entry;
		const marketplaces = { ...entry.marketplaces };
		for (const r of mine) marketplaces[r.marketplace] = r.mapping;
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

/**
 * Staff import a marketplace's own dictionary answer (saved as JSON from its API or cabinet); every map
 * of that marketplace is re-checked against it and saved with its new status.
 */
export async function importCategoryDictionary(
	ctx: ServiceContext,
	input: { marketplace: string; json: string; categoryId?: number; typeId?: number }
): Promise<MapCheck[]> {
	const userId = requireStaff(ctx);
	if (input.marketplace !== 'wildberries' && input.marketplace !== 'ozon')
		throw new AppError('INVALID', { messageKey: 'marketplaces_dictionary_marketplace' });
	let json: unknown;
	try {
		json = JSON.parse(input.json);
	} catch {
		throw new AppError('INVALID', { messageKey: 'marketplaces_dictionary_unrecognised' });
	}
	let dict;
	try {
		dict = importDictionary(
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
	const marketplace = input.marketplace;
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
