import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import {
	certificate,
	course,
	courseModule,
	learner,
	lesson,
	lessonProgress,
	quiz,
	quizAttempt
} from './schema';

/** Drizzle reads and writes of the learning module; no business rules. */

export type CourseRow = typeof course.$inferSelect;
export type ModuleRow = typeof courseModule.$inferSelect;
export type LessonRow = typeof lesson.$inferSelect;
export type QuizRow = typeof quiz.$inferSelect;
export type CertificateRow = typeof certificate.$inferSelect;
export type AttemptRow = typeof quizAttempt.$inferSelect;

export async function listCourses(db: Db, options: { publishedOnly: boolean }) {
	return db
		.select()
		.from(course)
		.where(options.publishedOnly ? eq(course.publication, 'published') : undefined)
		.orderBy(asc(course.position), asc(course.slug));
}

export async function courseBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(course).where(eq(course.slug, slug));
	return row ?? null;
}

export async function courseById(db: Db, id: string) {
	const [row] = await db.select().from(course).where(eq(course.id, id));
	return row ?? null;
}

export async function outline(db: Db, courseId: string) {
	const [modules, lessons, quizzes] = await Promise.all([
		db
			.select()
			.from(courseModule)
			.where(eq(courseModule.courseId, courseId))
			.orderBy(asc(courseModule.position)),
		db.select().from(lesson).where(eq(lesson.courseId, courseId)).orderBy(asc(lesson.position)),
		db.select().from(quiz).where(eq(quiz.courseId, courseId)).orderBy(asc(quiz.slug))
	]);
	return { modules, lessons, quizzes };
}

/** Lesson counts and minutes per course (for the course list). */
export async function lessonStats(db: Db) {
	return db
		.select({
			courseId: lesson.courseId,
			lessons: sql<number>`count(*)::int`,
			minutes: sql<number>`coalesce(sum(${lesson.minutes}), 0)::int`
		})
		.from(lesson)
		.groupBy(lesson.courseId);
}

export async function quizById(db: Db, id: string) {
	const [row] = await db.select().from(quiz).where(eq(quiz.id, id));
	return row ?? null;
}

export async function lessonById(db: Db, id: string) {
	const [row] = await db.select().from(lesson).where(eq(lesson.id, id));
	return row ?? null;
}

export async function readLessons(db: Db, userId: string, courseIds?: string[]) {
	return db
		.select()
		.from(lessonProgress)
		.where(
			and(
				eq(lessonProgress.userId, userId),
				courseIds ? inArray(lessonProgress.courseId, courseIds.length ? courseIds : ['']) : undefined
			)
		);
}

/** Her best attempt per quiz (passed first, then the highest score). */
export async function bestAttempts(db: Db, userId: string, courseIds?: string[]) {
	const rows = await db
		.select()
		.from(quizAttempt)
		.where(
			and(
				eq(quizAttempt.userId, userId),
				courseIds ? inArray(quizAttempt.courseId, courseIds.length ? courseIds : ['']) : undefined
			)
		);
	const best = new Map<string, AttemptRow>();
	for (const row of rows) {
		const seen = best.get(row.quizId);
		if (
			!seen ||
			Number(row.passed) > Number(seen.passed) ||
			(row.passed === seen.passed && row.score > seen.score)
		)
			best.set(row.quizId, row);
	}
	return best;
}

/** Marks a lesson read; a second time changes nothing. Returns whether it was new. */
export async function markRead(db: Db, values: typeof lessonProgress.$inferInsert): Promise<boolean> {
	const rows = await db
		.insert(lessonProgress)
		.values(values)
		.onConflictDoNothing()
		.returning({ id: lessonProgress.lessonId });
	return rows.length > 0;
}

export async function touchLearner(db: Db, userId: string, lastLessonId: string | null, at: Date) {
	await db
		.insert(learner)
		.values({ userId, lastLessonId, lastActiveAt: at })
		.onConflictDoUpdate({
			target: learner.userId,
			set: lastLessonId ? { lastLessonId, lastActiveAt: at } : { lastActiveAt: at }
		});
}

export async function learnerOf(db: Db, userId: string) {
	const [row] = await db.select().from(learner).where(eq(learner.userId, userId));
	return row ?? null;
}

export async function setLearnerPlace(
	db: Db,
	userId: string,
	country: string | null,
	region: string | null,
	at: Date
) {
	await db
		.insert(learner)
		.values({ userId, country, region, lastActiveAt: at })
		.onConflictDoUpdate({ target: learner.userId, set: { country, region } });
}

/** Inserts an attempt unless one with the same client id exists; returns the stored attempt either way. */
export async function insertAttempt(db: Db, values: typeof quizAttempt.$inferInsert) {
	const [row] = await db.insert(quizAttempt).values(values).onConflictDoNothing().returning();
	if (row) return { attempt: row, created: true };
	const [existing] = await db
		.select()
		.from(quizAttempt)
		.where(and(eq(quizAttempt.userId, values.userId), eq(quizAttempt.clientId, values.clientId)));
	return { attempt: existing, created: false };
}

export async function certificateOf(db: Db, userId: string, courseId: string) {
	const [row] = await db
		.select()
		.from(certificate)
		.where(and(eq(certificate.userId, userId), eq(certificate.courseId, courseId)));
	return row ?? null;
}

export async function certificatesOf(db: Db, userId: string) {
	return db.select().from(certificate).where(eq(certificate.userId, userId));
}

export async function certificateByCode(db: Db, code: string) {
	const [row] = await db.select().from(certificate).where(eq(certificate.code, code));
	return row ?? null;
}

export async function insertCertificate(db: Db, values: typeof certificate.$inferInsert) {
	const [row] = await db.insert(certificate).values(values).onConflictDoNothing().returning();
	return row ?? null;
}

export async function revokeCertificate(db: Db, id: string, by: string, reason: string, at: Date) {
	await db
		.update(certificate)
		.set({ revokedAt: at, revokedBy: by, revokeReason: reason })
		.where(eq(certificate.id, id));
}

export async function certificatesOfCourse(db: Db, courseId: string) {
	return db
		.select()
		.from(certificate)
		.where(eq(certificate.courseId, courseId))
		.orderBy(asc(certificate.issuedAt));
}

export async function upsertCourse(db: Db, values: typeof course.$inferInsert) {
	const { id: _id, createdAt: _c, ...set } = values;
	await db.insert(course).values(values).onConflictDoUpdate({ target: course.id, set });
}

export async function upsertModule(db: Db, values: typeof courseModule.$inferInsert) {
	const { id: _id, ...set } = values;
	await db.insert(courseModule).values(values).onConflictDoUpdate({ target: courseModule.id, set });
}

export async function upsertLesson(db: Db, values: typeof lesson.$inferInsert) {
	const { id: _id, ...set } = values;
	await db.insert(lesson).values(values).onConflictDoUpdate({ target: lesson.id, set });
}

export async function upsertQuiz(db: Db, values: typeof quiz.$inferInsert) {
	const { id: _id, ...set } = values;
	await db.insert(quiz).values(values).onConflictDoUpdate({ target: quiz.id, set });
}

export async function updateCourse(db: Db, id: string, set: Partial<typeof course.$inferInsert>) {
	await db.update(course).set(set).where(eq(course.id, id));
}

export async function updateLesson(db: Db, id: string, set: Partial<typeof lesson.$inferInsert>) {
	await db.update(lesson).set(set).where(eq(lesson.id, id));
}

export async function updateModule(db: Db, id: string, set: Partial<typeof courseModule.$inferInsert>) {
	await db.update(courseModule).set(set).where(eq(courseModule.id, id));
}

export async function quizHasAttempts(db: Db, quizId: string): Promise<boolean> {
	const rows = await db
		.select({ one: sql<number>`1` })
		.from(quizAttempt)
		.where(eq(quizAttempt.quizId, quizId))
		.limit(1);
	return rows.length > 0;
}

export async function deleteQuiz(db: Db, id: string) {
	await db.delete(quiz).where(eq(quiz.id, id));
}

export async function deleteModule(db: Db, id: string) {
	await db.delete(courseModule).where(eq(courseModule.id, id));
}

export async function updateQuiz(db: Db, id: string, set: Partial<typeof quiz.$inferInsert>) {
	await db.update(quiz).set(set).where(eq(quiz.id, id));
}
