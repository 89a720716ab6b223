/**
 * Text normalisation for search (programs, and any module that searches its own table), applied the same way to the stored search text and to the
 * query: lower case; Kyrgyz, Kazakh and Tajik letters folded to the letters people type when their
 * keyboard lacks them (ө→о, ү→у, ң→н, қ→к, ғ→г, ұ→у, ә→а, і→и, һ→х, ҷ→ч, ӣ→и, ӯ→у, ҳ→х, and ё→е,
 * Uzbek ў→у); Uzbek oʻ/gʻ in any of their spellings (U+02BB, U+2018, U+2019, U+02BC, `, ') folded
 * to o/g. Queries are also transliterated into the other script (Uzbek Cyrillic ↔ Latin), and words
 * get a phonetic Latin "skeleton" so that Russian-style spellings of Uzbek names meet the Uzbek ones
 * (Ташкент ~ Toshkent, Самарканд ~ Samarqand) through trigram similarity.
 */

const FOLD: Record<string, string> = {
	ө: 'о',
	ү: 'у',
	ң: 'н',
	қ: 'к',
	ғ: 'г',
	ұ: 'у',
	ә: 'а',
	і: 'и',
	һ: 'х',
	ҷ: 'ч',
	ӣ: 'и',
	ӯ: 'у',
	ҳ: 'х',
	ё: 'е',
	ў: 'у',
	ҝ: 'к',
	ӊ: 'н'
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/** Lower-cases and folds marked letters and Uzbek apostrophes. */
export function foldText(value: string, options: { keepYo?: boolean } = {}): string {
	const folded = value
		.normalize('NFC')
		.toLowerCase()
		.replace(/([og])['`\u2018\u2019\u02BB\u02BC]/g, '$1')
		.replace(/['`\u2018\u2019\u02BB\u02BC]/g, '')
		.replace(FOLD_RE, (c) => (options.keepYo && c === 'ё' ? c : FOLD[c]));
	return folded;
}

/** Words (letters and digits) of an already folded text. */
export function words(folded: string): string[] {
	return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Uzbek Cyrillic (also Russian) → Uzbek Latin, on folded text (apostrophes already gone). */
const CYR_TO_LAT: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	д: 'd',
	е: 'e',
	ж: 'j',
	з: 'z',
	и: 'i',
	й: 'y',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ф: 'f',
	х: 'x',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'sh',
	ъ: '',
	ы: 'i',
	ь: '',
	э: 'e',
	ю: 'yu',
	я: 'ya',
	ё: 'yo'
};

export function cyrillicToLatin(folded: string): string {
	return folded.replace(/[а-яё]/g, (c, offset: number, whole: string) => {
		// Word-initial е is "ye" in Uzbek Latin (Ереван → Yerevan).
		if (c === 'е' && (offset === 0 || !/\p{L}/u.test(whole[offset - 1]))) return 'ye';
		return CYR_TO_LAT[c] ?? c;
	});
}

const LAT_DIGRAPHS: [RegExp, string][] = [
	[/sh/g, 'ш'],
	[/ch/g, 'ч'],
	[/yo/g, 'ё'],
	[/yu/g, 'ю'],
	[/ya/g, 'я'],
	[/ye/g, 'е'],
	[/ts/g, 'ц']
];
const LAT_TO_CYR: Record<string, string> = {
	a: 'а',
	b: 'б',
	c: 'к',
	d: 'д',
	e: 'е',
	f: 'ф',
	g: 'г',
	h: 'х',
	i: 'и',
	j: 'ж',
	k: 'к',
	l: 'л',
	m: 'м',
	n: 'н',
	o: 'о',
	p: 'п',
	q: 'к',
	r: 'р',
	s: 'с',
	t: 'т',
	u: 'у',
	v: 'в',
	w: 'в',
	x: 'х',
	y: 'й',
	z: 'з'
};

/** Uzbek Latin → Cyrillic, on folded text; the result is folded too (қ→к, ғ→г, ҳ→х, ў→у). */
export function latinToCyrillic(folded: string): string {
	let out = folded;
	for (const [re, to] of LAT_DIGRAPHS) out = out.replace(re, to);
	out = out.replace(/[a-z]/g, (c) => LAT_TO_CYR[c] ?? c);
	return foldText(out);
}

const hasCyrillic = (s: string) => /[\u0400-\u04FF]/.test(s);
const hasLatin = (s: string) => /[a-z]/.test(s);

/**
 * A phonetic Latin key for a folded word: one script, Russian and Uzbek spellings of the same name
 * brought together (o/a: Toshkent/Ташкент; q/k: Samarqand/Самарканд; x/kh/h; dzh/zh/j; double
 * letters). Used only for trigram similarity on the table of distinct words.
 */
export function skeleton(foldedWord: string): string {
	let s = hasCyrillic(foldedWord) ? cyrillicToLatin(foldedWord) : foldedWord;
	s = s
		.replace(/dzh|dj|zh/g, 'j')
		.replace(/kh/g, 'h')
		.replace(/x/g, 'h')
		.replace(/q/g, 'k')
		.replace(/o/g, 'a')
		.replace(/w/g, 'v')
		.replace(/ye/g, 'e')
		.replace(/(.)\1+/g, '$1');
	return s;
}

/**
 * The forms of one query word to look for: itself and its spelling in the other script. Pass the
 * word folded with `keepYo` (Uzbek ё is "yo" in Latin); the word itself is matched with ё→е.
 */
export function variants(word: string): string[] {
	const foldedWord = word.replace(/ё/g, 'е');
	const out = new Set([foldedWord]);
	if (hasCyrillic(word)) out.add(cyrillicToLatin(word));
	if (hasLatin(word)) out.add(latinToCyrillic(word));
	return [...out].filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
}

export interface ParsedQuery {
	/** Folded words of the query (at most 8). */
	tokens: string[];
	/** Per token, its forms in both scripts. */
	forms: string[][];
	/** Per token, its skeleton (for the word table). */
	skeletons: string[];
}

export function parseQuery(q: string): ParsedQuery {
	const raw = [...new Set(words(foldText(q, { keepYo: true })))].slice(0, 8);
	const tokens = raw.map((w) => w.replace(/ё/g, 'е'));
	return {
		tokens,
		forms: raw.map(variants),
		skeletons: tokens.map(skeleton)
	};
}

/**
 * The forms a query word is searched as: distinct, letters and digits only (anything else could break
 * the text-search query). They are searched as exact lexemes, not prefixes: the known longer words a
 * form begins are looked up in the word table instead (see textMatch).
 */
export function exactForms(forms: string[]): string[] {
	return [...new Set(forms.filter((w) => /^[\p{L}\p{N}]+$/u.test(w)))];
}
