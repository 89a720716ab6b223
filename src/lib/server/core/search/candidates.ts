import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';
import { rowsOf } from '../../db';

/** At most this many matches are ranked; the count says "more than" beyond it. */
export const CANDIDATE_CAP = 200;

/** Query words are first tried on this many filtered rows (see rankedMatches). */
export const HEAD_ROWS = 2000;

/** A searched table: its rows carry a stripped vector of all their words and a (small) ranked one. */
export interface SearchedTable {
	table: PgTable;
	/** Column of every word once, without positions (kept in the row: storage MAIN), GIN-indexed. */
	vector: string;
	/** Column ranked for relevance (titles: small), also tested for "title matches first". */
	titleVector: string;
}

export interface RankedMatchesQuery {
	/** The tsquery (from textMatch). */
	tsquery: SQL;
	/** The filters, as SQL on the table aliased `p`. */
	filters: SQL;
	/** Columns the order needs besides `title_hit` and `rank`; the first is the row's id. */
	carry: readonly string[];
	/** The order, as SQL on the candidates aliased `c` (carry columns, `title_hit`, `rank`). */
	order: SQL;
	limit: number;
	offset: number;
	/** How many filtered rows the first step reads (default HEAD_ROWS). */
	headRows?: number;
	/** How many matches at most are ranked (default CANDIDATE_CAP). */
	cap?: number;
}

/**
 * A table or column name written as is (names come from the calling module's code, never from input;
 * checked all the same), so that the SQL text is the one a person would write.
 */
export function ident(name: string): SQL {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
	return sql.raw(name);
}
const cols = (alias: string | null, names: readonly string[]) =>
	sql.join(
		names.map((n) => (alias ? sql`${sql.raw(alias)}.${ident(n)}` : ident(n))),
		sql`, `
	);

/**
 * One page of ranked matches (ids and the total among at most cap + 1 candidates), in one query.
 *
 * Candidates: up to cap + 1 matches, found in two steps whose cost never rests on the planner guessing
 * how common the words are among the filtered rows (words and filters are often related: «грант» among
 * loans is rare although both are common; a plan that reads rows until enough match would then read
 * the whole table). First the words are tried on the first headRows rows that pass the filters (cheap:
 * the vector is kept in the row); if enough of those match, they are the candidates. Otherwise the
 * matches are rare (fewer than one in headRows / cap), and the GIN index finds them all, at a cost that
 * grows only with their number (the query sits in a materialized CTE, so the planner always takes the
 * index). Only the candidates are ranked, by the title vector.
 */
export async function rankedMatches(
	ctx: ServiceContext,
	searched: SearchedTable,
	q: RankedMatchesQuery
): Promise<{ id: string; total: number }[]> {
	return rowsOf(await ctx.db.execute(rankedMatchesSql(searched, q)));
}

/**
 * The statement of `rankedMatches`, for a caller that reads the page's rows in the same round trip
 * (`select … from (<this>) r join … order by r.n`): columns `id`, `total` and `n`, the row's place
 * in the page (1, 2…).
 */
export function rankedMatchesSql(searched: SearchedTable, q: RankedMatchesQuery): SQL {
	const cap = q.cap ?? CANDIDATE_CAP;
	const headRows = q.headRows ?? HEAD_ROWS;
	const vector = ident(searched.vector);
	const title = ident(searched.titleVector);
	const carried = [...q.carry, searched.titleVector];
	const pCols = cols('p', carried);
	const idCol = ident(q.carry[0]);
	return sql`
			with m as materialized (select ${q.tsquery} as q),
			head as (
				select p.* from (
					select ${pCols}, p.${vector} from ${ident(getTableName(searched.table))} p
					where ${q.filters} offset 0 limit ${headRows}
				) p, m
				where p.${vector} @@ m.q
				limit ${cap + 1}
			),
			found as (
				select ${cols(null, carried)} from head
				where (select count(*) from head) > ${cap}
				union all
				(select ${pCols} from ${ident(getTableName(searched.table))} p, m
				where (select count(*) from head) <= ${cap} and ${q.filters} and p.${vector} @@ m.q
				limit ${cap + 1})
			),
			c as (
				select ${cols('p', q.carry)},
					(p.${title} @@ m.q) as title_hit,
					ts_rank(p.${title}, m.q) as rank
				from found p, m
			)
			select c.${idCol} as id, count(*) over ()::int as total, row_number() over (order by ${q.order}) as n
			from c
			order by ${q.order}
			limit ${q.limit} offset ${q.offset}`;
}

/** How many rows pass the filters and match (at most cap + 1 are counted). */
export async function countMatches(
	ctx: ServiceContext,
	searched: SearchedTable,
	q: { tsquery: SQL; filters: SQL; cap?: number }
): Promise<number> {
	const cap = q.cap ?? CANDIDATE_CAP;
	const [c] = rowsOf<{ n: number }>(
		await ctx.db.execute(
			sql`with m as materialized (select ${q.tsquery} as q) select count(*)::int as n from (select 1 from ${ident(getTableName(searched.table))} p, m where ${q.filters} and p.${ident(searched.vector)} @@ m.q limit ${cap + 1}) x`
		)
	);
	return Number(c?.n ?? 0);
}
