import type { ServiceContext } from '../../../core';
import { productsOfShop } from '../queries';
import { MARKETPLACES } from './card';
import { accountView, kaspiFeed, saveAccount, testConnection, type AccountView } from './accounts';
import { productListings, saveListing, validateFor } from './listings';
import {
	acceptShopCategoryMap,
	categoryMaps,
	editCategoryMap,
	importCategoryDictionary,
	importShopDictionary,
	loadMaps,
	shopMapChecks
} from './maps';
import { accountOf, cardsFor, editableShop } from './product-card';
import { exportRunView, exportRuns, marketplaceSheet, runExport, startExport } from './runs';
import { marketplaceListing } from './schema';
import { inArray } from 'drizzle-orm';
import { textIn } from '../../../core';

/**
 * The marketplace export wired to the shops tables: what shops/index.ts loads lazily (`await import`),
 * so the clients, formats and exceljs stay out of every server start.
 */

/** The shop's Marketplaces section: accounts, last runs, and each product's listings with error counts. */
export async function marketplacesOverview(ctx: ServiceContext, shopSlug: string) {
	const s = await editableShop(ctx, shopSlug);
	const accounts: AccountView[] = [];
	const rows = new Map<string, Awaited<ReturnType<typeof accountOf>>>();
	for (const m of MARKETPLACES) {
		const row = await accountOf(ctx, s.id, m);
		rows.set(m, row);
		accounts.push(accountView(ctx, m, row));
	}
	const products = (await productsOfShop(ctx, s.id, false)).filter((p) => p.status !== 'archived');
	const listings = products.length
		? await ctx.db
				.select()
				.from(marketplaceListing)
				.where(
					inArray(
						marketplaceListing.productId,
						products.map((p) => p.id)
					)
				)
		: [];
	const cards = await cardsFor(ctx, s, products, rows.get('kaspi')?.kaspiStoreIds ?? []);
	const maps = await loadMaps(ctx, s.id);
	const items = [];
	for (const p of products) {
		const per = [];
		for (const m of MARKETPLACES) {
			const row = listings.find((l) => l.productId === p.id && l.marketplace === m);
			if (!row) {
				per.push({ marketplace: m, enabled: false, errors: null });
				continue;
			}
			const problems = await validateFor(
				ctx,
				m,
				cards.get(p.id)!,
				row,
				p.category,
				maps,
				rows.get(m) ?? null
			);
			per.push({
				marketplace: m,
				enabled: row.enabled,
				errors: problems.filter((pr) => pr.severity === 'error').length
			});
		}
		items.push({ slug: p.slug, title: textIn(p.title, ctx.locale), demo: p.demo, marketplaces: per });
	}
	return {
		shop: { slug: s.slug, name: textIn(s.name, ctx.locale), demo: s.demo },
		accounts,
		products: items,
		runs: (await exportRuns(ctx, shopSlug)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
	};
}

export {
	saveAccount,
	testConnection,
	kaspiFeed,
	saveListing,
	productListings,
	startExport,
	runExport,
	exportRunView,
	marketplaceSheet,
	categoryMaps,
	editCategoryMap,
	importCategoryDictionary,
	importShopDictionary,
	shopMapChecks,
	acceptShopCategoryMap
};
