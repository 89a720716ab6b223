import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Seed } from '../../core/registry';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { seededText, type I18nText } from '../../core/text';
import { reseededText, withSeedSource } from './marks';
import { splitFrontMatter, withoutTitle } from './markdown';
import * as q from './queries';
import type { CourseSource, Level, QuizQuestion, StatusMap } from './schema';

/**
 * Birge's six courses from `seed/learning/` (see its README): every text a machine draft in six
 * languages, the status per field and locale kept as the content gives it, the sources with their dates.
 * Upserts by stable ids (`<course>`, `<course>/<lesson>`, `<course>/<quiz>`), so a re-run keeps
 * learners' progress, which is keyed by those ids.
 */

interface SeedCourse {
	slug: string;
	order: number;
	level: Level;
	countrySpecific: boolean;
	title: I18nText;
	summary: I18nText;
	lessons: { slug: string; minutes: number }[];
	quizzes: string[];
	status: StatusMap;
	sources: (CourseSource & { from?: string })[];
}

interface SeedQuiz {
	id: string;
	afterLesson: string;
	title: I18nText;
	questions: QuizQuestion[];
}

/**
 * The `seed/learning` folder, read at run time (1 MB of Markdown: bundling it would weigh on every
 * server start, and `npm run birge -- seed` runs under tsx, outside Vite). Found, in this order:
 * `BIRGE_SEED_DIR` (the `seed` folder, for a server copied away from its checkout), then upwards from
 * this file (source, tests, and the built server in `build/server/chunks/`, whatever the working
 * directory), then upwards from the working directory. A missing folder fails loudly, naming where
 * it looked.
 */
export function seedRoot(env: Record<string, string | undefined> = process.env): string {
	const found = (dir: string) => fs.existsSync(path.join(dir, 'README.md'));
	const tried: string[] = [];
	if (env.BIRGE_SEED_DIR) {
		const dir = path.resolve(env.BIRGE_SEED_DIR, 'learning');
		if (found(dir)) return dir;
		tried.push(dir);
	}
	for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
		for (let dir = start; ; dir = path.dirname(dir)) {
			const candidate = path.join(dir, 'seed', 'learning');
			if (found(candidate)) return candidate;
			if (path.dirname(dir) === dir) break;
		}
		tried.push(`${path.join(start, 'seed', 'learning')} and above`);
	}
	throw new Error(`seed/learning not found (set BIRGE_SEED_DIR); looked in ${tried.join('; ')}`);
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

export function parseList(value: string | undefined): string[] {
	if (!value) return [];
	return value
		.replace(/^\[|\]$/g, '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

export interface SeedLesson {
	slug: string;
	minutes: number;
	title: I18nText;
	body: I18nText;
	sourceIds: string[];
}

export function readSeedCourses(root = seedRoot()) {
	const dirs = fs
		.readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'course.json')));
	return dirs.map((d) => {
		const dir = path.join(root, d.name);
		const meta = readJson<SeedCourse>(path.join(dir, 'course.json'));
		const lessons: SeedLesson[] = meta.lessons.map((l) => {
			const title: I18nText = {};
			const body: I18nText = {};
			let sourceIds: string[] = [];
			for (const locale of LOCALES) {
				const file = path.join(dir, `${l.slug}.${locale}.md`);
				if (!fs.existsSync(file)) continue;
				const { meta: fm, body: md } = splitFrontMatter(fs.readFileSync(file, 'utf8'));
				title[locale as Locale] = fm.title ?? l.slug;
				body[locale as Locale] = withoutTitle(md).trim();
				if (locale === 'en') sourceIds = parseList(fm.sources);
			}
			return { slug: l.slug, minutes: l.minutes, title, body, sourceIds };
		});
		const quizzes = meta.quizzes.map((file) => ({ file, ...readJson<SeedQuiz>(path.join(dir, file)) }));
		return { meta, lessons, quizzes };
	});
}

type Statuses = Partial<Record<string, string>> | undefined;

/** A seeded text merged into what is stored (see `reseededText`), noting the locales kept. */
class Reseed {
	readonly kept = new Map<string, Set<Locale>>();
	text(key: string | null, previous: I18nText | null | undefined, text: I18nText, statuses: Statuses) {
		const r = reseededText(previous, withSeedSource(seededText(text, statuses)));
		if (key) for (const l of r.kept) this.keep(key, [l]);
		return r.text;
	}
	keep(key: string, locales: readonly Locale[]) {
		const set = this.kept.get(key) ?? new Set<Locale>();
		for (const l of locales) set.add(l);
		this.kept.set(key, set);
	}
	/** The seed's status map, but the stored entry for every locale whose text was kept. */
	status(seeded: StatusMap, stored: StatusMap | undefined): StatusMap {
		const out: StatusMap = { ...(stored ?? {}) };
		for (const [key, locales] of Object.entries(seeded)) {
			out[key] = { ...locales };
			for (const l of this.kept.get(key) ?? []) {
				const before = stored?.[key]?.[l];
				if (before) out[key][l] = before;
			}
		}
		return out;
	}
}

/** A seeded quiz's questions, each text merged with the stored question or choice of the same id. */
function reseedQuestions(
	r: Reseed,
	key: string,
	seeded: readonly QuizQuestion[],
	stored: readonly QuizQuestion[],
	statuses: Statuses
): QuizQuestion[] {
	const known = new Map(stored.map((x) => [x.id, x]));
	return seeded.map((x) => {
		const old = known.get(x.id);
		const out: QuizQuestion = { ...x, prompt: r.text(key, old?.prompt, x.prompt, statuses) };
		if (x.options) {
			const options = new Map((old?.options ?? []).map((o) => [o.id, o]));
			out.options = x.options.map((o) => {
				const before = options.get(o.id);
				return {
					...o,
					text: r.text(key, before?.text, o.text, statuses),
					...(o.feedback ? { feedback: r.text(null, before?.feedback, o.feedback, statuses) } : {})
				};
			});
		}
		if (x.feedback)
			out.feedback = {
				...(x.feedback.correct
					? { correct: r.text(null, old?.feedback?.correct, x.feedback.correct, statuses) }
					: {}),
				...(x.feedback.incorrect
					? { incorrect: r.text(null, old?.feedback?.incorrect, x.feedback.incorrect, statuses) }
					: {})
			};
		return out;
	});
}

export const learningSeed: Seed = {
	name: 'learning.courses',
	// .2: the texts carry core provenance (machine drafts marked; issue 18).
	// .3: a reseed keeps reviewed and human-edited texts; quiz questions and choices carry the marks too.
	version: '2026-12-01.3',
	kind: 'reference',
	/**
	 * A re-run replaces only texts still as a seed left them (machine drafts and the seed's source,
	 * marked by nobody); a text a person reviewed (here or in the translation workspace) or edited is
	 * kept with its mark, and so is its entry in the status map. A quiz a person edited in the quiz
	 * editor keeps its questions.
	 */
	async run(ctx) {
		const now = ctx.clock();
		for (const { meta, lessons, quizzes } of readSeedCourses()) {
			const courseId = meta.slug;
			const r = new Reseed();
			const before = await q.courseById(ctx.db, courseId);
			const stored = before ? await q.outline(ctx.db, courseId) : { modules: [], lessons: [], quizzes: [] };
			const moduleId = `${courseId}/m1`;
			const oldModule = stored.modules.find((m) => m.id === moduleId);
			const title = r.text('title', before?.title, meta.title, meta.status.title);
			const summary = r.text('summary', before?.summary, meta.summary, meta.status.summary);
			const lessonRows = lessons.map((l, i) => {
				const old = stored.lessons.find((x) => x.id === `${courseId}/${l.slug}`);
				const statuses = meta.status[`lesson:${l.slug}`];
				return {
					id: `${courseId}/${l.slug}`,
					courseId,
					moduleId,
					slug: l.slug,
					position: i + 1,
					minutes: l.minutes,
					title: r.text(null, old?.title, l.title, statuses),
					body: r.text(`lesson:${l.slug}`, old?.body, l.body, statuses),
					sourceIds: l.sourceIds,
					updatedAt: now
				};
			});
			const quizRows = quizzes.map((z) => {
				const key = `quiz:${z.file}`;
				const statuses = meta.status[key];
				const old = stored.quizzes.find((x) => x.id === `${courseId}/${z.id}`);
				// A quiz edited in the editor (its version went up) keeps the questions she wrote.
				const edited = !!old && old.version > 1;
				if (edited) r.keep(key, LOCALES);
				return {
					id: `${courseId}/${z.id}`,
					courseId,
					lessonId: `${courseId}/${z.afterLesson}`,
					slug: z.id,
					title: r.text(key, old?.title, z.title, statuses),
					questions: edited
						? old.questions
						: reseedQuestions(r, key, z.questions, old?.questions ?? [], statuses)
				};
			});
			await q.upsertCourse(ctx.db, {
				id: courseId,
				slug: meta.slug,
				position: meta.order,
				level: meta.level,
				// Core provenance beside the module's own status map (issue 18: drafts marked, in the workspace).
				title,
				summary,
				status: r.status(meta.status, before?.status),
				sources: meta.sources.map(({ id, title, publisher, date, url }) => ({
					id,
					title,
					publisher,
					date,
					url
				})),
				countrySpecific: meta.countrySpecific,
				publication: 'published',
				organizationId: null,
				updatedAt: now
			});
			await q.upsertModule(ctx.db, {
				id: moduleId,
				courseId,
				position: 1,
				title: r.text(null, oldModule?.title, meta.title, meta.status.title)
			});
			for (const l of lessonRows) await q.upsertLesson(ctx.db, l);
			for (const z of quizRows) await q.upsertQuiz(ctx.db, z);
		}
	}
};
