import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { rowsOf } from '../../db';
import { exactForms, parseQuery, skeleton, words } from './text';
import type { SearchWordsTable } from './schema';
import { ident } from './candidates';

/** How many longer known words a query word stands for (its completions, shortest first). */
export const PREFIX_EXPANSIONS = 12;

const isWord = (w: string) => w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w);

/** Distinct words (3 to 40 letters, not a number) of already folded search texts, for the word table. */
export function distinctWords(texts: Iterable<string>): string[] {
	const all = new Set<string>();
	for (const text of texts) for (const w of words(text)) if (isWord(w)) all.add(w);
	return [...all];
}

/**
 * Adds words to a word table: the surface words, plus the Russian stems of the Russian text (so a
 * typo in a short word still lands near its stem: «кридит» ~ «кредит»).
 */
export async function addWords(
	ctx: ServiceContext,
	table: SearchWordsTable,
	list: string[],
	russianText = ''
): Promise<void> {
	if (russianText) {
		const stems = rowsOf<{ w: string }>(
			await ctx.db.execute(
				sql`select unnest(tsvector_to_array(to_tsvector('russian', ${russianText.slice(0, 200000)}))) as w`
			)
		).map((r) => r.w);
		list = [...new Set([...list, ...stems.filter(isWord)])];
	}
	for (let i = 0; i < list.length; i += 500) {
		const chunk = list.slice(i, i + 500);
		if (!chunk.length) continue;
		await ctx.db
			.insert(table)
			.values(chunk.map((word) => ({ word, skeleton: skeleton(word) })))
			.onConflictDoNothing();
	}
}

export interface TextMatch {
	/** The tsquery matching the query (a tsquery literal), or null when the query has no words. */
	tsquery: SQL | null;
	/** Nearest known words per query word (typo corrections, other spellings, other script). */
	nearest: string[];
	/**
	 * True when some query word cannot match anything: none of its lexemes is in the word table, which
	 * holds every word (3 to 40 letters, not a number) and Russian stem of everything published. The
	 * search then answers "nothing" without reading the catalogue.
	 */
	none: boolean;
}

/**
 * Turns a query into a tsquery, in one round trip: every word must match (AND); a word matches any of
 * its forms (itself, its other-script spellings, the nearest known words by trigram similarity of their
 * skeletons, and the known words each of these begins: «кред» → «кредит», «кредиты»), as exact lexemes
 * through both the 'simple' and the 'russian' (stemming) configurations, each lexeme once. Exact
 * lexemes, not prefix terms: a prefix term is a range scan of the index and slower to test on a row.
 */
export async function textMatch(
	ctx: ServiceContext,
	table: SearchWordsTable,
	q: string | undefined
): Promise<TextMatch> {
	const parsed = parseQuery(q ?? '');
	if (!parsed.tokens.length) return { tsquery: null, nearest: [], none: false };
	const tokens = parsed.tokens.map((token, i) => ({
		i,
		// Typos are looked for from three letters on.
		s: token.length >= 3 ? parsed.skeletons[i] : null,
		forms: exactForms(parsed.forms[i])
	}));
	const wordTable = ident(getTableName(table));
	const rows = rowsOf<{ i: number; l: string[]; known: boolean; near: string[] }>(
		await ctx.db.execute(sql`
			with t as (
				select * from jsonb_to_recordset(${JSON.stringify(tokens)}::jsonb) as t(i int, s text, forms jsonb)
			),
			near as (
				select t.i, w.word, w.sim from t
				cross join lateral (
					select word, similarity(skeleton, t.s) as sim from ${wordTable}
					where t.s is not null and skeleton % t.s
					order by sim desc, word
					limit 4
				) w
			),
			base as (
				select t.i, f.form from t cross join lateral jsonb_array_elements_text(t.forms) as f(form)
				union
				select i, word from near
			),
			longer as (
				select b.i, w.word from base b
				cross join lateral (
					select word from ${wordTable}
					where word > b.form and word < b.form || chr(1114111)
					order by length(word), word
					limit ${PREFIX_EXPANSIONS}
				) w
			),
			g as (
				select i, string_agg(form, ' ') as text
				from (select i, form from base union select i, word from longer) f
				group by i
			),
			x as (
				select i, tsvector_to_array(to_tsvector('simple', text) || to_tsvector('russian', text)) as l from g
			)
			select x.i::int as i, x.l,
				exists (select 1 from ${wordTable} w where w.word = any(x.l))
				or exists (select 1 from unnest(x.l) u where length(u) not between 3 and 40 or u ~ '^[0-9]+$')
				as known,
				coalesce((select array_agg(word order by sim desc, word) from near where near.i = x.i), '{}') as near
			from x
			order by x.i`)
	);
	const lexemes = rows.filter((r) => r.l.length);
	const quote = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
	const text = lexemes.map((r) => `( ${r.l.map(quote).join(' | ')} )`).join(' & ');
	const nearest = [...new Set(rows.flatMap((r) => r.near))].filter((w) => !parsed.tokens.includes(w));
	// A word none of whose lexemes the catalogue contains: the word table holds every word (3 to 40
	// letters, not a number) and Russian stem of everything published.
	const none = lexemes.some((r) => !r.known);
	return { tsquery: sql`${text}::tsquery`, nearest, none };
}

/** Suggestions for a query without results: the nearest known words, each replacing its query word. */
export function suggest(q: string, match: TextMatch): string[] {
	const parsed = parseQuery(q);
	if (!parsed.tokens.length) return [];
	const out: string[] = [];
	for (const w of match.nearest.slice(0, 5)) {
		const sk = skeleton(w);
		// Replace the query word closest to this suggestion.
		let best = 0;
		let bestScore = -1;
		parsed.skeletons.forEach((s, i) => {
			const score = commonTrigrams(s, sk);
			if (score > bestScore) {
				best = i;
				bestScore = score;
			}
		});
		const tokens = [...parsed.tokens];
		tokens[best] = w;
		out.push(tokens.join(' '));
	}
	return [...new Set(out)].slice(0, 3);
}

function commonTrigrams(a: string, b: string): number {
	const grams = (s: string) => {
		const p = `  ${s} `;
		const set = new Set<string>();
		for (let i = 0; i < p.length - 2; i++) set.add(p.slice(i, i + 3));
		return set;
	};
	const ga = grams(a);
	let n = 0;
	for (const g of grams(b)) if (ga.has(g)) n++;
	return n;
}
