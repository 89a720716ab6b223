import { AppError, writeAudit, type ServiceContext } from '../../core';
import { requireEditor } from './access';
import { loadCourse } from './courses';
import * as q from './queries';

/**
 * Removes a quiz from a lesson, for those who may edit the course. Attempts are append-only records
 * of what a learner did, so a quiz somebody has taken is not removed (the author edits it instead: a
 * new version); one nobody has taken goes, with its translation status, and the course's version moves.
 */
export async function removeQuiz(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	quizSlug: string,
	raw: { confirm?: unknown }
) {
	const c = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	// The form's box "yes, remove it": a removal is not undone.
	if (raw.confirm !== 'on' && raw.confirm !== true)
		throw new AppError('INVALID', { fields: { confirm: { key: 'learning_error_quiz_remove_confirm' } } });
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const l = lessons.find((x) => x.slug === lessonSlug);
	const z = l && quizzes.find((x) => x.slug === quizSlug && x.lessonId === l.id);
	if (!z) throw new AppError('NOT_FOUND');
	if (await q.quizHasAttempts(ctx.db, z.id))
		throw new AppError('CONFLICT', { messageKey: 'learning_error_quiz_taken' });
	const { [`quiz:${z.slug}`]: _removed, ...status } = c.status;
	await ctx.db.transaction(async (tx) => {
		await q.deleteQuiz(tx, z.id);
		await q.updateCourse(tx, c.id, { status, version: c.version + 1, updatedAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'learning.quiz.removed',
				entity: 'learning_quiz',
				entityId: z.id,
				before: { slug: z.slug, version: z.version, questions: z.questions.length }
			}
		);
	});
}
