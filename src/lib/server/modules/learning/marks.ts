import {
	carryProvenance,
	sourceLocaleOf,
	textHash,
	type I18nText,
	type ServiceContext,
	type TextProvenance
} from '../../core';
import { CONTENT_LOCALES, LOCALES, type Locale } from '#lib/i18n/locales';
import type { QuizQuestion, StatusMap } from './schema';

/**
 * Learning's texts and core's draft marks (issue 18). Every text carries core provenance per locale
 * (`$p`: machine draft, reviewed by whom); the module also keeps its own status map per field key
 * (`title`, `summary`, `lesson:<slug>`, `quiz:<file or slug>`) that course and lesson pages show. Here:
 * - a person's write keeps the marks of the locales she did not change and makes the changed ones hers
 *   (`writtenText`), and a locale she ticks as checked is reviewed by her;
 * - the status map follows the marks (`followMarks`) after authoring and after the translation
 *   workspace, so a review there shows on the course page;
 * - a reseed replaces only texts still as a seed left them (`reseededText`).
 */

type Text = Partial<Record<Locale, string>>;

/** Marks the locales she ticked as checked reviewed by her (the source language and empty ones aside). */
export function markReviewed(ctx: ServiceContext, text: I18nText, locales: readonly Locale[]): I18nText {
	if (!locales.length) return text;
	const src = sourceLocaleOf(text);
	const provenance: TextProvenance = { ...(text.$p ?? {}) };
	for (const l of locales) {
		if (l === src || !text[l]?.trim() || provenance[l]?.status === 'reviewed') continue;
		provenance[l] = {
			status: 'reviewed',
			by: ctx.actor.userId,
			at: ctx.clock().toISOString(),
			...(src && text[src] ? { sourceHash: textHash(text[src]!) } : {})
		};
	}
	return Object.keys(provenance).length ? { ...text, $p: provenance } : text;
}

/**
 * A text as a person saves it: unchanged locales keep their marks, changed or new ones become hers
 * (reviewed by her; the source language stays the source), and the ones she ticked are reviewed by her.
 */
export function writtenText(
	ctx: ServiceContext,
	previous: I18nText | null | undefined,
	next: Text,
	reviewed: readonly Locale[] = []
): I18nText {
	const carried = carryProvenance(previous, next, {
		by: ctx.actor.userId,
		at: ctx.clock(),
		locale: ctx.locale
	});
	return markReviewed(ctx, carried, reviewed);
}

/** The texts alone, as a form shows and compares them. */
export function plainOf(text: I18nText | null | undefined): Text {
	const out: Text = {};
	for (const l of LOCALES) if (text?.[l]) out[l] = text[l];
	return out;
}

/** A quiz's questions without the marks (to tell whether an edit changed any text). */
export function plainQuestions(questions: readonly QuizQuestion[]): QuizQuestion[] {
	return questions.map((x) => {
		const out: QuizQuestion = { ...x, prompt: plainOf(x.prompt) };
		if (x.options)
			out.options = x.options.map((o) => ({
				...o,
				text: plainOf(o.text),
				...(o.feedback ? { feedback: plainOf(o.feedback) } : {})
			}));
		if (x.feedback)
			out.feedback = Object.fromEntries(
				Object.entries(x.feedback).map(([k, v]) => [k, plainOf(v)])
			) as QuizQuestion['feedback'];
		return out;
	});
}

/**
 * True when two values hold the same data whatever the order of their keys (PostgreSQL's jsonb
 * reorders them; an edit that changes nothing must not read as a change).
 */
export function sameTexts(a: unknown, b: unknown): boolean {
	const canonical = (v: unknown) =>
		JSON.stringify(v, (_k, x: unknown) =>
			x && typeof x === 'object' && !Array.isArray(x)
				? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
				: x
		);
	return canonical(a) === canonical(b);
}

/** Every nested text of a quiz by path (`questions.q1.prompt`, `questions.q1.options.o2.text`…). */
export function quizTextPaths(questions: readonly QuizQuestion[]): Record<string, I18nText | undefined> {
	const out: Record<string, I18nText | undefined> = {};
	for (const x of questions) {
		out[`questions.${x.id}.prompt`] = x.prompt;
		for (const o of x.options ?? []) {
			out[`questions.${x.id}.options.${o.id}.text`] = o.text;
			if (o.feedback) out[`questions.${x.id}.options.${o.id}.feedback`] = o.feedback;
		}
		if (x.feedback?.correct) out[`questions.${x.id}.feedback.correct`] = x.feedback.correct;
		if (x.feedback?.incorrect) out[`questions.${x.id}.feedback.incorrect`] = x.feedback.incorrect;
	}
	return out;
}

/** The questions with the text at `path` replaced (unknown paths change nothing). */
export function withQuizText(
	questions: readonly QuizQuestion[],
	path: string,
	text: I18nText
): QuizQuestion[] {
	const m =
		/^questions\.([^.]+)\.(prompt|options\.([^.]+)\.(text|feedback)|feedback\.(correct|incorrect))$/.exec(
			path
		);
	if (!m) return [...questions];
	const [, qid, , oid, ofield, fb] = m;
	return questions.map((x) => {
		if (x.id !== qid) return x;
		if (m[2] === 'prompt') return { ...x, prompt: text };
		if (fb) return { ...x, feedback: { ...(x.feedback ?? {}), [fb]: text } };
		return {
			...x,
			options: (x.options ?? []).map((o) => (o.id === oid ? { ...o, [ofield]: text } : o))
		};
	});
}

/** The texts a quiz's status covers: its title, every prompt and every choice. */
export function quizStatusTexts(title: I18nText, questions: readonly QuizQuestion[]): I18nText[] {
	return [title, ...questions.flatMap((x) => [x.prompt, ...(x.options ?? []).map((o) => o.text)])];
}

/** The status map's key of a quiz: the seed's (`quiz:<slug>.json`) when the map has it, else `quiz:<slug>`. */
export function quizKey(status: StatusMap, slug: string): string {
	return `quiz:${slug}.json` in status ? `quiz:${slug}.json` : `quiz:${slug}`;
}

/**
 * The status map's entry for `key` following core's marks of the texts it covers, in every locale
 * but their source language (whose entry the module keeps as authoring or the seed set it): missing
 * when a text lacks the locale, a machine draft when any is one, reviewed when every one is reviewed.
 * A locale some text has no mark for (written before the marks existed) keeps the map's entry.
 */
export function followMarks(status: StatusMap, key: string, texts: readonly (I18nText | null | undefined)[]) {
	const next: StatusMap = { ...status, [key]: { ...(status[key] ?? {}) } };
	const src = texts.map((t) => sourceLocaleOf(t)).find(Boolean);
	for (const l of CONTENT_LOCALES) {
		if (l === src) continue;
		if (texts.some((t) => !t?.[l]?.trim())) next[key][l] = 'missing';
		else if (texts.some((t) => t?.$p?.[l]?.status === 'machine-draft')) next[key][l] = 'machine-draft';
		else if (texts.every((t) => t?.$p?.[l]?.status === 'reviewed')) next[key][l] = 'reviewed';
	}
	return next;
}

/** The mark a seed leaves on its source text, so that a reseed can tell it from a person's edit. */
export function withSeedSource(text: I18nText): I18nText {
	const src = text.$src;
	if (!src || !text[src]) return text;
	return { ...text, $p: { ...(text.$p ?? {}), [src]: { status: 'source', by: null } } };
}

/** True when a locale's text is still as a seed left it: a machine draft or the seed's source, by nobody. */
function seedsOwn(text: I18nText, l: Locale): boolean {
	const p = text.$p?.[l];
	return !!p && !p.by && (p.status === 'machine-draft' || (p.status === 'source' && l === text.$src));
}

/**
 * A reseed's text: a locale the record lacks, or whose text is still the seed's (machine draft or the
 * seed's source, marked by nobody: every person's write and every review changes the mark), takes the
 * new seed's text and mark; a reviewed or human-edited one is kept with its mark, and so is a locale
 * the seed does not carry. Returns the locales kept (their status stays as the module recorded it).
 */
export function reseededText(
	previous: I18nText | null | undefined,
	seeded: I18nText
): { text: I18nText; kept: Locale[] } {
	if (!previous) return { text: seeded, kept: [] };
	const out: I18nText = {};
	const provenance: TextProvenance = {};
	const kept: Locale[] = [];
	const src = previous.$src ?? seeded.$src;
	for (const l of LOCALES) {
		const before = previous[l]?.trim();
		const value = seeded[l]?.trim();
		if (!before && !value) continue;
		const fromSeed =
			!before ||
			(!!value && seedsOwn(previous, l)) ||
			// Written before the seed marked its source: the same text as the seed's is the seed's.
			(before === value && !previous.$p?.[l] && l === src);
		if (fromSeed && value) {
			out[l] = seeded[l];
			if (seeded.$p?.[l]) provenance[l] = seeded.$p[l];
		} else {
			out[l] = previous[l];
			if (previous.$p?.[l]) provenance[l] = previous.$p[l]!;
			kept.push(l);
		}
	}
	if (src && out[src]) out.$src = src;
	if (Object.keys(provenance).length) out.$p = provenance;
	return { text: out, kept };
}
