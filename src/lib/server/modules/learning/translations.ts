import type { I18nText, ServiceContext, TranslatableEntity } from '../../core';
import { course, courseModule, lesson, quiz, type QuizQuestion } from './schema';
import * as q from './queries';
import { followMarks, quizKey, quizStatusTexts, quizTextPaths, withQuizText } from './marks';

/**
 * Learning's per-locale texts in core's translation workspace (issue 18): courses' titles and
 * summaries, modules' titles, lessons' titles and bodies, quizzes' titles and every question's prompt,
 * choices and feedback. The seed stores them with core provenance (`seededText`) beside the module's
 * own status map, which follows every write the workspace makes (`afterWrite`), so a review there
 * shows on the course and lesson pages.
 */

type Row = Record<string, unknown>;

/** The course's status map brought in line with core's marks for the given keys. */
async function follow(ctx: ServiceContext, courseId: string, keys: [string, (I18nText | null)[]][]) {
	const c = await q.courseById(ctx.db, courseId);
	if (!c) return;
	let status = c.status;
	for (const [key, texts] of keys) status = followMarks(status, key, texts);
	if (JSON.stringify(status) !== JSON.stringify(c.status))
		await q.updateCourse(ctx.db, c.id, { status, updatedAt: ctx.clock() });
}

export const courseTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.course',
	table: course,
	id: course.id,
	key: course.slug,
	fields: { title: course.title, summary: course.summary },
	label: 'title',
	path: '/{locale}/learn/{key}',
	async afterWrite(ctx, row) {
		await follow(ctx, String(row.id), [
			['title', [row.title as I18nText]],
			['summary', [row.summary as I18nText]]
		]);
	}
};

export const moduleTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.module',
	table: courseModule,
	id: courseModule.id,
	fields: { title: courseModule.title },
	label: 'title'
};

export const lessonTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.lesson',
	table: lesson,
	id: lesson.id,
	fields: { title: lesson.title, body: lesson.body },
	label: 'title',
	// The module's status of a lesson is its body's (the lesson page's note).
	async afterWrite(ctx, row) {
		await follow(ctx, String(row.courseId), [[`lesson:${String(row.slug)}`, [row.body as I18nText]]]);
	}
};

/**
 * A quiz's title, and its questions' texts by path (`questions.q1.prompt`,
 * `questions.q1.options.o2.text`, `questions.q1.feedback.correct`). The questions keep every locale's
 * text themselves, so a translation saved in the workspace is written back into them (and the copy
 * core keeps beside the record stays the same).
 */
export const quizTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.quiz',
	table: quiz,
	id: quiz.id,
	fields: { title: quiz.title },
	label: 'title',
	plain: (row) => quizTextPaths((row.questions as QuizQuestion[] | undefined) ?? []),
	async afterWrite(ctx, row) {
		const z = row as Row & { id: string; courseId: string; slug: string; title: I18nText };
		let questions = (z.questions as QuizQuestion[] | undefined) ?? [];
		for (const [path, text] of Object.entries(row))
			if (path.startsWith('questions.') && text) questions = withQuizText(questions, path, text as I18nText);
		if (JSON.stringify(questions) !== JSON.stringify(z.questions))
			await q.updateQuiz(ctx.db, z.id, { questions, updatedAt: ctx.clock() });
		const c = await q.courseById(ctx.db, z.courseId);
		if (c) await follow(ctx, c.id, [[quizKey(c.status, z.slug), quizStatusTexts(z.title, questions)]]);
	}
};
