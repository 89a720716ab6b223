import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';

// Table factories only (no imports of the database code): modules' schema.ts files import this.

/**
 * The word table of one searched catalogue: the distinct words (folded, 3 to 40 letters, not a number)
 * and Russian stems of everything it publishes, each with its phonetic skeleton. A module declares its
 * own (`programs_word`, later `shops_word`) in its schema.ts, so that catalogues never mix their words
 * and each keeps its own statistics.
 */
export function searchWordsTable(name: string) {
	return pgTable(
		name,
		{
			word: text('word').primaryKey(),
			/** Phonetic Latin skeleton (script- and spelling-independent). */
			skeleton: text('skeleton').notNull()
		},
		(t) => [
			index(`${name}_skeleton_trgm_idx`)
				.using('gin', sql`${t.skeleton} gin_trgm_ops`)
				.with({ fastupdate: false })
		]
	);
}
export type SearchWordsTable = ReturnType<typeof searchWordsTable>;
