/**
 * Pure helpers for the six-language drafts of seeded content (seed/translations/): which fields of a
 * source file are free text, and the numbers a text contains in one normalised form, so that a test
 * can prove that no translation changed, dropped or added an amount, a phone digit, a date or a
 * percentage.
 */

export const CONTENT_LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/**
 * - source: the text as the source file (or the seed code) publishes it in that language;
 * - source-normalised: the source's own text with Uzbek oʻ/gʻ apostrophes normalised to U+02BB
 *   (nothing else changed);
 * - machine-draft: written for Birge, to be reviewed by a native speaker;
 * - reviewed: a native speaker has reviewed the draft.
 */
export const CONTENT_STATUSES = ['source', 'source-normalised', 'machine-draft', 'reviewed'] as const;

/** Which source file a translations file covers. */
export type ContentKind = 'programs' | 'care-services' | 'coalitions' | 'coalitions-demo';

/** A free-text field: plain string, or an object of texts per language (`{ en, ru, ky }`). */
export interface FreeTextField {
	id: string;
	path: string;
	value: string | Record<string, string>;
}

type Json = unknown;

/** The value at a dotted path (`eligibility.3.note`); undefined when absent. */
export function getPath(root: Json, path: string): Json {
	let node: Json = root;
	for (const part of path.split('.')) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, Json>)[part];
	}
	return node;
}

function isTexts(value: Json): value is Record<string, string> {
	return (
		!!value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		Object.values(value).every((v) => typeof v === 'string')
	);
}

/** Collects `path` under an object when it holds a non-empty string or a texts object. */
function collect(out: FreeTextField[], id: string, base: Json, path: string) {
	const value = getPath(base, path);
	if (typeof value === 'string' ? value.trim() !== '' : isTexts(value))
		out.push({ id, path, value: value as FreeTextField['value'] });
}

function list(value: Json): Json[] {
	return Array.isArray(value) ? value : [];
}

/**
 * Every free-text field of a source file, keyed by a stable id (program slug, care service id,
 * coalition slug, `initiative`, `sources.<key>`, `demo`) and a dotted path inside that object.
 * Identifiers, codes, urls, dates, phone numbers, enumerations (status, kind, op) and numbers are
 * not free text.
 */
export function freeTextFields(kind: ContentKind, source: Json): FreeTextField[] {
	const out: FreeTextField[] = [];
	const root = source as Record<string, Json>;
	if (kind === 'programs') {
		for (const p of list(root.programs) as Record<string, Json>[]) {
			const id = String(p.slug);
			for (const path of ['title', 'summary', 'operator', 'eligibilityText', 'uptake', 'note'])
				collect(out, id, p, path);
			list(p.eligibility).forEach((_, i) => collect(out, id, p, `eligibility.${i}.note`));
			list(p.sources).forEach((_, i) => {
				collect(out, id, p, `sources.${i}.publisher`);
				collect(out, id, p, `sources.${i}.note`);
			});
		}
	} else if (kind === 'care-services') {
		for (const s of list(root.services) as Record<string, Json>[])
			for (const path of ['name', 'hours', 'cost', 'audience', 'services', 'operator', 'address', 'note'])
				collect(out, String(s.id), s, path);
	} else if (kind === 'coalitions') {
		for (const [key, s] of Object.entries((root.sources ?? {}) as Record<string, Json>))
			for (const path of ['title', 'publisher', 'note']) collect(out, `sources.${key}`, s, path);
		const ini = root.initiative as Record<string, Json>;
		collect(out, 'initiative', ini, 'name');
		collect(out, 'initiative', ini, 'womenRepresented.note');
		list(ini.partners).forEach((_, i) => collect(out, 'initiative', ini, `partners.${i}`));
		list(ini.mediaReach).forEach((_, i) => collect(out, 'initiative', ini, `mediaReach.${i}.channel`));
		list(ini.goals).forEach((_, i) => collect(out, 'initiative', ini, `goals.${i}`));
		list(ini.barriers).forEach((_, i) => collect(out, 'initiative', ini, `barriers.${i}`));
		for (const c of list(root.coalitions) as Record<string, Json>[]) {
			const id = String(c.slug);
			for (const path of ['name', 'founded.note', 'leadership.role', 'leadership.person', 'partnerOf'])
				collect(out, id, c, path);
			list(c.reported).forEach((_, i) => collect(out, id, c, `reported.${i}.note`));
			list(c.outcomes).forEach((_, i) => {
				for (const f of ['title', 'statusText', 'instrument.body', 'instrument.reference'])
					collect(out, id, c, `outcomes.${i}.${f}`);
			});
		}
	} else {
		collect(out, 'demo', root, 'agenda.title');
		collect(out, 'demo', root, 'timelineNote');
		list(root.items).forEach((_, i) => {
			collect(out, 'demo', root, `items.${i}.title`);
			collect(out, 'demo', root, `items.${i}.targetBody`);
		});
	}
	return out;
}

const GROUP = '[ \\u00a0\\u202f]';

/**
 * The numbers in a text, normalised and sorted, so that translations compare as multisets:
 * - dates `2024-05-29` and `29.05.2024` become `2024-05-29`;
 * - digit grouping is removed: a space, no-break space or narrow no-break space before exactly three
 *   digits in any language (`1 000 000`, and so a phone number `93 880 28 19` alike in all), and in
 *   English also a comma (`1,000,000`);
 * - the decimal mark is a point in English and a comma or point elsewhere (`4.964` = `4,964`);
 * - each remaining run of digits is read as a number (`007` = `7`, `7.0` = `7`).
 * Words for numbers (`six months`) are not numbers: translations keep them as words.
 */
export function numbersIn(text: string, locale: ContentLocale): string[] {
	const found: string[] = [];
	let t = text.replace(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g, (_, y, m, d) => {
		found.push(`${y}-${m}-${d}`);
		return ' ';
	});
	t = t.replace(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g, (_, d, m, y) => {
		found.push(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
		return ' ';
	});
	const grouping = new RegExp(`(?<!\\d)\\d{1,3}(?:${GROUP}\\d{3})+(?!\\d)`, 'g');
	t = t.replace(grouping, (m) => m.replace(new RegExp(GROUP, 'g'), ''));
	if (locale === 'en') t = t.replace(/(?<!\d)\d{1,3}(?:,\d{3})+(?!\d)/g, (m) => m.replace(/,/g, ''));
	else t = t.replace(/(\d),(\d)/g, '$1.$2');
	for (const m of t.matchAll(/\d+(?:\.\d+)?/g)) found.push(String(Number(m[0])));
	return found.sort();
}

/** Multiset difference of two number lists, for a readable failure message. */
export function numbersDiff(expected: string[], actual: string[]) {
	const missing = [...expected];
	const extra: string[] = [];
	for (const n of actual) {
		const i = missing.indexOf(n);
		if (i >= 0) missing.splice(i, 1);
		else extra.push(n);
	}
	return { missing, extra };
}

/**
 * Share of Cyrillic letters among the letters of a text (1 when it has none). With `keptFrom`, Latin
 * words that also occur in that text (names kept as published, such as "Ayollar daftari" or "WAGE")
 * are left out of the count.
 */
export function cyrillicShare(text: string, keptFrom?: string): number {
	const kept = new Set((keptFrom ?? '').toLowerCase().match(/[\p{Script=Latin}\d]+/gu) ?? []);
	const words = text.match(/[\p{L}\d]+/gu) ?? [];
	const letters =
		words
			.filter((w) => !(kept.has(w.toLowerCase()) && /^[\p{Script=Latin}\d]+$/u.test(w)))
			.join('')
			.match(/\p{L}/gu) ?? [];
	if (!letters.length) return 1;
	return letters.filter((l) => /\p{Script=Cyrillic}/u.test(l)).length / letters.length;
}

/**
 * Uzbek Latin spelling faults: oʻ/gʻ written with an ASCII apostrophe, backtick, U+2018 or U+2019
 * (must be U+02BB), and a tutuq belgisi between letters written with an ASCII apostrophe or
 * U+2019 (must be U+02BC), and either mark in the other's place. Words quoted verbatim from `keptFrom`
 * (the English source) are skipped. Returns the offending snippets.
 */
export function uzbekApostropheFaults(text: string, keptFrom?: string): string[] {
	// A published English title quoted as it is ("Women's Business Agendas") is not Uzbek spelling.
	for (const word of (keptFrom ?? '').match(/\p{Script=Latin}+['\u2019]\p{Script=Latin}+/gu) ?? [])
		text = text.split(word).join(' ');
	const faults = [...text.matchAll(/[oOgG]['`\u2018\u2019]/g)].map((m) => m[0]);
	for (const m of text.matchAll(/(?<![oOgG])(?<=\p{L})['\u2019]\p{L}/gu)) faults.push(m[0]);
	// ʻ only after o/g; ʼ never after o/g (that is oʻ/gʻ written with the wrong mark).
	for (const m of text.matchAll(/(?<![oOgG])\u02BB|[oOgG]\u02BC/g)) faults.push(m[0]);
	return faults;
}
