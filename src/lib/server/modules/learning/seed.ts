import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Seed } from '../../core/registry';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { seededText, type I18nText } from '../../core/text';
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

export const learningSeed: Seed = {
	name: 'learning.courses',
	// .2: the texts carry core provenance (machine drafts marked; issue 18).
	version: '2026-12-01.2',
	kind: 'reference',
	async run(ctx) {
		const now = ctx.clock();
		for (const { meta, lessons, quizzes } of readSeedCourses()) {
			const courseId = meta.slug;
			await q.upsertCourse(ctx.db, {
				id: courseId,
				slug: meta.slug,
				position: meta.order,
				level: meta.level,
				// Core provenance beside the module's own status map (issue 18: drafts marked, in the workspace).
				title: seededText(meta.title, meta.status.title),
				summary: seededText(meta.summary, meta.status.summary),
				status: meta.status,
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
			const moduleId = `${courseId}/m1`;
			await q.upsertModule(ctx.db, {
				id: moduleId,
				courseId,
				position: 1,
				title: seededText(meta.title, meta.status.title)
			});
			for (const [i, l] of lessons.entries()) {
				await q.upsertLesson(ctx.db, {
					id: `${courseId}/${l.slug}`,
					courseId,
					moduleId,
					slug: l.slug,
					position: i + 1,
					minutes: l.minutes,
					title: seededText(l.title, meta.status[`lesson:${l.slug}`]),
					body: seededText(l.body, meta.status[`lesson:${l.slug}`]),
					sourceIds: l.sourceIds,
					updatedAt: now
				});
			}
			for (const z of quizzes) {
				await q.upsertQuiz(ctx.db, {
					id: `${courseId}/${z.id}`,
					courseId,
					lessonId: `${courseId}/${z.afterLesson}`,
					slug: z.id,
					title: seededText(z.title, meta.status[`quiz:${z.file}`]),
					questions: z.questions
				});
			}
		}
	}
};
