import { sql, type SQL } from 'drizzle-orm';
import { parseInput, search, type I18nText, type ServiceContext } from '../../core';
import { rowsOf } from '../../db';
import { LOCALES } from '#lib/i18n/locales';
import { product, shopsWord } from './schema';
import { catalogInput, type CatalogInput } from './inputs';
import { cardPage, catalogueVersion, categoryRows } from './queries';
import { toCard, type ProductCard } from './views';
import type { CategoryNames } from './categories';

/**
 * The catalogue of listed products across shops, as core/search's second user (after programs): its
 * folded text columns, its word table (`shops_word`), its filters, orders and pages.
 */

const SEARCHED: search.SearchedTable = {
	table: product,
	vector: 'search_tsv',
	titleVector: 'search_title_tsv'
};

/**
 * Folded search text for a product, written with it on every write: its texts, its category's names
 * as stored in `shops_category` (the workspace's corrections included: `categoryNames`; a rename
 * recomputes its products' columns through `reindexCategoryJob`), its shop's name and crafts.
 */
export function searchColumns(p: {
	title: I18nText;
	description: I18nText;
	materials: I18nText;
	/** The category's stored names (undefined: an unknown code, no words). */
	categoryName: I18nText | null | undefined;
	shopName: I18nText;
	crafts: I18nText;
}) {
	const other = (t: I18nText) =>
		LOCALES.filter((l) => l !== 'ru')
			.map((l) => t[l] ?? '')
			.filter(Boolean)
			.join(' \n ');
	const f = (s: string) => search.foldText(s);
	const category = p.categoryName ?? undefined;
	return {
		searchTitleRu: f(p.title.ru ?? ''),
		searchTitleOther: f(other(p.title)),
		searchBodyRu: f(
			[p.description.ru, p.materials.ru, category?.ru, p.shopName.ru, p.crafts.ru]
				.filter(Boolean)
				.join(' \n ')
		),
		searchBodyOther: f(
			[
				other(p.description),
				other(p.materials),
				category ? other(category) : '',
				other(p.shopName),
				other(p.crafts)
			]
				.filter(Boolean)
				.join(' \n ')
		)
	};
}
export type SearchColumns = ReturnType<typeof searchColumns>;

export const distinctWords = (cols: SearchColumns): string[] => search.distinctWords(Object.values(cols));

/** Adds a listed product's words (and its Russian stems) to the word table. */
export async function indexWords(ctx: ServiceContext, cols: SearchColumns): Promise<void> {
	await search.addWords(ctx, shopsWord, distinctWords(cols), `${cols.searchTitleRu} ${cols.searchBodyRu}`);
}

/** Adds words to the shops word table (bulk loads). */
export const addWords = (ctx: ServiceContext, words: string[], russianText = '') =>
	search.addWords(ctx, shopsWord, words, russianText);

type Filters = ReturnType<typeof catalogInput.parse>;

function filterSql(f: Filters, shopId: string | null): SQL[] {
	const where: SQL[] = [sql`p.listed`];
	const country = f.country ?? (f.region ? f.region.slice(0, 2) : undefined);
	if (country) where.push(sql`p.country = ${country}`);
	if (f.region) where.push(sql`p.region = ${f.region}`);
	if (f.category) where.push(sql`p.category = ${f.category}`);
	if (f.availability) where.push(sql`p.availability = ${f.availability}`);
	if (shopId) where.push(sql`p.shop_id = ${shopId}`);
	// The range is typed in whole units of the currency: UZS has no minor units, the others 100.
	const minor = (v: number) =>
		sql`(case when p.currency = 'UZS' then ${v}::bigint else ${v * 100}::bigint end)`;
	if (f.priceMin !== undefined) where.push(sql`p.price_minor >= ${minor(f.priceMin)}`);
	if (f.priceMax !== undefined) where.push(sql`p.price_minor <= ${minor(f.priceMax)}`);
	return where;
}

function orderSql(sort: string | undefined, ranked: boolean, alias: string): SQL {
	const a = sql.raw(alias);
	if (sort === 'price_asc') return sql`${a}.price_minor asc, ${a}.id`;
	if (sort === 'price_desc') return sql`${a}.price_minor desc, ${a}.id`;
	if (sort === 'new' || !ranked) return sql`${a}.published_at desc nulls last, ${a}.id`;
	return sql`${a}.title_hit desc, ${a}.rank desc, ${a}.published_at desc nulls last, ${a}.id`;
}

export interface CatalogResult {
	items: ProductCard[];
	total: number;
	/** True when more products match than were counted (the count is a lower bound). */
	more: boolean;
	page: number;
	pageSize: number;
	pages: number;
	suggestions: string[];
}

/** Counting without words stops here: "more than 1,000" is all a person needs (and a count costs its rows). */
const COUNT_CAP = 1_000;

/**
 * Finds listed products. With a query: full-text match (both Uzbek scripts, folded letters, typo
 * corrections from the word table), ranked within a capped candidate set (core/search). Without: the
 * newest first, or by price, through the list indexes.
 */
export async function findProducts(
	ctx: ServiceContext,
	input: CatalogInput,
	/** `fresh` (tests, the benchmark): search again rather than answer from the result cache. */
	options: { shopId?: string; headRows?: number; fresh?: boolean } = {}
): Promise<CatalogResult> {
	const f = parseInput(catalogInput, input);
	const version = await catalogueVersion(ctx);
	const q = f.q ? search.words(search.foldText(f.q)).join(' ') : null;
	const key = JSON.stringify([{ ...f, q }, ctx.locale, options.shopId ?? null, options.headRows ?? null]);
	const cached = options.fresh ? undefined : resultCache.get(ctx.db, key, version);
	if (cached) return cached;
	const result = await searchOnce(ctx, f, options, version);
	resultCache.set(ctx.db, key, version, result);
	return result;
}

/**
 * Whole result pages per normalised query, filters, page and language, for one version of the
 * catalogue (shops_version, bumped by a trigger on every write to shops, products and photos): the
 * same page asked again costs one read of the version. Callers must not change a result.
 */
const resultCache = new search.VersionedCache<CatalogResult>(500);

/** Category names for the cards, read once per catalogue version (a rename bumps it: migration 0043). */
const categoryCache = new search.VersionedCache<CategoryNames>(1);

async function categoryNamesAt(ctx: ServiceContext, version: number): Promise<CategoryNames> {
	const cached = categoryCache.get(ctx.db, 'all', version);
	if (cached) return cached;
	const names: CategoryNames = new Map((await categoryRows(ctx)).map((r) => [r.code, r.name]));
	categoryCache.set(ctx.db, 'all', version, names);
	return names;
}

async function searchOnce(
	ctx: ServiceContext,
	f: Filters,
	options: { shopId?: string; headRows?: number },
	version: number
): Promise<CatalogResult> {
	const match = await search.textMatch(ctx, shopsWord, f.q);
	const filters = sql.join(filterSql(f, options.shopId ?? null), sql` and `);
	const offset = (f.page - 1) * f.pageSize;
	let page: Awaited<ReturnType<typeof cardPage>> = { total: 0, rows: [] };
	let total = 0;
	let more = false;
	if (match.none) {
		// A word no listed product contains: nothing to read.
	} else if (match.tsquery) {
		// The ranked page and its cards in one round trip.
		page = await cardPage(
			ctx,
			search.rankedMatchesSql(SEARCHED, {
				tsquery: match.tsquery,
				filters,
				carry: ['id', 'published_at', 'price_minor'],
				order: orderSql(f.sort ?? 'relevance', true, 'c'),
				limit: f.pageSize,
				offset,
				headRows: options.headRows
			})
		);
		total = page.rows.length
			? page.total
			: offset > 0
				? await search.countMatches(ctx, SEARCHED, { tsquery: match.tsquery, filters })
				: 0;
		more = total > search.CANDIDATE_CAP;
		if (more) total = search.CANDIDATE_CAP;
	} else {
		// The page through the list indexes, its count (capped) and its cards in one round trip.
		const order = orderSql(f.sort, false, 'p');
		page = await cardPage(
			ctx,
			sql`select p.id, row_number() over (order by ${order}) as n,
				(select count(*)::int from (select 1 from shops_product p where ${filters} limit ${COUNT_CAP + 1}) x) as total
			from shops_product p where ${filters}
			order by ${order} limit ${f.pageSize} offset ${offset}`
		);
		total = page.rows.length
			? page.total
			: Number(
					rowsOf<{ n: number }>(
						await ctx.db.execute(
							sql`select count(*)::int as n from (select 1 from shops_product p where ${filters} limit ${COUNT_CAP + 1}) x`
						)
					)[0]?.n ?? 0
				);
		more = total > COUNT_CAP;
		if (more) total = COUNT_CAP;
	}
	const categories = await categoryNamesAt(ctx, version);
	const items = page.rows.map((r) => toCard(ctx, r.product, r.shop, r.photo ?? undefined, categories));
	return {
		items,
		total,
		more,
		page: f.page,
		pageSize: f.pageSize,
		pages: Math.max(1, Math.ceil(total / f.pageSize)),
		suggestions: total === 0 && f.q ? search.suggest(f.q, match) : []
	};
}
