import exceptions from './uz-cyrl-exceptions.json';

/**
 * Uzbek Latin (the 1995 alphabet, Birge's `uz`) → Uzbek Cyrillic, for the derived `uz-Cyrl` reading locale.
 * Deterministic and pure; one pass over the text (a tokenising regex, then a left-to-right scan of each
 * word with one Map lookup and one anchored regex for the exceptions), so it can run over every UI string
 * and content field at render time.
 *
 * The rules, in the order they are tried at each position of a word:
 * - oʻ → ў, gʻ → ғ. The modifier may be typed as ʻ (U+02BB), ‘ (U+2018), ' (ASCII), ’ (U+2019), ʼ (U+02BC)
 *   or `: after o and g an apostrophe is always the modifier, because in the 1995 orthography the tutuq
 *   belgisi never follows o or g (Arabic ʻayn after o became oʻ: moʻjiza; the few words whose Cyrillic
 *   has ўъ are exceptions). One guard: ' ’ ʼ ` after o at the very end of a word are a closing quote.
 * - sh → ш, ch → ч; sʼh (s, apostrophe, h) is s + h, the apostrophe only separates them: Isʼhoq → Исҳоқ.
 * - ts → ц at the start of a word (tsement, tsentr: no native word starts with ts), before e (protsent
 *   style loans: no native Uzbek form has ts + e, the conditional is -sa) and before i + vowel or y
 *   (-tsiya, -tsion, ofitsiant: native -tsin has a consonant after i); otherwise t + s, as in the native
 *   ketsa → кетса, aytsin → айтсин.
 * - yo → ё, yu → ю, ya → я, ye → е (yer → ер, reyestr → реестр); y before oʻ is й (yoʻl → йўл).
 * - e → э at the start of a word (also of each part of a hyphenated compound) and after a vowel (poema →
 *   поэма, aeroport → аэропорт), the two places where Uzbek Cyrillic writes э; е everywhere else.
 * - any other apostrophe between letters is the tutuq belgisi → ъ (maʼno → маъно, sanʼat → санъат).
 * - ng stays н + г; kh → х and gh → ғ (English-style romanisations of Central Asian names: Eskhata, Ghamkhori;
 *   the two pairs do not occur in Uzbek words); the rest one letter to one letter.
 * - A word with a letter Uzbek does not have (c outside ch, w) is foreign (Women's, Council, E-commerce)
 *   and stays as it is (in a compound, that part: call-markazi → call-марказ); so do codes (V2300033681).
 *   Foreign words without such letters (Business, National) cannot be told from Uzbek and are transliterated.
 * - Case follows the source letter (a digraph takes the case of its first letter: Sh, SH → Ш), and a
 *   word written in capitals stays in capitals (TOSHKENT → ТОШКЕНТ, OʻZBEKISTON → ЎЗБЕКИСТОН).
 *
 * Exceptions (uz-cyrl-exceptions.json) cover what the letters cannot tell: Russian loans with ц, ь or ъ
 * (sirk → цирк, kompyuter → компьютер, obyekt → объект) and words where the rules above misread (poezd).
 * A stem matches the start of a word, the rest is transliterated by the rules, and a stem's final ь is
 * dropped before a suffix (rubl → рубль, rubldan → рублдан), as Uzbek Cyrillic writes it. Month names
 * keep the ь of the Russian loanword, as issue 18 asks (sentyabr → сентябрь, sentyabrda → сентябрда).
 * CLDR's uz-Cyrl writes them without it (Intl: сентябр): a uz-Cyrl page should format dates in Uzbek
 * Latin and transliterate them, so that the page has one spelling.
 *
 * Left unchanged: {placeholders} (anything in braces, so ICU-like or JSON examples too), HTML tags and
 * entities, URLs, e-mail addresses, digits and punctuation, Roman numerals (XX asr), and the keep-list:
 * foreign brands and organisations (Wildberries, Telegram, UNDP…), ISO codes and file formats (UZS, PDF,
 * CSV…), technical terms written in Latin in Uzbek Cyrillic too (e-mail, cookie, slug, Shift), Birge itself
 * (its name is Latin in every locale), and literal Latin examples in Birge's messages (issyk-kul-artisans).
 * A keep-listed name followed by an Uzbek suffix keeps the name and transliterates the suffix
 * (Birgeda → Birgeда, as the Kyrgyz messages already write Birgeде). Uzbek names are transliterated:
 * Hamroh → Ҳамроҳ, Toshkent → Тошкент.
 */

const APOSTROPHES = "ʻ‘'’ʼ`";
const IS_APOSTROPHE = new Set(APOSTROPHES);
/** Apostrophes that are always the oʻ/gʻ modifier after o, even at the end of a word. */
const TURNED = new Set('ʻ‘');
const VOWELS_CYR = new Set('аеиоуўэюяё');

const LETTERS: Record<string, string> = {
	a: 'а',
	b: 'б',
	d: 'д',
	e: 'е',
	f: 'ф',
	g: 'г',
	h: 'ҳ',
	i: 'и',
	j: 'ж',
	k: 'к',
	l: 'л',
	m: 'м',
	n: 'н',
	o: 'о',
	p: 'п',
	q: 'қ',
	r: 'р',
	s: 'с',
	t: 'т',
	u: 'у',
	v: 'в',
	x: 'х',
	y: 'й',
	z: 'з'
};

const isLatinLetter = (ch: string | undefined): boolean =>
	ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
const isLatinVowel = (ch: string | undefined): boolean => ch !== undefined && 'aeiou'.includes(ch);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Canonical spelling of a word for exception lookups: lower case, ʻ after o/g, ʼ elsewhere. */
function canonical(word: string): string {
	let out = '';
	for (let i = 0; i < word.length; i++) {
		const ch = word[i];
		if (IS_APOSTROPHE.has(ch)) {
			const prev = out[out.length - 1];
			out += prev === 'o' || prev === 'g' ? 'ʻ' : 'ʼ';
		} else out += ch.toLowerCase();
	}
	return out;
}

const EXCEPTION_WORDS = new Map<string, string>(
	Object.entries(exceptions.words).map(([latin, cyrillic]) => [canonical(latin), cyrillic])
);
const STEMS = new Map<string, string>(
	Object.entries(exceptions.stems).map(([latin, cyrillic]) => [canonical(latin), cyrillic])
);
/** One anchored alternation, longest stem first, so the longest listed stem wins. */
const STEM_RE = new RegExp(
	'^(?:' +
		[...STEMS.keys()]
			.sort((a, b) => b.length - a.length)
			.map(escapeRegExp)
			.join('|') +
		')'
);
const KEEP = new Set<string>(exceptions.keep);
/** Keep-listed names followed by an Uzbek suffix, straight on (Birgeda) or after an apostrophe (Chrome’da). */
const KEEP_RE = new RegExp(
	'^(' +
		exceptions.keep
			.filter((w) => !w.includes('-'))
			.sort((a, b) => b.length - a.length)
			.map(escapeRegExp)
			.join('|') +
		`)(?=[a-z]|[${APOSTROPHES}][a-z])`
);
/** Letters the Uzbek alphabet does not have (c outside ch, w): a foreign word, such as an English name. */
const FOREIGN_RE = /c(?!h)|w/i;
const ROMAN_RE = /^(?=[IVXLCDM]*[IVX])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** The case of a whole word: all capitals (two letters or more), a capital first letter, or lower. */
function applyCase(source: string, cyrillic: string): string {
	const letters = source.replace(/[^A-Za-z]/g, '');
	if (letters.length > 1 && letters === letters.toUpperCase()) return cyrillic.toUpperCase();
	if (letters[0] !== undefined && letters[0] === letters[0].toUpperCase())
		return cyrillic.charAt(0).toUpperCase() + cyrillic.slice(1);
	return cyrillic;
}

/** Whether the o or g at `i` is oʻ/gʻ: an apostrophe follows (see the rules above for o at a word's end). */
function modifies(lower: string, i: number): boolean {
	const next = lower[i + 1];
	if (next === undefined || !IS_APOSTROPHE.has(next)) return false;
	return lower[i] === 'g' || TURNED.has(next) || isLatinLetter(lower[i + 2]);
}

/**
 * Letter rules over one word without hyphens. `start`: the word's first letter begins a word (for э);
 * `after`: the Cyrillic written just before (a stem or keep-listed name), for э after a vowel.
 */
function rules(word: string, start: boolean, after = ''): string {
	const allCaps = word.length > 1 && /[A-Z]/.test(word) && !/[a-z]/.test(word);
	const lower = word.toLowerCase();
	let out = '';
	let prev = after.slice(-1).toLowerCase();
	const emit = (cyr: string, sourceIndex: number) => {
		const src = word[sourceIndex];
		const upper = allCaps || (src >= 'A' && src <= 'Z');
		const text = upper ? cyr.toUpperCase() : cyr;
		out += text;
		prev = cyr[cyr.length - 1];
	};
	for (let i = 0; i < lower.length; i++) {
		const ch = lower[i];
		const next = lower[i + 1];
		if ((ch === 'k' || ch === 'g') && next === 'h') {
			// English-style romanisations in names (Eskhata, Ghamkhori): k + h and g + h never meet in Uzbek.
			emit(ch === 'k' ? 'х' : 'ғ', i);
			i++;
			continue;
		}
		if (ch === 'o' || ch === 'g') {
			if (modifies(lower, i)) {
				emit(ch === 'o' ? 'ў' : 'ғ', i);
				i++;
				continue;
			}
			emit(LETTERS[ch], i);
			continue;
		}
		if (ch === 's') {
			if (next === 'h') {
				emit('ш', i);
				i++;
				continue;
			}
			if (next !== undefined && IS_APOSTROPHE.has(next) && lower[i + 2] === 'h') {
				emit('с', i);
				i++; // the apostrophe only separates s from h
				continue;
			}
			emit('с', i);
			continue;
		}
		if (ch === 'c' && next === 'h') {
			emit('ч', i);
			i++;
			continue;
		}
		if (ch === 't' && next === 's') {
			const third = lower[i + 2];
			const tse =
				(start && i === 0) ||
				third === 'e' ||
				(third === 'i' && (isLatinVowel(lower[i + 3]) || lower[i + 3] === 'y'));
			if (tse) {
				emit('ц', i);
				i++;
				continue;
			}
			emit('т', i);
			continue;
		}
		if (ch === 'y') {
			if (next === 'o' && !modifies(lower, i + 1)) {
				emit('ё', i);
				i++;
				continue;
			}
			if (next === 'u' || next === 'a' || next === 'e') {
				emit(next === 'u' ? 'ю' : next === 'a' ? 'я' : 'е', i);
				i++;
				continue;
			}
			emit('й', i);
			continue;
		}
		if (ch === 'e') {
			const initial = start && i === 0 && after === '';
			emit(initial || VOWELS_CYR.has(prev) ? 'э' : 'е', i);
			continue;
		}
		if (IS_APOSTROPHE.has(ch)) {
			// Between letters: the tutuq belgisi. At a word's edge (a quote mark): left as it is.
			if (i > 0 && isLatinLetter(lower[i + 1])) {
				out += allCaps ? 'Ъ' : 'ъ';
				prev = 'ъ';
			} else {
				out += word[i];
				prev = '';
			}
			continue;
		}
		const cyr = LETTERS[ch];
		if (cyr === undefined) {
			out += word[i];
			prev = '';
		} else emit(cyr, i);
	}
	return out;
}

/** One part of a word (no hyphens): keep-list, Roman numeral, exception word or stem, or the rules. */
function part(word: string, start: boolean): string {
	if (KEEP.has(word) || ROMAN_RE.test(word)) return word;
	const kept = KEEP_RE.exec(word);
	if (kept) return kept[1] + rules(word.slice(kept[1].length), false, 'x');
	const key = canonical(word);
	const whole = EXCEPTION_WORDS.get(key);
	if (whole !== undefined) return applyCase(word, whole);
	const stem = STEM_RE.exec(key);
	if (stem) {
		const rest = word.slice(stem[0].length);
		let cyrillic = STEMS.get(stem[0]) as string;
		if (rest !== '' && cyrillic.endsWith('ь')) cyrillic = cyrillic.slice(0, -1);
		const head = applyCase(word.slice(0, stem[0].length), cyrillic);
		if (rest === '') return head;
		const tail = rules(rest, false, head);
		const allCaps = /[A-Z]/.test(word) && !/[a-z]/.test(word);
		return head + (allCaps ? tail.toUpperCase() : tail);
	}
	return rules(word, start);
}

/**
 * A word token, possibly hyphenated: the keep-list and the exception words on the whole token first, then
 * the foreign-letter test, then each part on its own.
 */
function word(token: string): string {
	let cyrillic = WORD_CACHE.get(token);
	if (cyrillic === undefined) {
		if (WORD_CACHE.size >= WORD_CACHE_SIZE) WORD_CACHE.clear();
		cyrillic = uncachedWord(token);
		WORD_CACHE.set(token, cyrillic);
	}
	return cyrillic;
}

/**
 * Words repeat (a catalogue has about 1,500 distinct ones), so each word's result is remembered; the
 * result depends only on the word, so the cache changes no output. Bounded: cleared when full.
 */
const WORD_CACHE = new Map<string, string>();
const WORD_CACHE_SIZE = 50_000;

function uncachedWord(token: string): string {
	if (KEEP.has(token)) return token;
	const whole = EXCEPTION_WORDS.get(canonical(token));
	if (whole !== undefined) {
		const sources = token.split('-');
		return whole
			.split('-')
			.map((p, i) => applyCase(sources[i] ?? '', p))
			.join('-');
	}
	if (!token.includes('-')) return FOREIGN_RE.test(token) ? token : part(token, true);
	// Foreign parts stay (call-markazi → call-марказ), with a one-letter part beside them (E-commerce).
	const parts = token.split('-');
	const foreign = parts.map((p) => FOREIGN_RE.test(p));
	return parts
		.map((p, i) => (foreign[i] || (p.length === 1 && (foreign[i - 1] || foreign[i + 1])) ? p : part(p, true)))
		.join('-');
}

/**
 * Tokens: {placeholder} · <tag> · &entity; · URL · e-mail · bare domain · code (letters then a digit or an
 * underscore: V2300033681, B2B, currency_unverified) ·
 * word (Latin letters, with apostrophes inside or
 * after o/g, and hyphens between letters). Everything between tokens (digits, spaces, punctuation, text
 * already in Cyrillic) is copied as it is.
 */
const TOKEN_RE = new RegExp(
	[
		String.raw`(\{[^{}]*\})`,
		String.raw`(<[^>]*>)`,
		String.raw`(&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);)`,
		String.raw`((?:https?|ftp):\/\/[^\s<>"«»]*|www\.[^\s<>"«»]+)`,
		// The look-behind starts an address only at the start of its run, so that no run is rescanned.
		String.raw`((?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)`,
		// A bare domain with a common top-level domain, and its path: lex.uz, uz24.uz/news.
		String.raw`((?<![\w@.-])(?:[A-Za-z\d-]+\.)+(?:uz|kz|kg|tj|ru|com|org|net|info|int|edu|gov)(?![\w-])(?:\/[^\s<>"«»]*)?)`,
		String.raw`([A-Za-z]+[\d_]\w*)`,
		`([A-Za-z](?:[A-Za-z]|[${APOSTROPHES}](?=[A-Za-z])|(?<=[oOgG])[${APOSTROPHES}]|-(?=[A-Za-z]))*)`
	].join('|'),
	'g'
);
const LATIN_GROUP = 7;

/** Transliterates Uzbek Latin text to Uzbek Cyrillic (see the rules above). */
export function toUzCyrl(text: string): string {
	return text.replace(TOKEN_RE, (match: string, ...groups: (string | undefined)[]) => {
		const latin = groups[LATIN_GROUP];
		return latin === undefined ? match : word(latin);
	});
}

/**
 * A messages catalogue (one `messages/uz/<module>.json`) in Cyrillic: every string value, and every
 * string of a plural object, transliterated; keys, placeholders and `$`-metadata kept.
 */
export function transliterateCatalog(catalog: Record<string, unknown>): Record<string, unknown> {
	const map = (value: unknown): unknown => {
		if (typeof value === 'string') return toUzCyrl(value);
		if (Array.isArray(value)) return value.map(map);
		if (value !== null && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)]));
		return value;
	};
	return Object.fromEntries(
		Object.entries(catalog).map(([key, value]) => [key, key.startsWith('$') ? value : map(value)])
	);
}
