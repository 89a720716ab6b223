import { AppError, isSignedIn, pickText, type ServiceContext } from '../../core';
import type { Locale } from '#lib/i18n/locales';
import { LOCALES } from '#lib/i18n/locales';
import { mayEdit, mayRead } from './access';
import { renderMarkdown } from './markdown';
import { getFile, publicUrl } from '../../core/files';
import * as q from './queries';
import { quizKey } from './marks';
import type { CourseRow, LessonRow, QuizRow } from './queries';
import type { Level, Publication, QuestionKind, TextStatus } from './schema';

/** Reading courses: the catalogue, a course's outline, a lesson with its quiz, her progress in each. */

export interface Localized {
	text: string;
	/** The locale the text is in; differs from the page's when it falls back. */
	locale: Locale;
	fallback: boolean;
}

function loc(ctx: ServiceContext, text: Partial<Record<Locale, string>>): Localized {
	return pickText(text, ctx.locale) ?? { text: '', locale: ctx.locale, fallback: false };
}

/** The translation status of a field in the page's locale (missing when there is no text). */
function statusOf(
	c: CourseRow,
	field: string,
	text: Partial<Record<Locale, string>>,
	locale: Locale
): TextStatus {
	if (!text[locale]?.trim()) return 'missing';
	return c.status[field]?.[locale] ?? 'machine-draft';
}

export interface CourseSummaryView {
	id: string;
	slug: string;
	title: Localized;
	summary: Localized;
	level: Level;
	lessons: number;
	minutes: number;
	publication: Publication;
	draftText: boolean;
	/** Signed in: lessons read. */
	read: number | null;
	certificateCode: string | null;
}

export async function listCourses(ctx: ServiceContext): Promise<CourseSummaryView[]> {
	const rows = (await q.listCourses(ctx.db, { publishedOnly: false })).filter((c) => mayRead(ctx, c));
	const stats = new Map((await q.lessonStats(ctx.db)).map((s) => [s.courseId, s]));
	const userId = ctx.actor.userId;
	const read = userId ? await q.readLessons(ctx.db, userId) : [];
	const certs = userId ? await q.certificatesOf(ctx.db, userId) : [];
	return rows.map((c) => ({
		id: c.id,
		slug: c.slug,
		title: loc(ctx, c.title),
		summary: loc(ctx, c.summary),
		level: c.level,
		lessons: stats.get(c.id)?.lessons ?? 0,
		minutes: stats.get(c.id)?.minutes ?? 0,
		publication: c.publication,
		draftText: statusOf(c, 'title', c.title, ctx.locale) !== 'reviewed',
		read: userId ? read.filter((r) => r.courseId === c.id).length : null,
		certificateCode: certs.find((x) => x.courseId === c.id && !x.revokedAt)?.code ?? null
	}));
}

export async function loadCourse(ctx: ServiceContext, slug: string) {
	const c = await q.courseBySlug(ctx.db, slug);
	if (!c || !mayRead(ctx, c)) throw new AppError('NOT_FOUND');
	return c;
}

export interface LessonSummary {
	id: string;
	slug: string;
	title: Localized;
	minutes: number;
	hasQuiz: boolean;
	read: boolean;
	quizPassed: boolean | null;
}

export interface CourseView {
	id: string;
	slug: string;
	title: Localized;
	summary: Localized;
	level: Level;
	minutes: number;
	publication: Publication;
	passPercent: number;
	countrySpecific: boolean;
	version: number;
	updatedAt: string;
	sources: { id: string; title: string; publisher: string; date: string; url: string }[];
	modules: { id: string; title: Localized; lessons: LessonSummary[] }[];
	/** Per locale: how many of the course's texts are there, and how many are still machine drafts. */
	translation: { locale: Locale; present: number; drafts: number; total: number }[];
	progress: {
		read: number;
		total: number;
		quizzesPassed: number;
		quizzes: number;
		resume: string | null;
	} | null;
	certificateCode: string | null;
	canEdit: boolean;
}

export async function courseView(ctx: ServiceContext, slug: string): Promise<CourseView> {
	const c = await loadCourse(ctx, slug);
	const { modules, lessons, quizzes } = await q.outline(ctx.db, c.id);
	const userId = ctx.actor.userId;
	const read = new Set(userId ? (await q.readLessons(ctx.db, userId, [c.id])).map((r) => r.lessonId) : []);
	const best = userId ? await q.bestAttempts(ctx.db, userId, [c.id]) : new Map();
	const learnerRow = userId ? await q.learnerOf(ctx.db, userId) : null;
	const cert = userId ? await q.certificateOf(ctx.db, userId, c.id) : null;
	const summary = (l: LessonRow): LessonSummary => {
		const lessonQuizzes = quizzes.filter((z) => z.lessonId === l.id);
		return {
			id: l.id,
			slug: l.slug,
			title: loc(ctx, l.title),
			minutes: l.minutes,
			hasQuiz: lessonQuizzes.length > 0,
			read: read.has(l.id),
			quizPassed: lessonQuizzes.length ? lessonQuizzes.every((z) => best.get(z.id)?.passed) : null
		};
	};
	const texts: { field: string; text: Partial<Record<Locale, string>> }[] = [
		{ field: 'title', text: c.title },
		{ field: 'summary', text: c.summary },
		...lessons.map((l) => ({ field: `lesson:${l.slug}`, text: l.body })),
		...quizzes.map((z) => ({ field: quizKey(c.status, z.slug), text: z.title }))
	];
	// Where she stopped: the lesson she last opened if it is not done, else the first one not done.
	const done = (l: LessonRow) => read.has(l.id) && summary(l).quizPassed !== false;
	const resumeLesson =
		lessons.find((l) => l.id === learnerRow?.lastLessonId && !done(l)) ?? lessons.find((l) => !done(l));
	return {
		id: c.id,
		slug: c.slug,
		title: loc(ctx, c.title),
		summary: loc(ctx, c.summary),
		level: c.level,
		minutes: lessons.reduce((s, l) => s + l.minutes, 0),
		publication: c.publication,
		passPercent: c.passPercent,
		countrySpecific: c.countrySpecific,
		version: c.version,
		updatedAt: c.updatedAt.toISOString(),
		sources: c.sources,
		modules: modules.map((m) => ({
			id: m.id,
			title: loc(ctx, m.title),
			lessons: lessons.filter((l) => l.moduleId === m.id).map(summary)
		})),
		translation: LOCALES.map((locale) => ({
			locale,
			total: texts.length,
			present: texts.filter((t) => t.text[locale]?.trim()).length,
			drafts: texts.filter((t) => statusOf(c, t.field, t.text, locale) === 'machine-draft').length
		})),
		progress: userId
			? {
					read: lessons.filter((l) => read.has(l.id)).length,
					total: lessons.length,
					quizzesPassed: quizzes.filter((z) => best.get(z.id)?.passed).length,
					quizzes: quizzes.length,
					resume: resumeLesson && (read.size > 0 || best.size > 0) ? resumeLesson.slug : null
				}
			: null,
		certificateCode: cert && !cert.revokedAt ? cert.code : null,
		canEdit: mayEdit(ctx, c)
	};
}

export interface QuestionView {
	id: string;
	kind: QuestionKind;
	prompt: string;
	options: { id: string; text: string; feedback: string }[];
	correctFeedback: string;
	incorrectFeedback: string;
}

export interface QuizView {
	id: string;
	slug: string;
	version: number;
	title: Localized;
	questions: QuestionView[];
	/** Per cent of the points needed to pass (the quiz's own mark, else the course's). */
	passPercent: number | null;
	best: { score: number; total: number; passed: boolean } | null;
}

export function quizView(
	ctx: ServiceContext,
	z: QuizRow,
	best?: { score: number; total: number; passed: boolean }
): QuizView {
	const s = (text: Partial<Record<Locale, string>> | undefined) => (text ? loc(ctx, text).text : '');
	return {
		id: z.id,
		slug: z.slug,
		version: z.version,
		title: loc(ctx, z.title),
		passPercent: z.passPercent,
		questions: z.questions.map((question) => ({
			id: question.id,
			kind: question.kind,
			prompt: s(question.prompt),
			options: (question.options ?? []).map((o) => ({ id: o.id, text: s(o.text), feedback: s(o.feedback) })),
			correctFeedback: s(question.feedback?.correct),
			incorrectFeedback: s(question.feedback?.incorrect)
		})),
		best: best ? { score: best.score, total: best.total, passed: best.passed } : null
	};
}

export interface LessonView {
	course: { id: string; slug: string; title: Localized; passPercent: number };
	id: string;
	slug: string;
	version: number;
	title: Localized;
	/** Sanitized HTML (see markdown.ts). */
	html: string;
	bodyLocale: Locale;
	bodyFallback: boolean;
	status: TextStatus;
	minutes: number;
	audioUrl: string | null;
	videoUrl: string | null;
	sources: { id: string; title: string; publisher: string; date: string; url: string }[];
	quizzes: QuizView[];
	read: boolean | null;
	previous: { slug: string; title: string } | null;
	next: { slug: string; title: string } | null;
	position: number;
	count: number;
}

async function audioUrl(ctx: ServiceContext, id: string | undefined): Promise<string | null> {
	const file = id ? await getFile(ctx, id) : null;
	return file ? publicUrl(file) : null;
}

export async function lessonView(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string
): Promise<LessonView> {
	const c = await loadCourse(ctx, courseSlug);
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const index = lessons.findIndex((l) => l.slug === lessonSlug);
	if (index < 0) throw new AppError('NOT_FOUND');
	const l = lessons[index];
	const body = loc(ctx, l.body);
	const userId = ctx.actor.userId;
	const read = isSignedIn(ctx.actor)
		? (await q.readLessons(ctx.db, ctx.actor.userId, [c.id])).some((r) => r.lessonId === l.id)
		: null;
	const best = userId ? await q.bestAttempts(ctx.db, userId, [c.id]) : new Map();
	const neighbour = (x: LessonRow | undefined) =>
		x ? { slug: x.slug, title: loc(ctx, x.title).text } : null;
	return {
		course: { id: c.id, slug: c.slug, title: loc(ctx, c.title), passPercent: c.passPercent },
		id: l.id,
		slug: l.slug,
		version: l.version,
		title: loc(ctx, l.title),
		html: renderMarkdown(body.text),
		bodyLocale: body.locale,
		bodyFallback: body.fallback,
		status: statusOf(c, `lesson:${l.slug}`, l.body, body.locale),
		minutes: l.minutes,
		audioUrl: await audioUrl(ctx, l.audio[body.locale]),
		videoUrl: l.videoUrl,
		sources: c.sources.filter((s) => l.sourceIds.includes(s.id)),
		quizzes: quizzes.filter((z) => z.lessonId === l.id).map((z) => quizView(ctx, z, best.get(z.id))),
		read,
		previous: neighbour(lessons[index - 1]),
		next: neighbour(lessons[index + 1]),
		position: index + 1,
		count: lessons.length
	};
}
