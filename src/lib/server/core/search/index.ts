/**
 * core/search: the language machinery a module uses to search its own table.
 *
 * - text: folding (Kyrgyz/Kazakh/Tajik letters typed without their marks, Uzbek apostrophes), both
 *   Uzbek scripts, phonetic skeletons; the same on stored text and on queries.
 * - words: a module's word table (`searchWordsTable('shops_word')` in its schema.ts; its migration
 *   also needs `pg_trgm`), filled with `addWords` on publish; `textMatch` turns a query into exact
 *   lexemes (typo corrections by trigram similarity of skeletons, other script, known completions)
 *   and says at once when a word cannot match; `suggest` for "did you mean".
 * - candidates: `rankedMatches` pages through the matches among the module's filtered rows in two
 *   bounded steps (first rows in table order, else the GIN index), ranking only up to CANDIDATE_CAP.
 * - cache: `VersionedCache`, answers kept for one version of the module's table.
 *
 * How a module uses it (programs is the first user; see programs/search.ts):
 *   1. schema.ts: its rows get folded text columns (`foldText`), a stripped tsvector of every word
 *      (GIN, fastupdate off, storage MAIN) and a small title tsvector; `searchWordsTable('<m>_word')`.
 *   2. On every publish: write the folded columns, then `addWords(ctx, words, distinctWords(texts), ru)`.
 *   3. On a query: `textMatch` → nothing (`none`), or `rankedMatches` with its filters and order.
 */
export {
	foldText,
	words,
	cyrillicToLatin,
	latinToCyrillic,
	skeleton,
	variants,
	parseQuery,
	exactForms,
	type ParsedQuery
} from './text';
export { searchWordsTable, type SearchWordsTable } from './schema';
export { addWords, distinctWords, textMatch, suggest, PREFIX_EXPANSIONS, type TextMatch } from './words';
export {
	rankedMatches,
	rankedMatchesSql,
	countMatches,
	CANDIDATE_CAP,
	HEAD_ROWS,
	type SearchedTable,
	type RankedMatchesQuery
} from './candidates';
export { VersionedCache } from './cache';
