import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { parseInput, search, type I18nText, type ServiceContext } from '../../core';
import { LOCALES } from '#lib/i18n/locales';
import { program, searchWord } from './schema';
import { searchInput, type SearchInput } from './inputs';
import { catalogueVersion, countWhere, idsWhere, listPage, listRowsByIds, type ListRow } from './queries';
import { understandQuery, type Understood } from './understand';
import { today, toListItem, toSummaryView, type ProgramListItem, type ProgramPageView } from './views';

/**
 * Finding published programs: the programs catalogue as core/search's first user (its table, its
 * folded text columns, its word table), its filters, orders and per-version caches.
 */

/** The programs table as core/search reads it. */
const SEARCHED: search.SearchedTable = {
	table: program,
	vector: 'search_tsv',
	titleVector: 'search_title_tsv'
};

/** Folded search text for a program, written with it on every write. */
export function searchColumns(p: {
	title: I18nText;
	summary: I18nText;
	body: I18nText;
	eligibilityText: I18nText;
	operator: string | null;
	slug: string;
}) {
	const other = (t: I18nText) =>
		LOCALES.filter((l) => l !== 'ru')
			.map((l) => t[l] ?? '')
			.filter(Boolean)
			.join(' \n ');
	const f = (s: string) => search.foldText(s);
	return {
		searchTitleRu: f(p.title.ru ?? ''),
		searchTitleOther: f(other(p.title)),
		searchBodyRu: f([p.summary.ru, p.body.ru, p.eligibilityText.ru].filter(Boolean).join(' \n ')),
		searchBodyOther: f(
			[other(p.summary), other(p.body), other(p.eligibilityText), p.operator ?? '', p.slug.replace(/-/g, ' ')]
				.filter(Boolean)
				.join(' \n ')
		)
	};
}
export type SearchColumns = ReturnType<typeof searchColumns>;

/** Distinct words (3+ letters) of a program's search text, for the word table. */
export const distinctWords = (cols: SearchColumns): string[] => search.distinctWords(Object.values(cols));

/** Adds a published program's words (and its Russian stems) to the word table. */
export async function indexWords(
	ctx: ServiceContext,
	cols: SearchColumns,
	extra: string[] = []
): Promise<void> {
	const words = extra.length ? [...new Set([...distinctWords(cols), ...extra])] : distinctWords(cols);
	await search.addWords(ctx, searchWord, words, `${cols.searchTitleRu} ${cols.searchBodyRu}`);
}

/** Adds words (and the Russian stems of `russianText`) to the programs word table (bulk loads). */
export const addWords = (ctx: ServiceContext, words: string[], russianText = '') =>
	search.addWords(ctx, searchWord, words, russianText);

/** Only published programs are ever found. */
function filterSql(ctx: ServiceContext, f: z.infer<typeof searchInput>): SQL[] {
	const where: SQL[] = [sql`p.publication = 'published'`];
	const country = f.country ?? (f.region ? f.region.slice(0, 2) : undefined);
	if (country)
		where.push(
			country === 'REGIONAL'
				? sql`p.country = 'REGIONAL'`
				: sql`(p.country = ${country} or ${country} = any(p.countries))`
		);
	if (f.region) where.push(sql`(cardinality(p.regions) = 0 or ${f.region} = any(p.regions))`);
	if (f.kind) where.push(sql`p.kinds @> array[${f.kind}]::text[]`);
	if (f.women) where.push(sql`p.women_specific`);
	if (f.open)
		where.push(
			sql`(p.status = 'ongoing' or (p.status = 'open' and (p.last_deadline is null or p.last_deadline >= ${today(ctx)}::date)))`
		);
	return where;
}

function orderSql(ctx: ServiceContext, sort: string | undefined, ranked: boolean, alias = 'c'): SQL {
	const a = sql.raw(alias);
	if (sort === 'deadline')
		return sql`(case when ${a}.last_deadline >= ${today(ctx)}::date then 0 else 1 end), ${a}.last_deadline asc nulls last, ${a}.slug`;
	if (sort === 'reviewed' || !ranked) return sql`${a}.reviewed_on desc nulls last, ${a}.slug`;
	return sql`${a}.title_hit desc, ${a}.rank desc, ${a}.reviewed_on desc nulls last, ${a}.slug`;
}

/** Counts of published programs per filter combination (the list page no longer counts every row). */
const countCache = new search.VersionedCache<number>(500);

async function listCount(
	ctx: ServiceContext,
	f: z.infer<typeof searchInput>,
	where: SQL[],
	version: number
): Promise<number> {
	const key = JSON.stringify([
		f.country ?? null,
		f.region ?? null,
		f.kind ?? null,
		!!f.women,
		f.open ? today(ctx) : null
	]);
	const hit = countCache.get(ctx.db, key, version);
	if (hit !== undefined) return hit;
	const n = await countWhere(ctx, sql.join(where, sql` and `));
	countCache.set(ctx.db, key, version, n);
	return n;
}

export interface SearchResult {
	items: ProgramListItem[];
	total: number;
	/** True when more programs match than were counted (the count is a lower bound). */
	more: boolean;
	page: number;
	pageSize: number;
	pages: number;
	suggestions: string[];
	/**
	 * What the search read from the words (a country, region or kind named in any language, applied as
	 * a filter and shown as a removable chip), or null when it searched the words as they are.
	 */
	understood: Understood | null;
}

/**
 * Whole search results (a page of list items, the total, suggestions) per query, language and day:
 * the same page asked again costs one read of the version. Callers must not change a result.
 */
const resultCache = new search.VersionedCache<SearchResult>(300);

/**
 * Finds published programs. With a query: full-text match (both scripts, folded letters, typo
 * corrections from the word table), ranked within a capped candidate set, title matches first (see
 * core/search rankedMatches). Without: the list index's order, or upcoming deadlines first.
 */
export async function findPrograms(
	ctx: ServiceContext,
	input: SearchInput,
	/**
	 * For tests and the benchmark: how many filtered programs the first step reads, and `fresh` to
	 * search again rather than answer from the result cache.
	 */
	tuning: { headRows?: number; fresh?: boolean } = {}
): Promise<SearchResult> {
	const headRows = tuning.headRows ?? search.HEAD_ROWS;
	const f = parseInput(searchInput, input);
	const version = await catalogueVersion(ctx);
	const cacheKey = JSON.stringify([f, ctx.locale, today(ctx), headRows]);
	const cached = tuning.fresh ? undefined : resultCache.get(ctx.db, cacheKey, version);
	if (cached) return cached;
	const result = await understoodSearch(ctx, f, version, headRows);
	resultCache.set(ctx.db, cacheKey, version, result);
	return result;
}

type Filters = z.infer<typeof searchInput>;

/**
 * The query read for the places and kinds it names, those applied as filters and the other words
 * searched; when that finds nothing, the words as they are. With no result at all: suggestions, each
 * of which finds something itself.
 */
async function understoodSearch(
	ctx: ServiceContext,
	f: Filters,
	version: number,
	headRows: number,
	checkSuggestions = true
): Promise<SearchResult> {
	const understood = understandQuery(f.q, f);
	if (understood) {
		const read: Filters = {
			...f,
			q: understood.rest || undefined,
			region: f.region ?? understood.region ?? undefined,
			country: f.country ?? (understood.country as Filters['country']) ?? undefined,
			kind: f.kind ?? understood.kind ?? undefined
		};
		let found = await searchOnce(ctx, read, version, headRows);
		// What is left beside the filter, without its one- and two-letter words (о, в, va) before the
		// filter is given up: «закон о женском предпринимательстве» stays a search among laws.
		const longRest = read.q ? withoutShortWords(read.q) : undefined;
		if (found.total === 0 && longRest && longRest !== read.q)
			found = await searchOnce(ctx, { ...read, q: longRest }, version, headRows);
		if (found.total > 0 || !understood.rest) return { ...found, understood };
	}
	const found = await searchOnce(ctx, f, version, headRows);
	// Words of one or two letters (о, в, va, of) are often stop words that no stored text keeps.
	const long = withoutShortWords(f.q);
	if (found.total === 0 && long !== f.q) {
		const again = await understoodSearch(ctx, { ...f, q: long }, version, headRows, false);
		if (again.total > 0) return again;
	}
	if (found.total > 0 || !checkSuggestions || !f.q) return found;
	const useful: string[] = [];
	for (const suggestion of found.suggestions) {
		const again = await understoodSearch(ctx, { ...f, q: suggestion, page: 1 }, version, headRows, false);
		if (again.total > 0) useful.push(suggestion);
	}
	// None finds anything: the query without one of its words, where that finds something.
	const tokens = search.words(search.foldText(f.q ?? ''));
	for (let i = 0; tokens.length > 1 && i < tokens.length && useful.length < 3; i++) {
		const shorter = tokens.filter((_, j) => j !== i).join(' ');
		const again = await understoodSearch(ctx, { ...f, q: shorter, page: 1 }, version, headRows, false);
		if (again.total > 0 && !useful.includes(shorter)) useful.push(shorter);
	}
	return { ...found, suggestions: useful };
}

/** The query without its words of one or two letters, unless that leaves nothing. */
function withoutShortWords(q: string | undefined): string | undefined {
	if (!q) return q;
	const all = search.words(search.foldText(q));
	const long = all.filter((w) => w.length > 2);
	return long.length && long.length < all.length ? long.join(' ') : q;
}

async function searchOnce(
	ctx: ServiceContext,
	f: Filters,
	version: number,
	headRows: number
): Promise<SearchResult> {
	const match = await search.textMatch(ctx, searchWord, f.q);
	const where = filterSql(ctx, f);
	const filters = sql.join(where, sql` and `);
	const offset = (f.page - 1) * f.pageSize;
	let rows: { id: string; total: number }[];
	let pageRows: ListRow[] | null = null;
	if (match.none) {
		// A word no program contains: nothing to read (suggestions follow).
		rows = [];
	} else if (match.tsquery) {
		rows = await search.rankedMatches(ctx, SEARCHED, {
			tsquery: match.tsquery,
			filters,
			carry: ['id', 'slug', 'reviewed_on', 'last_deadline'],
			order: orderSql(ctx, f.sort, true),
			limit: f.pageSize,
			offset,
			headRows
		});
	} else {
		// Without words: the count from the per-version cache. The default order is the list index's,
		// so the page and its columns come in one query; the deadline order has no index (it depends on
		// today), so the rows are sorted narrow (ids only) and the page's columns fetched after.
		const n = await listCount(ctx, f, where, version);
		if (f.sort === 'deadline') {
			// Upcoming deadlines first (soonest first), then past ones, then programs without a date:
			// three index-ordered reads, each stopping as soon as the page is full.
			const want = offset + f.pageSize;
			const day = today(ctx);
			const parts = [
				sql`p.last_deadline >= ${day}::date order by p.last_deadline, p.slug`,
				sql`p.last_deadline < ${day}::date order by p.last_deadline, p.slug`,
				sql`p.last_deadline is null order by p.slug`
			];
			const ids: string[] = [];
			for (const part of parts) {
				if (ids.length >= want) break;
				ids.push(...(await idsWhere(ctx, filters, part, want - ids.length)));
			}
			rows = ids.slice(offset, want).map((id) => ({ id, total: n }));
		} else {
			const page = await listPage(ctx, filters, orderSql(ctx, f.sort, false, 'p'), f.pageSize, offset);
			rows = page.map((r) => ({ id: r.id, total: n }));
			pageRows = page;
		}
	}
	let total = rows.length ? Number(rows[0].total) : 0;
	if (!rows.length && offset > 0 && !match.none) {
		// Past the last page: count on its own.
		total = match.tsquery
			? await search.countMatches(ctx, SEARCHED, { tsquery: match.tsquery, filters })
			: await listCount(ctx, f, where, version);
	}
	const more = match.tsquery !== null && total > search.CANDIDATE_CAP;
	if (more) total = search.CANDIDATE_CAP;
	const ids = rows.map((r) => r.id);
	const found = pageRows ?? (await listRowsByIds(ctx, ids));
	const byId = new Map(found.map((r) => [r.id, r]));
	const items = ids
		.map((id) => byId.get(id))
		.filter((r): r is ListRow => !!r)
		.map((r) => toListItem(ctx, r));
	const suggestions = total === 0 && f.q ? search.suggest(f.q, match) : [];
	const result: SearchResult = {
		items,
		total,
		more,
		page: f.page,
		pageSize: f.pageSize,
		pages: Math.max(1, Math.ceil(total / f.pageSize)),
		suggestions,
		understood: null
	};
	return result;
}

/** GET /api/v1/programs: a page of published programs as the API shows it. */
export async function searchView(
	ctx: ServiceContext,
	input: SearchInput,
	origin: string
): Promise<ProgramPageView> {
	const r = await findPrograms(ctx, input);
	return {
		items: r.items.map((i) => toSummaryView(i, origin)),
		total: r.total,
		more: r.more,
		page: r.page,
		pageSize: r.pageSize,
		suggestions: r.suggestions,
		understood: r.understood
			? {
					region: r.understood.region,
					country: r.understood.country,
					kind: r.understood.kind,
					rest: r.understood.rest
				}
			: null
	};
}

/**
 * Whether any published program has a dated deadline: without one, the deadline order and the
 * deadline reminders and calendar have nothing to do, and pages leave them out.
 */
export async function hasDeadlines(ctx: ServiceContext): Promise<boolean> {
	return (await countWhere(ctx, sql`p.publication = 'published' and p.last_deadline is not null`)) > 0;
}
