import { AppError, parseInput, reference, requireUser, type ServiceContext } from '../../core';
import { issueIfComplete } from './certificates';
import { loadCourse, type Localized } from './courses';
import { offlineSyncInput, placeInput, quizSubmitInput, type OfflineSyncInput } from './inputs';
import * as q from './queries';
import { scoreQuiz, type QuizResult } from './scoring';

/**
 * A signed-in learner's progress: lessons read, quiz attempts (every one kept, append-only), where she
 * stopped. Without an account nothing is stored: these calls refuse an anonymous actor, and the pages
 * score a visitor's quiz without saving it (`checkQuiz`).
 */

async function lessonIn(ctx: ServiceContext, courseSlug: string, lessonSlug: string) {
	const c = await loadCourse(ctx, courseSlug);
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const l = lessons.find((x) => x.slug === lessonSlug);
	if (!l) throw new AppError('NOT_FOUND');
	return { course: c, lesson: l, quizzes: quizzes.filter((z) => z.lessonId === l.id) };
}

/** She opened a lesson: remembered as where she stopped (signed in only; a visitor: nothing). */
export async function noteLessonOpened(ctx: ServiceContext, courseSlug: string, lessonSlug: string) {
	const userId = ctx.actor.userId;
	if (!userId) return;
	const { lesson } = await lessonIn(ctx, courseSlug, lessonSlug);
	await q.touchLearner(ctx.db, userId, lesson.id, ctx.clock());
}

export async function markLessonRead(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	options: { at?: Date; offline?: boolean } = {}
) {
	const userId = requireUser(ctx);
	const { course, lesson } = await lessonIn(ctx, courseSlug, lessonSlug);
	return ctx.db.transaction(async (tx) => {
		const txCtx = { ...ctx, db: tx };
		const created = await q.markRead(tx, {
			userId,
			lessonId: lesson.id,
			courseId: course.id,
			lessonVersion: lesson.version,
			completedAt: options.at ?? ctx.clock(),
			offline: options.offline ?? false
		});
		await q.touchLearner(tx, userId, lesson.id, ctx.clock());
		const certificate = await issueIfComplete(txCtx, course);
		return { created, certificateCode: certificate?.code ?? null };
	});
}

export interface QuizOutcome extends QuizResult {
	/** False: the same attempt (its client id) was already stored; the stored result is returned. */
	created: boolean;
	saved: boolean;
	certificateCode: string | null;
}

function parseAnswers(raw: Record<string, unknown>): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [key, value] of Object.entries(raw)) {
		const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
		out[key] = values.slice(0, 20).map((v) => v.slice(0, 100));
	}
	return out;
}

/** Scores a quiz without storing anything (a visitor without an account). */
export async function checkQuiz(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	quizSlug: string,
	answers: Record<string, unknown>
) {
	const { course, quizzes } = await lessonIn(ctx, courseSlug, lessonSlug);
	const z = quizzes.find((x) => x.slug === quizSlug);
	if (!z) throw new AppError('NOT_FOUND');
	return scoreQuiz(z.questions, parseAnswers(answers), z.passPercent ?? course.passPercent);
}

/** Scores and stores an attempt; the same client id twice stores one attempt (double submit, offline sync). */
export async function submitQuiz(
	ctx: ServiceContext,
	raw: unknown,
	options: { offline?: boolean } = {}
): Promise<QuizOutcome> {
	const userId = requireUser(ctx);
	const input = parseInput(quizSubmitInput, raw);
	const { course, quizzes } = await lessonIn(ctx, input.course, input.lesson);
	const z = quizzes.find((x) => x.slug === input.quiz);
	if (!z) throw new AppError('NOT_FOUND');
	const answers = parseAnswers(input.answers);
	const result = scoreQuiz(z.questions, answers, z.passPercent ?? course.passPercent);
	const takenAt = input.takenAt && input.takenAt <= ctx.clock() ? input.takenAt : ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const txCtx = { ...ctx, db: tx };
		const { attempt, created } = await q.insertAttempt(tx, {
			userId,
			quizId: z.id,
			courseId: course.id,
			quizVersion: z.version,
			answers,
			score: result.score,
			total: result.total,
			passed: result.passed,
			clientId: input.clientId,
			offline: options.offline ?? false,
			takenAt
		});
		await q.touchLearner(tx, userId, null, ctx.clock());
		const certificate = await issueIfComplete(txCtx, course);
		const stored = created
			? result
			: scoreQuiz(z.questions, attempt.answers, z.passPercent ?? course.passPercent);
		return { ...stored, created, saved: true, certificateCode: certificate?.code ?? null };
	});
}

/**
 * What a downloaded pack recorded offline (lessons read, quiz answers), sent when she is back online.
 * Idempotent: lessons are marked once, quiz attempts are keyed by the id the page gave them.
 */
export async function syncOffline(ctx: ServiceContext, raw: unknown) {
	requireUser(ctx);
	const input: OfflineSyncInput = parseInput(offlineSyncInput, raw);
	let lessons = 0;
	let attempts = 0;
	for (const item of input.lessons) {
		const r = await markLessonRead(ctx, input.course, item.lesson, {
			at: item.at && item.at <= ctx.clock() ? item.at : undefined,
			offline: true
		});
		if (r.created) lessons++;
	}
	for (const item of input.quizzes) {
		const r = await submitQuiz(ctx, { ...item, course: input.course }, { offline: true });
		if (r.created) attempts++;
	}
	return { lessons, attempts };
}

/** The places she may choose (countries and their first-level regions), for the optional place form. */
export async function placeOptions(ctx: ServiceContext) {
	const countries = ['KG', 'KZ', 'TJ', 'UZ'];
	return Promise.all(
		countries.map(async (code) => ({ code, regions: await reference.listDivisions(ctx, code) }))
	);
}

/** Her own progress in every course she started (the API's `/learning/progress`). */
export async function myProgress(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	const [read, best, certs, learnerRow] = await Promise.all([
		q.readLessons(ctx.db, userId),
		q.bestAttempts(ctx.db, userId),
		q.certificatesOf(ctx.db, userId),
		q.learnerOf(ctx.db, userId)
	]);
	const courseIds = [
		...new Set([...read.map((r) => r.courseId), ...[...best.values()].map((a) => a.courseId)])
	];
	const courses = await Promise.all(courseIds.map((id) => q.courseById(ctx.db, id)));
	return {
		lastLessonId: learnerRow?.lastLessonId ?? null,
		country: learnerRow?.country ?? null,
		region: learnerRow?.region ?? null,
		courses: courses
			.filter((c) => c !== null)
			.map((c) => ({
				course: c.slug,
				lessonsRead: read
					.filter((r) => r.courseId === c.id)
					.map((r) => ({
						lesson: r.lessonId.split('/').pop() ?? r.lessonId,
						at: r.completedAt.toISOString()
					})),
				quizzes: [...best.values()]
					.filter((a) => a.courseId === c.id)
					.map((a) => ({
						quiz: a.quizId.split('/').pop() ?? a.quizId,
						bestScore: a.score,
						total: a.total,
						passed: a.passed
					})),
				certificate: (() => {
					const cert = certs.find((x) => x.courseId === c.id);
					return cert
						? { code: cert.code, issuedAt: cert.issuedAt.toISOString(), revoked: cert.revokedAt !== null }
						: null;
				})()
			}))
	};
}

/** Her country and region, optional, kept only for counts by place (indicators). */
export async function setPlace(ctx: ServiceContext, raw: unknown) {
	const userId = requireUser(ctx);
	const { place } = parseInput(placeInput, raw);
	if (place.includes('-') && !(await reference.getDivision(ctx, place)))
		throw new AppError('INVALID', { fields: { place: { key: 'learning_error_region' } } });
	await q.setLearnerPlace(
		ctx.db,
		userId,
		place ? place.slice(0, 2) : null,
		place.includes('-') ? place : null,
		ctx.clock()
	);
}

export type { Localized };
