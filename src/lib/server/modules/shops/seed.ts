import type { Seed } from '../../core/registry';
import type { I18nText } from '../../core';
import { CURRENCY_OF, product, shop, type Availability, type ShopCountry } from './schema';
import { searchColumns, indexWords } from './search';
import { categoryNames } from './categories';
import data from '../../../../../seed/shops/demo-shops.json';

/**
 * Demo shops (seed/shops/demo-shops.json): not real makers or prices, labelled demo wherever shown
 * (the `demo` flag and "(demo)" in every name). Only when demo data is on.
 */
export const shopsSeed: Seed = {
	name: 'shops.demo',
	version: '1',
	kind: 'demo',
	async run(ctx) {
		const now = ctx.clock();
		// The names as stored (shops.categories runs first, and a translator may have corrected them).
		const categories = await categoryNames(ctx);
		for (const s of data.shops) {
			const country = s.country as ShopCountry;
			const id = `demo-shop-${s.slug}`;
			await ctx.db
				.insert(shop)
				.values({
					id,
					slug: s.slug,
					name: s.name,
					story: s.story,
					country,
					region: s.region,
					currency: CURRENCY_OF[country],
					crafts: s.crafts,
					languages: s.languages,
					delivery: s.delivery as never,
					demo: true,
					createdAt: now,
					updatedAt: now
				})
				.onConflictDoNothing();
			for (const p of s.products) {
				const cols = searchColumns({
					title: p.title as I18nText,
					description: p.description as I18nText,
					materials: p.materials as I18nText,
					categoryName: categories.get(p.category),
					shopName: s.name as I18nText,
					crafts: s.crafts as I18nText
				});
				const q = p as { quantity?: number; leadTimeDays?: number };
				await ctx.db
					.insert(product)
					.values({
						id: `demo-product-${s.slug}-${p.slug}`,
						shopId: id,
						slug: p.slug,
						title: p.title,
						description: p.description,
						materials: p.materials,
						category: p.category,
						priceMinor: p.priceMinor,
						currency: CURRENCY_OF[country],
						availability: p.availability as Availability,
						leadTimeDays: q.leadTimeDays ?? null,
						quantity: q.quantity ?? null,
						status: 'published',
						listed: true,
						country,
						region: s.region,
						demo: true,
						publishedAt: now,
						createdAt: now,
						updatedAt: now,
						...cols
					})
					.onConflictDoNothing();
				await indexWords(ctx, cols);
			}
		}
	}
};
