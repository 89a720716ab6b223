import { sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { rowsOf } from '#lib/server/db';

/**
 * The data version: changes whenever a writing transaction on a content table commits (a statement
 * trigger on every content table records it in `core_data_change`; see migration 0015). The page
 * cache keys rendered pages by it, and a module may key what it precomputes from its reads by it.
 * Read it before the data it guards: what is kept under a version is then never older than it.
 */
export async function dataVersion(db: Db): Promise<string> {
	const [row] = rowsOf<{ v: string }>(
		await db.execute(
			sql`select count(*)::text || ':' || coalesce(max(txid), 0)::text || ':' || coalesce(sum(txid), 0)::text as v from core_data_change`
		)
	);
	return row?.v ?? '0';
}
