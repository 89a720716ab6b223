import type { TranslatableEntity } from '../../core';
import { course, courseModule, lesson, quiz } from './schema';

/**
 * Learning's per-locale texts in core's translation workspace (issue 18): courses' titles and
 * summaries, modules' titles, lessons' titles and bodies, quizzes' titles. The seed stores them with core provenance
 * (`seededText`) beside the module's own status map.
 */
export const courseTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.course',
	table: course,
	id: course.id,
	key: course.slug,
	fields: { title: course.title, summary: course.summary },
	label: 'title',
	path: '/{locale}/learn/{key}'
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
	label: 'title'
};

export const quizTexts: TranslatableEntity = {
	module: 'learning',
	entity: 'learning.quiz',
	table: quiz,
	id: quiz.id,
	fields: { title: quiz.title },
	label: 'title'
};
