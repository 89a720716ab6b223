// A pure check of the course seed data in seed/learning/ (issue 15): structure, every locale present,
// the same numbers in every translation of a lesson, valid quizzes, and a source wherever a course states
// a fact that varies by country. It reads files only; no database, no server.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(process.cwd(), 'seed', 'learning');
const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];
type Localized = Record<Locale, string>;

interface Source {
	id: string;
	title: string;
	publisher: string;
	date: string | null;
	url?: string | null;
	from: string;
}
interface Course {
	slug: string;
	order: number;
	level: string;
	minutes: number;
	countrySpecific: boolean;
	title: Localized;
	summary: Localized;
	lessons: { slug: string; minutes: number }[];
	quizzes: string[];
	status: Record<string, Record<Locale, string>>;
	sources: Source[];
	/** A course that points to Birge's help directory: every locale links to its own /{locale}/care. */
	helpLink?: string;
}
interface Option {
	id: string;
	correct: boolean;
	text: Localized;
	feedback: Localized;
}
interface Question {
	id: string;
	kind: 'single' | 'multiple' | 'numeric';
	prompt: Localized;
	options?: Option[];
	answer?: number | string;
	tolerance?: number;
	feedback?: { correct: Localized; incorrect: Localized };
}
interface Quiz {
	id: string;
	title: Localized;
	afterLesson: string;
	questions: Question[];
}

/** Words that name something that differs by country: a lesson using one must list a source. */
const COUNTRY_SPECIFIC = new RegExp(
	'(?<!\\p{L})(?:' +
		[
			'wildberries',
			'ozon',
			'kaspi',
			'uzum',
			'нбкр',
			'nbkr',
			'нбрк',
			'nbrk',
			'нбт',
			'cbu',
			'ммт',
			'damu',
			'даму',
			'гэсв',
			'ikpu',
			'икпу',
			'mxik',
			'мхик',
			'ilo',
			'мот',
			'c177',
			'социалдык келишим',
			'социальный контракт',
			'social contract',
			'ijtimoiy shartnoma',
			'әлеуметтік келісімшарт'
		].join('|') +
		')(?!\\p{L})',
	'iu'
);

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Front matter (between the first two '---' lines) and body of a lesson file. */
function parseLesson(text: string): { meta: Record<string, string>; body: string } {
	const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
	if (!m) throw new Error('no front matter');
	const meta: Record<string, string> = {};
	for (const line of m[1].split('\n')) {
		const kv = /^(\w+):\s*(.*)$/.exec(line);
		if (kv) meta[kv[1]] = kv[2].trim();
	}
	return { meta, body: m[2] };
}

/**
 * Every number in a text, normalised: digit groups (space, no-break space, narrow no-break space, or a
 * comma/dot before exactly three digits) are joined, a decimal comma becomes a dot. Texts therefore never
 * use three-digit decimals. The result is sorted so that two texts can be compared as multisets.
 */
export function numbersIn(text: string): string[] {
	const re = /\d+(?:[ \u00A0\u202F.,]\d{3}(?!\d))*(?:[.,]\d+(?![\d]))?/g;
	const out: string[] = [];
	for (const m of text.matchAll(re)) {
		let s = m[0];
		const dec = /[.,](\d{1,2}|\d{4,})$/.exec(s);
		let frac = '';
		if (dec) {
			frac = dec[1];
			s = s.slice(0, s.length - dec[0].length);
		}
		const int = s.replace(/[ \u00A0\u202F.,]/g, '');
		out.push(String(Number(frac ? `${int}.${frac}` : int)));
	}
	return out.sort();
}

/** Every six-locale text object inside a JSON value, with its path. */
function localizedIn(value: unknown, path = ''): { path: string; text: Localized }[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => localizedIn(v, `${path}[${i}]`));
	if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (LOCALES.every((l) => typeof o[l] === 'string')) return [{ path, text: o as Localized }];
		return Object.entries(o).flatMap(([k, v]) => localizedIn(v, `${path}/${k}`));
	}
	return [];
}

function words(text: string): number {
	return text
		.replace(/[#*_>|`\-–—:;,.!?()[\]"«»“”/]/g, ' ')
		.split(/\s+/)
		.filter((w) => /\p{L}/u.test(w)).length;
}

const courses = existsSync(ROOT)
	? readdirSync(ROOT)
			.filter((d) => statSync(join(ROOT, d)).isDirectory())
			.sort()
	: [];

describe('learning content (seed/learning)', () => {
	it('has a README and at least one course', () => {
		expect(existsSync(join(ROOT, 'README.md'))).toBe(true);
		expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('2026-12-01');
		expect(courses.length).toBeGreaterThan(0);
	});

	it('numbersIn normalises grouping and decimal commas', () => {
		expect(numbersIn('1,200 som, 1.5 h')).toEqual(numbersIn('1 200 сом, 1,5 саат'));
		expect(numbersIn('1\u00A0650')).toEqual(['1650']);
		expect(numbersIn('12,5 %')).toEqual(['12.5']);
	});

	for (const dir of courses) {
		describe(dir, () => {
			const course = readJson<Course>(join(ROOT, dir, 'course.json'));
			const files = readdirSync(join(ROOT, dir));

			it('course.json is complete', () => {
				expect(course.slug).toBe(dir);
				expect(['beginner', 'intermediate', 'advanced']).toContain(course.level);
				expect(course.minutes).toBeGreaterThan(0);
				expect(course.lessons.length).toBeGreaterThanOrEqual(3);
				expect(course.lessons.length).toBeLessThanOrEqual(6);
				expect(course.quizzes.length).toBeGreaterThanOrEqual(1);
				expect(course.quizzes.length).toBeLessThanOrEqual(2);
				expect(course.minutes).toBe(course.lessons.reduce((n, l) => n + l.minutes, 0));
				for (const l of LOCALES) {
					expect(course.title[l]?.trim(), `title ${l}`).toBeTruthy();
					expect(course.summary[l]?.trim(), `summary ${l}`).toBeTruthy();
				}
				const fields = [
					'title',
					'summary',
					...course.lessons.map((l) => `lesson:${l.slug}`),
					...course.quizzes.map((q) => `quiz:${q}`)
				];
				expect(Object.keys(course.status).sort()).toEqual(fields.sort());
				for (const f of fields)
					for (const l of LOCALES) expect(course.status[f][l], `${f} ${l}`).toBe('machine-draft');
				for (const s of course.sources) {
					expect(s.id && s.title && s.publisher && s.from, JSON.stringify(s)).toBeTruthy();
					expect('date' in s).toBe(true);
				}
				if (course.countrySpecific) expect(course.sources.length).toBeGreaterThan(0);
			});

			for (const lesson of course.lessons) {
				it(`lesson ${lesson.slug}: six locales, same numbers, sources`, () => {
					const parsed = {} as Record<Locale, { meta: Record<string, string>; body: string }>;
					for (const l of LOCALES) {
						const f = `${lesson.slug}.${l}.md`;
						expect(files, f).toContain(f);
						parsed[l] = parseLesson(readFileSync(join(ROOT, dir, f), 'utf8'));
						expect(parsed[l].meta.title, `${f} title`).toBeTruthy();
						expect(Number(parsed[l].meta.minutes), `${f} minutes`).toBe(lesson.minutes);
						const n = words(parsed[l].body);
						expect(n, `${f} has ${n} words`).toBeGreaterThanOrEqual(300);
						expect(n, `${f} has ${n} words`).toBeLessThanOrEqual(600);
					}
					const en = numbersIn(parsed.en.body);
					for (const l of LOCALES)
						expect(numbersIn(parsed[l].body), `numbers in ${lesson.slug}.${l}.md vs en`).toEqual(en);
					const ids = new Set(course.sources.map((s) => s.id));
					const listed = (m: Record<string, string>) =>
						(m.sources ?? '')
							.replace(/^\[|\]$/g, '')
							.split(',')
							.map((s) => s.trim())
							.filter(Boolean);
					for (const l of LOCALES) {
						expect(listed(parsed[l].meta), `sources of ${l}`).toEqual(listed(parsed.en.meta));
						for (const id of listed(parsed[l].meta)) expect(ids.has(id), id).toBe(true);
						if (COUNTRY_SPECIFIC.test(parsed[l].body))
							expect(
								listed(parsed[l].meta).length,
								`${lesson.slug}.${l} names a country-specific fact`
							).toBeGreaterThan(0);
					}
				});
			}

			for (const q of course.quizzes) {
				it(`${q}: every question and option in six locales, answers valid`, () => {
					const quiz = readJson<Quiz>(join(ROOT, dir, q));
					expect(course.lessons.map((l) => l.slug)).toContain(quiz.afterLesson);
					for (const l of LOCALES) expect(quiz.title[l]?.trim()).toBeTruthy();
					expect(quiz.questions.length).toBeGreaterThan(0);
					for (const question of quiz.questions) {
						for (const l of LOCALES) expect(question.prompt[l]?.trim(), `${question.id} ${l}`).toBeTruthy();
						if (question.kind === 'numeric') {
							const answer = Number(question.answer);
							expect(Number.isFinite(answer), `${question.id} answer`).toBe(true);
							expect(typeof question.tolerance).toBe('number');
							expect(question.tolerance).toBeGreaterThanOrEqual(0);
							for (const l of LOCALES) {
								expect(question.feedback?.correct[l]?.trim()).toBeTruthy();
								expect(question.feedback?.incorrect[l]?.trim()).toBeTruthy();
							}
						} else {
							expect(['single', 'multiple']).toContain(question.kind);
							const options = question.options ?? [];
							expect(options.length).toBeGreaterThanOrEqual(2);
							const right = options.filter((o) => o.correct === true).length;
							expect(options.every((o) => typeof o.correct === 'boolean')).toBe(true);
							if (question.kind === 'single') expect(right, `${question.id} correct options`).toBe(1);
							else expect(right).toBeGreaterThanOrEqual(1);
							for (const o of options)
								for (const l of LOCALES) {
									expect(o.text[l]?.trim(), `${question.id}/${o.id} text ${l}`).toBeTruthy();
									expect(o.feedback[l]?.trim(), `${question.id}/${o.id} feedback ${l}`).toBeTruthy();
								}
						}
					}
				});
			}

			it('course and quiz texts have the same numbers in every locale', () => {
				const texts = [
					...localizedIn(course, 'course.json'),
					...course.quizzes.flatMap((q) => localizedIn(readJson<Quiz>(join(ROOT, dir, q)), q))
				];
				expect(texts.length).toBeGreaterThan(0);
				for (const { path, text } of texts)
					for (const l of LOCALES)
						expect(numbersIn(text[l]), `${path} ${l} vs en`).toEqual(numbersIn(text.en));
			});

			it('links to the help directory only in its own locale, and prints no phone number', () => {
				for (const l of LOCALES) {
					const bodies = course.lessons.map(
						(lesson) => parseLesson(readFileSync(join(ROOT, dir, `${lesson.slug}.${l}.md`), 'utf8')).body
					);
					const careLinks = bodies.flatMap((b) => [...b.matchAll(/\/([a-z]{2})\/care\b/g)].map((m) => m[1]));
					expect(
						careLinks.filter((locale) => locale !== l),
						`care links to another locale in ${l}`
					).toEqual([]);
					if (course.helpLink) {
						expect(
							bodies.some((b) => b.includes(`/${l}/care`)),
							`/${l}/care`
						).toBe(true);
						// no phone-like numbers: a help course points to the directory, never to a number of its own
						for (const b of bodies)
							expect(b, `phone-like number in ${l}`).not.toMatch(/\+?\d[\d\s()-]{2,}\d/);
					}
				}
			});

			it('Uzbek uses ʻ (U+02BB) and ʼ (U+02BC), never an ASCII or curly apostrophe', () => {
				const texts: string[] = [course.title.uz, course.summary.uz];
				for (const f of files.filter((f) => f.endsWith('.uz.md')))
					texts.push(readFileSync(join(ROOT, dir, f), 'utf8'));
				for (const q of course.quizzes) {
					const quiz = readJson<Quiz>(join(ROOT, dir, q));
					texts.push(quiz.title.uz);
					for (const question of quiz.questions) {
						texts.push(question.prompt.uz);
						if (question.feedback) texts.push(question.feedback.correct.uz, question.feedback.incorrect.uz);
						for (const o of question.options ?? []) texts.push(o.text.uz, o.feedback.uz);
					}
				}
				for (const t of texts) {
					expect(t, 'ASCII or curly apostrophe in Uzbek').not.toMatch(/['\u2018\u2019`]/);
					expect(t, 'oʻ/gʻ must use U+02BB').not.toMatch(/[oOgG]\u02BC/);
				}
			});
		});
	}
});
