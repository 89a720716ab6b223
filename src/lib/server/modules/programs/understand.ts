import { search } from '../../core';
import type { ProgramKind } from './schema';
import synonyms from '../../../../../seed/programs/synonyms.json';
import places from '../../../../../seed/programs/place-names.json';

/**
 * Reading a search query as a woman means it (issue 19): a country or region named in any language or
 * script becomes that filter, a kind of support or one of its synonyms (насыя, несие, қарз, обучение,
 * окуу…) becomes the kind filter, and what is left is searched as text. The words come from data
 * (seed/programs/synonyms.json, seed/programs/place-names.json), reviewable per language.
 */

/** A name as it is compared: folded, letters and digits only, no spaces or hyphens. */
const key = (s: string) => search.words(search.foldText(s)).join('');

interface Entry {
	/** Folded words of the name. */
	size: number;
	key: string;
	value: string;
}

function entries(map: Record<string, string[]>): Entry[] {
	const out: Entry[] = [];
	for (const [value, names] of Object.entries(map))
		for (const name of names) {
			const size = search.words(search.foldText(name)).length;
			if (size) out.push({ size, key: key(name), value });
		}
	// Longer names first (Алматы облысы before Алматы; кредитная линия before кредит).
	return out.sort((a, b) => b.size - a.size || b.key.length - a.key.length);
}

const KIND_ENTRIES = entries(
	Object.fromEntries(
		Object.entries(synonyms.kinds).map(([kind, byLocale]) => [kind, Object.values(byLocale).flat()])
	)
);
const TOPICS = synonyms.topics as Record<string, { search: string; words: Record<string, string[]> }>;
const TOPIC_ENTRIES = entries(
	Object.fromEntries(Object.entries(TOPICS).map(([topic, t]) => [topic, Object.values(t.words).flat()]))
);
const REGION_ENTRIES = entries(places.regions);
const COUNTRY_ENTRIES = entries(places.countries);

/** Damerau–Levenshtein distance (optimal string alignment), small words only. */
export function editDistance(a: string, b: string): number {
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
	for (let j = 1; j <= b.length; j++) d[0][j] = j;
	for (let i = 1; i <= a.length; i++)
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
		}
	return d[a.length][b.length];
}

/** Letters a word may carry after a name or a kind (cases, plurals: гранты, кредитная, Бишкекте). */
const MAX_ENDING = 5;

/**
 * Whether typed words (joined) name an entry: the same letters; or the entry with an ending (entries of
 * four letters or more); or, for kinds and words of five letters or more, one slip of a key (гарнт).
 */
function names(typed: string, entry: Entry, typos: boolean): boolean {
	if (typed === entry.key) return true;
	if (entry.key.length >= 4 && typed.startsWith(entry.key) && typed.length - entry.key.length <= MAX_ENDING)
		return true;
	return typos && entry.key.length >= 5 && typed.length >= 5 && editDistance(typed, entry.key) <= 1;
}

export interface Understood {
	/** The region the query names (an ISO 3166-2 code), applied as a filter. */
	region: string | null;
	/** The country the query names, applied as a filter. */
	country: string | null;
	/** The kind of support the query names, applied as a filter. */
	kind: ProgramKind | null;
	/** The words left to search as text. */
	rest: string;
	/** The query without the place's words (what removing the region chip searches). */
	withoutPlace: string;
	/** The query without the kind's words (what removing the kind chip searches). */
	withoutKind: string;
}

interface Span {
	from: number;
	to: number;
	value: string;
}

function find(tokens: string[], list: Entry[], taken: boolean[], typos: boolean): Span | null {
	for (const entry of list) {
		for (let from = 0; from < tokens.length; from++) {
			// A name of several words may be typed as its words (Ысык Көл, Ысык-Көл) or as one (Ысыккөл).
			for (const to of new Set([from + entry.size, from + 1])) {
				if (to > tokens.length || taken.slice(from, to).some(Boolean)) continue;
				if (names(tokens.slice(from, to).join(''), entry, typos)) return { from, to, value: entry.value };
			}
		}
	}
	return null;
}

/**
 * Reads a query: which country, region and kind it names (when the filters already chosen do not say
 * otherwise), and the words left.
 */
export function understandQuery(
	q: string | undefined,
	chosen: { country?: string; region?: string; kind?: string } = {}
): Understood | null {
	const tokens = search.words(search.foldText(q ?? ''));
	if (!tokens.length) return null;
	const taken = tokens.map(() => false);
	const take = (s: Span | null) => {
		if (s) for (let i = s.from; i < s.to; i++) taken[i] = true;
		return s;
	};
	const fits = (code: string) => {
		const country = chosen.country ?? chosen.region?.slice(0, 2);
		return !country || country === 'REGIONAL' || code.startsWith(country);
	};
	let region: Span | null = null;
	let country: Span | null = null;
	if (!chosen.region) {
		region = find(tokens, REGION_ENTRIES, taken, false);
		if (region && fits(region.value)) take(region);
		else region = null;
		if (!region && !chosen.country) take((country = find(tokens, COUNTRY_ENTRIES, taken, false)));
	}
	const placeTaken = [...taken];
	let kind: Span | null = null;
	if (!chosen.kind) take((kind = find(tokens, KIND_ENTRIES, taken, true)));
	// Subjects named differently across languages: searched as the words the programs' texts use.
	const words = [...tokens];
	const busy = [...taken];
	let topics = 0;
	for (let t = find(tokens, TOPIC_ENTRIES, busy, false); t; t = find(tokens, TOPIC_ENTRIES, busy, false)) {
		topics++;
		for (let i = t.from; i < t.to; i++) {
			busy[i] = true;
			words[i] = i === t.from ? TOPICS[t.value].search : '';
		}
	}
	if (!region && !country && !kind && !topics) return null;
	const keep = (drop: (i: number) => boolean) => words.filter((w, i) => w && !drop(i)).join(' ');
	const inKind = (i: number) => !!kind && i >= kind.from && i < kind.to;
	return {
		region: region?.value ?? null,
		country: country?.value ?? null,
		kind: (kind?.value as ProgramKind | undefined) ?? null,
		rest: keep((i) => taken[i]),
		withoutPlace: keep((i) => placeTaken[i]),
		withoutKind: keep(inKind)
	};
}
