import {
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { I18nText } from '../../core/text';
import type { Locale } from '#lib/i18n/locales';
import { authUser, organization } from '../accounts/schema';

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

export const PUBLICATIONS = ['draft', 'published'] as const;
export type Publication = (typeof PUBLICATIONS)[number];

/** Translation status of one field in one locale: a machine draft, checked by a person, or missing. */
export const TEXT_STATUSES = ['machine-draft', 'reviewed', 'missing'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];
export type StatusMap = Record<string, Partial<Record<Locale, TextStatus>>>;

export interface CourseSource {
	id: string;
	title: string;
	publisher: string;
	date: string;
	url: string;
}

export const QUESTION_KINDS = ['single', 'multiple', 'numeric'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuizOption {
	id: string;
	correct: boolean;
	text: I18nText;
	feedback?: I18nText;
}

export interface QuizQuestion {
	id: string;
	kind: QuestionKind;
	prompt: I18nText;
	options?: QuizOption[];
	/** Numeric questions: the answer and the tolerance either side (absolute). */
	answer?: number;
	tolerance?: number;
	feedback?: { correct?: I18nText; incorrect?: I18nText };
}

/** A course: a few modules of short lessons. `version` goes up on every edit; progress is kept by lesson id. */
export const course = pgTable(
	'learning_course',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull(),
		position: integer('position').notNull().default(0),
		level: text('level').$type<Level>().notNull().default('beginner'),
		title: jsonb('title').$type<I18nText>().notNull(),
		summary: jsonb('summary').$type<I18nText>().notNull(),
		/** Per field (title, summary, lesson:<slug>, quiz:<slug>) and locale. */
		status: jsonb('status').$type<StatusMap>().notNull().default({}),
		sources: jsonb('sources').$type<CourseSource[]>().notNull().default([]),
		countrySpecific: boolean('country_specific').notNull().default(false),
		publication: text('publication').$type<Publication>().notNull().default('draft'),
		/** Per cent of a quiz's points needed to pass it. */
		passPercent: integer('pass_percent').notNull().default(70),
		/** The member organization that authors it; null for Birge's own courses (platform staff). */
		organizationId: text('organization_id').references(() => organization.id, { onDelete: 'set null' }),
		version: integer('version').notNull().default(1),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('learning_course_slug_idx').on(t.slug)]
);

export const courseModule = pgTable(
	'learning_module',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0),
		title: jsonb('title').$type<I18nText>().notNull()
	},
	(t) => [index('learning_module_course_idx').on(t.courseId, t.position)]
);

/** A lesson: Markdown per locale (rendered and sanitized on the server), optional audio per locale, video link. */
export const lesson = pgTable(
	'learning_lesson',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		moduleId: text('module_id')
			.notNull()
			.references(() => courseModule.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		position: integer('position').notNull().default(0),
		minutes: integer('minutes').notNull().default(5),
		title: jsonb('title').$type<I18nText>().notNull(),
		body: jsonb('body').$type<I18nText>().notNull(),
		/** core_file ids of an audio version per locale. */
		audio: jsonb('audio').$type<Partial<Record<Locale, string>>>().notNull().default({}),
		videoUrl: text('video_url'),
		sourceIds: jsonb('source_ids').$type<string[]>().notNull().default([]),
		version: integer('version').notNull().default(1),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('learning_lesson_slug_idx').on(t.courseId, t.slug),
		index('learning_lesson_course_idx').on(t.courseId, t.position)
	]
);

/** A quiz shown at the end of a lesson. */
export const quiz = pgTable(
	'learning_quiz',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		title: jsonb('title').$type<I18nText>().notNull(),
		questions: jsonb('questions').$type<QuizQuestion[]>().notNull(),
		/** Per cent of the points needed to pass this quiz; null: the course's pass mark. */
		passPercent: integer('pass_percent'),
		version: integer('version').notNull().default(1),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('learning_quiz_slug_idx').on(t.courseId, t.slug),
		index('learning_quiz_lesson_idx').on(t.lessonId)
	]
);

/** A signed-in learner: where she stopped, and (optionally, for counts only) her country and region. */
export const learner = pgTable('learning_learner', {
	userId: text('user_id')
		.primaryKey()
		.references(() => authUser.id, { onDelete: 'cascade' }),
	country: text('country'),
	region: text('region'),
	lastLessonId: text('last_lesson_id').references(() => lesson.id, { onDelete: 'set null' }),
	lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow()
});

/** A lesson she has read. Keyed by lesson id, so an edit of the lesson keeps it. */
export const lessonProgress = pgTable(
	'learning_lesson_progress',
	{
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lesson.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		lessonVersion: integer('lesson_version').notNull(),
		completedAt: timestamp('completed_at', { withTimezone: true }).notNull(),
		/** Recorded offline and synced later. */
		offline: boolean('offline').notNull().default(false)
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.lessonId] }),
		index('learning_lesson_progress_course_idx').on(t.courseId)
	]
);

/** Every quiz attempt, append-only (a trigger refuses UPDATE and DELETE). */
export const quizAttempt = pgTable(
	'learning_quiz_attempt',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		quizId: text('quiz_id')
			.notNull()
			.references(() => quiz.id, { onDelete: 'cascade' }),
		courseId: text('course_id').notNull(),
		quizVersion: integer('quiz_version').notNull(),
		answers: jsonb('answers').$type<Record<string, string[]>>().notNull(),
		score: real('score').notNull(),
		total: integer('total').notNull(),
		passed: boolean('passed').notNull(),
		/** The id the client gave the attempt (offline sync, double submits): one attempt per id. */
		clientId: text('client_id').notNull(),
		offline: boolean('offline').notNull().default(false),
		takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('learning_quiz_attempt_client_idx').on(t.userId, t.clientId),
		index('learning_quiz_attempt_quiz_idx').on(t.userId, t.quizId)
	]
);

/** A certificate of completion; verified by its code, revoked by staff (never deleted). */
export const certificate = pgTable(
	'learning_certificate',
	{
		id: text('id').primaryKey(),
		code: text('code').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => course.id, { onDelete: 'cascade' }),
		/** Her name and the course title as printed, kept as issued. */
		name: text('name').notNull(),
		courseTitle: jsonb('course_title').$type<I18nText>().notNull(),
		locale: text('locale').$type<Locale>().notNull(),
		country: text('country'),
		region: text('region'),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: text('revoked_by'),
		revokeReason: text('revoke_reason')
	},
	(t) => [
		uniqueIndex('learning_certificate_code_idx').on(t.code),
		uniqueIndex('learning_certificate_user_course_idx').on(t.userId, t.courseId)
	]
);
