import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, enqueueJob, periodStart, withDb, type ServiceContext } from '../../core';
import { rowsOf } from '../../db';
import { categoryByCode, categoryProductsAfter, updateSearchColumns } from './queries';
import { addWords, distinctWords, searchColumns } from './search';

/**
 * A category's names are part of its products' search text (search.ts). When they change (a
 * translator's correction in the workspace, a new taxonomy file through the seed), the products of
 * that category get their search columns recomputed from the names as stored then, and the new
 * words go to `shops_word` so that a buyer typing the corrected word finds them.
 *
 * A category can hold hundreds of thousands of products, so this is a job: batches of
 * `REINDEX_BATCH` rows keyset by id, one transaction and one UPDATE each; rows whose columns are
 * already right are not written. It reads the names when it runs, so running it again (at least
 * once) or late changes nothing. The product updates bump the catalogue version (shops_version's
 * trigger), so cached result pages go stale with them.
 */

export const REINDEX_BATCH = 500;

/**
 * Edits of one category within this many seconds queue one run, due when the period ends (a
 * translator correcting several languages one after another reindexes once).
 */
export const REINDEX_DEBOUNCE_SECONDS = 60;

export const reindexCategoryJob = defineJob({
	name: 'shops.reindex-category',
	payload: z.object({ category: z.string().min(1).max(100) }),
	leaseSeconds: 300,
	async run(ctx, { category }) {
		return reindexCategory(ctx, category);
	}
});

/** Queues the reindex of a category's products (in the caller's transaction). */
export async function queueCategoryReindex(ctx: ServiceContext, category: string): Promise<void> {
	const start = periodStart(ctx.clock(), REINDEX_DEBOUNCE_SECONDS);
	const runAt = new Date(start.getTime() + REINDEX_DEBOUNCE_SECONDS * 1000);
	const key = `${category}:${start.toISOString()}`;
	const queued = await enqueueJob(ctx, reindexCategoryJob, { category }, { key, runAt });
	if (queued.created) return;
	// This period's run was queued by an earlier edit; if it has started already (a write that commits
	// late), it may have read the names before this one: queue another for now.
	const [row] = rowsOf<{ state: string }>(
		await ctx.db.execute(sql`select state from core_job where id = ${queued.id}`)
	);
	if (row && row.state !== 'queued')
		await enqueueJob(
			ctx,
			reindexCategoryJob,
			{ category },
			{ key: `${category}:${ctx.clock().toISOString()}:late`, runAt: ctx.clock() }
		);
}

/** Recomputes the search columns of a category's products; returns how many rows it read and wrote. */
export async function reindexCategory(
	ctx: ServiceContext,
	category: string
): Promise<{ products: number; updated: number }> {
	const row = await categoryByCode(ctx, category);
	if (!row) return { products: 0, updated: 0 };
	const categoryName = row.name;
	let after = '';
	let products = 0;
	let updated = 0;
	let listed = false;
	for (;;) {
		const done = await ctx.db.transaction(async (tx) => {
			const t = withDb(ctx, tx);
			const batch = await categoryProductsAfter(t, category, after, REINDEX_BATCH);
			if (!batch.length) return true;
			updated += await updateSearchColumns(
				t,
				batch.map((p) => ({
					id: p.id,
					...searchColumns({
						title: p.title,
						description: p.description,
						materials: p.materials,
						categoryName,
						shopName: p.shopName,
						crafts: p.crafts
					})
				}))
			);
			if (batch.some((p) => p.listed)) listed = true;
			products += batch.length;
			after = batch[batch.length - 1].id;
			return batch.length < REINDEX_BATCH;
		});
		if (done) break;
	}
	// The products' own words are in the word table since they were written; the category's are new.
	if (listed) {
		const cols = searchColumns({
			title: {},
			description: {},
			materials: {},
			categoryName,
			shopName: {},
			crafts: {}
		});
		await addWords(ctx, distinctWords(cols), cols.searchBodyRu);
	}
	return { products, updated };
}
