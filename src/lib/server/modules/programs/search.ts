import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core';
import { rowsOf } from '../../db';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import type { I18nText } from '../../core/text';
import { exactForms, foldText, parseQuery, skeleton, words } from './search-text';
import { searchWord } from './schema';

/** How many longer known words a query word stands for (its completions, shortest first). */
const PREFIX_EXPANSIONS = 12;

/** At most this many matching programs are ranked; the count says "more than" beyond it. */
export const CANDIDATE_CAP = 200;

/** Folded search text for a program, maintained by the service on every write. */
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
	const f = (s: string) => foldText(s);
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

/** Distinct words (3+ letters) of the search text, for the word table. */
export function distinctWords(cols: ReturnType<typeof searchColumns>): string[] {
	const all = new Set<string>();
	for (const text of Object.values(cols))
		for (const w of words(text)) if (w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w)) all.add(w);
	return [...all];
}

/**
 * Adds words to the word table: the surface words, plus the Russian stems of the Russian text (so a
 * typo in a short word still lands near its stem: «кридит» ~ «кредит»).
 */
export async function addWords(ctx: ServiceContext, list: string[], russianText = ''): Promise<void> {
	if (russianText) {
		const stems = rowsOf<{ w: string }>(
			await ctx.db.execute(
				sql`select unnest(tsvector_to_array(to_tsvector('russian', ${russianText.slice(0, 200000)}))) as w`
			)
		).map((r) => r.w);
		list = [
			...new Set([...list, ...stems.filter((w) => w.length >= 3 && w.length <= 40 && !/^\d+$/.test(w))])
		];
	}
	for (let i = 0; i < list.length; i += 500) {
		const chunk = list.slice(i, i + 500);
		if (!chunk.length) continue;
		await ctx.db
			.insert(searchWord)
			.values(chunk.map((word) => ({ word, skeleton: skeleton(word) })))
			.onConflictDoNothing();
	}
}

export interface TextMatch {
	/** The tsquery matching the query (a constant), or null when the query has no words. */
	tsquery: SQL | null;
	/** Nearest known words per query word (typo corrections, other spellings, other script). */
	nearest: string[];
}

/**
 * Turns a query into a tsquery: every word must match (AND); a word matches any of its forms
 * (itself, its other-script spelling, the nearest known words by trigram similarity of their
 * skeletons), as prefixes, through both the 'russian' (stemming) and 'simple' configurations.
 */
export async function textMatch(ctx: ServiceContext, q: string | undefined): Promise<TextMatch> {
	const parsed = parseQuery(q ?? '');
	if (!parsed.tokens.length) return { tsquery: null, nearest: [] };
	const near = new Map<number, string[]>();
	const fuzzyIdx = parsed.tokens.map((t, i) => (t.length >= 3 ? i : -1)).filter((i) => i >= 0);
	if (fuzzyIdx.length) {
		const skels = fuzzyIdx.map((i) => parsed.skeletons[i]);
		const rows = rowsOf<{ i: number; word: string }>(
			await ctx.db.execute(sql`
				select t.i::int as i, w.word
				from jsonb_array_elements_text(${JSON.stringify(skels)}::jsonb) with ordinality as t(s, i)
				cross join lateral (
					select word from programs_word
					where skeleton % t.s
					order by similarity(skeleton, t.s) desc, word
					limit 4
				) w`)
		);
		for (const r of rows) {
			const idx = fuzzyIdx[Number(r.i) - 1];
			near.set(idx, [...(near.get(idx) ?? []), r.word]);
		}
	}
	const formsOf = parsed.tokens.map((_, i) => [...new Set([...parsed.forms[i], ...(near.get(i) ?? [])])]);
	// A word also matches the known words it begins («кред» → «кредит», «кредиты»), looked up in the word
	// table and searched as exact lexemes (see exactForms: prefix terms defeat the planner's statistics).
	const flat = formsOf.flatMap((forms, i) => forms.map((form) => ({ i, form })));
	const longer = flat.length
		? rowsOf<{ i: number; word: string }>(
				await ctx.db.execute(sql`
					select f.i::int as i, w.word
					from jsonb_to_recordset(${JSON.stringify(flat)}::jsonb) as f(i int, form text)
					cross join lateral (
						select word from programs_word
						where word > f.form and word < f.form || chr(1114111)
						order by length(word), word
						limit ${PREFIX_EXPANSIONS}
					) w`)
			)
		: [];
	for (const r of longer) formsOf[Number(r.i)].push(r.word);
	// Every form, through both configurations ('russian' stems Russian words and drops its stop words),
	// gives the lexemes a query word matches; each once. The query is built here and handed to the
	// search as a constant: the planner reads its words against the column's statistics, and no row
	// parses it again.
	const groups = formsOf.map((forms, i) => ({ i, t: exactForms(forms).join(' ') })).filter((g) => g.t);
	const lexemes = groups.length
		? rowsOf<{ i: number; l: string[] }>(
				await ctx.db.execute(sql`
					select f.i::int as i,
						tsvector_to_array(to_tsvector('simple', f.t) || to_tsvector('russian', f.t)) as l
					from jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) as f(i int, t text)
					order by f.i`)
			)
		: [];
	const quote = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
	const text = lexemes
		.filter((r) => r.l.length)
		.map((r) => `( ${r.l.map(quote).join(' | ')} )`)
		.join(' & ');
	const nearest = [...new Set([...near.values()].flat())].filter((w) => !parsed.tokens.includes(w));
	return { tsquery: sql`${text}::tsquery`, nearest };
}

/** Suggestions for a query without results: the nearest known words, each replacing its query word. */
export async function suggest(ctx: ServiceContext, q: string, match: TextMatch): Promise<string[]> {
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

export type { Locale };
