import { AppError, parseInput, writeAudit, type FieldError, type ServiceContext } from '../../core';
import { CONTENT_LOCALES as LOCALES, type Locale } from '#lib/i18n/locales';
import { requireEditor } from './access';
import { loadCourse } from './courses';
import { quizInput, type QuizInput } from './inputs';
import { parseHumanNumber } from './numbers';
import * as q from './queries';
import type { QuizOption, QuizQuestion, StatusMap } from './schema';
import { followMarks, plainQuestions, quizKey, quizStatusTexts, sameTexts, writtenText } from './marks';

/**
 * Quiz authoring in a form (no JavaScript needed): single choice, multiple choice and numeric answers
 * with a tolerance; the title, every question and every option per locale; a pass mark per quiz (empty:
 * the course's). The form always carries one blank question and blank options: filled ones are added,
 * blank ones dropped, "remove" drops a question. Every save bumps the quiz's version; attempts are kept
 * as taken (append-only, with the version they were scored against), so her past attempts and a pass
 * already earned survive an edit. Question and option ids stay stable across edits; new ones get fresh ids.
 */

type Text = Partial<Record<Locale, string>>;

export const MAX_QUESTIONS = 30;
export const MAX_OPTIONS = 8;

function clean(text: Partial<Record<Locale, string | undefined>> | undefined): Text {
	const out: Text = {};
	for (const l of LOCALES) {
		const v = text?.[l]?.trim();
		if (v) out[l] = v;
	}
	return out;
}

const isEmpty = (t: Text) => Object.keys(t).length === 0;
const plainOf = (t: Text): Text => clean(t);

function freshId(prefix: string, taken: Set<string>): string {
	for (let n = 1; ; n++) {
		const id = `${prefix}${n}`;
		if (!taken.has(id)) {
			taken.add(id);
			return id;
		}
	}
}

/** The form's rows → the stored questions, or the errors per field (named as the form names them). */
export function buildQuestions(
	input: QuizInput,
	before: readonly QuizQuestion[]
): { questions: QuizQuestion[]; errors: Record<string, FieldError> } {
	const errors: Record<string, FieldError> = {};
	const known = new Map(before.map((x) => [x.id, x]));
	const takenQ = new Set(before.map((x) => x.id));
	const questions: QuizQuestion[] = [];
	input.questions.forEach((row, i) => {
		const at = `questions.${i}`;
		const prompt = clean(row.prompt);
		const options = row.options
			.map((o, j) => ({ j, id: o.id, text: clean(o.text), correct: o.correct }))
			.filter((o) => !isEmpty(o.text));
		const answerText = String(row.answer ?? '').trim();
		const toleranceText = String(row.tolerance ?? '').trim();
		if (row.remove) return;
		// A blank row (the empty question the form offers) is not a question.
		if (isEmpty(prompt) && options.length === 0 && answerText === '') return;
		if (isEmpty(prompt)) errors[`${at}.prompt`] = { key: 'learning_error_question_prompt' };
		const previous = row.id ? known.get(row.id) : undefined;
		const id = previous ? previous.id : freshId('q', takenQ);
		const question: QuizQuestion = { id, kind: row.kind, prompt };
		if (previous?.feedback) question.feedback = previous.feedback;
		if (row.kind === 'numeric') {
			const answer = parseHumanNumber(answerText);
			if (answer === null) errors[`${at}.answer`] = { key: 'learning_error_question_answer' };
			const tolerance = toleranceText === '' ? 0 : parseHumanNumber(toleranceText);
			if (tolerance === null || tolerance < 0)
				errors[`${at}.tolerance`] = { key: 'learning_error_question_tolerance' };
			question.answer = answer ?? 0;
			question.tolerance = tolerance ?? 0;
		} else {
			if (options.length < 2) errors[`${at}.options`] = { key: 'learning_error_question_options' };
			else if (options.length > MAX_OPTIONS)
				errors[`${at}.options`] = {
					key: 'learning_error_question_options_max',
					params: { max: MAX_OPTIONS }
				};
			const right = options.filter((o) => o.correct).length;
			if (options.length >= 2 && row.kind === 'single' && right !== 1)
				errors[`${at}.options`] = { key: 'learning_error_question_single' };
			if (options.length >= 2 && row.kind === 'multiple' && right < 1)
				errors[`${at}.options`] = { key: 'learning_error_question_multiple' };
			const oldOptions = new Map((previous?.options ?? []).map((o) => [o.id, o]));
			const takenO = new Set(oldOptions.keys());
			question.options = options.map((o): QuizOption => {
				const old = o.id ? oldOptions.get(o.id) : undefined;
				const option: QuizOption = {
					id: old ? old.id : freshId('o', takenO),
					correct: o.correct,
					text: o.text
				};
				if (old?.feedback) option.feedback = old.feedback;
				return option;
			});
		}
		questions.push(question);
	});
	if (questions.length === 0 && Object.keys(errors).length === 0)
		errors['questions'] = { key: 'learning_error_quiz_empty' };
	if (questions.length > MAX_QUESTIONS)
		errors['questions'] = { key: 'learning_error_quiz_too_many', params: { max: MAX_QUESTIONS } };
	return { questions, errors };
}

/**
 * The questions as saved, each text with core's marks carried from the question or choice of the same
 * id: a locale she changed is hers, the others keep their marks.
 */
function markedQuestions(
	ctx: ServiceContext,
	before: readonly QuizQuestion[],
	after: readonly QuizQuestion[],
	reviewed: readonly Locale[]
): QuizQuestion[] {
	const known = new Map(before.map((x) => [x.id, x]));
	const mark = (old: Text | undefined, next: Text) => writtenText(ctx, old, next, reviewed);
	return after.map((x) => {
		const old = known.get(x.id);
		const out: QuizQuestion = { ...x, prompt: mark(old?.prompt, x.prompt) };
		if (x.options) {
			const options = new Map((old?.options ?? []).map((o) => [o.id, o]));
			out.options = x.options.map((o) => ({ ...o, text: mark(options.get(o.id)?.text, o.text) }));
		}
		return out;
	});
}

/** Per locale: the quiz is there when its title, every prompt and every option are there. */
function quizStatus(
	status: StatusMap,
	field: string,
	title: Text,
	questions: readonly QuizQuestion[],
	reviewed: readonly Locale[],
	changed: boolean
): StatusMap {
	const next: StatusMap = { ...status, [field]: { ...(status[field] ?? {}) } };
	for (const l of LOCALES) {
		const present =
			!!title[l] && questions.every((x) => !!x.prompt[l] && (x.options ?? []).every((o) => !!o.text[l]));
		if (!present) next[field][l] = 'missing';
		else if (reviewed.includes(l)) next[field][l] = 'reviewed';
		else if (changed || !next[field][l] || next[field][l] === 'missing') next[field][l] = 'machine-draft';
	}
	return next;
}

async function lessonOf(ctx: ServiceContext, courseSlug: string, lessonSlug: string) {
	const c = await loadCourse(ctx, courseSlug);
	requireEditor(ctx, c);
	const { lessons, quizzes } = await q.outline(ctx.db, c.id);
	const l = lessons.find((x) => x.slug === lessonSlug);
	if (!l) throw new AppError('NOT_FOUND');
	return { course: c, lesson: l, quizzes };
}

/** The quiz in the editor (null `quizSlug`: a new one), for staff who may edit the course. */
export async function editableQuiz(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	quizSlug: string | null
) {
	const { course, lesson, quizzes } = await lessonOf(ctx, courseSlug, lessonSlug);
	const quiz = quizSlug ? quizzes.find((z) => z.slug === quizSlug && z.lessonId === lesson.id) : null;
	if (quiz === undefined) throw new AppError('NOT_FOUND');
	return { course, lesson, quiz };
}

/** Creates (`quizSlug` null) or edits a quiz of a lesson. Invalid: a message per field, nothing saved. */
export async function saveQuiz(
	ctx: ServiceContext,
	courseSlug: string,
	lessonSlug: string,
	quizSlug: string | null,
	raw: Record<string, unknown>
) {
	const { course: c, lesson: l, quizzes } = await lessonOf(ctx, courseSlug, lessonSlug);
	const existing = quizSlug ? quizzes.find((z) => z.slug === quizSlug && z.lessonId === l.id) : null;
	if (quizSlug && !existing) throw new AppError('NOT_FOUND');
	const input = parseInput(quizInput, raw);
	const errors: Record<string, FieldError> = {};
	const title = clean(input.title);
	if (isEmpty(title)) errors['title.ru'] = { key: 'learning_error_title_one' };
	if (quizzes.some((z) => z.slug === input.slug && z.id !== existing?.id))
		errors['slug'] = { key: 'learning_error_slug_taken' };
	const built = buildQuestions(input, existing?.questions ?? []);
	Object.assign(errors, built.errors);
	if (Object.keys(errors).length) throw new AppError('INVALID', { fields: errors });
	const reviewed = LOCALES.filter((x) => ([] as unknown[]).concat(raw.reviewed ?? []).includes(x));
	const changed =
		!existing ||
		!sameTexts(
			[plainOf(existing.title), plainQuestions(existing.questions)],
			[title, plainQuestions(built.questions)]
		);
	const oldField = existing ? quizKey(c.status, existing.slug) : null;
	const field = oldField && existing?.slug === input.slug ? oldField : `quiz:${input.slug}`;
	const base = { ...c.status };
	if (oldField && oldField !== field) {
		base[field] = base[oldField];
		delete base[oldField];
	}
	// Core's marks carried on the title and every prompt and choice (issue 18).
	const titleText = writtenText(ctx, existing?.title, title, reviewed);
	const questions = markedQuestions(ctx, existing?.questions ?? [], built.questions, reviewed);
	const status = followMarks(
		quizStatus(base, field, title, built.questions, reviewed, changed),
		field,
		quizStatusTexts(titleText, questions)
	);
	const id = existing?.id ?? `${c.id}/${input.slug}`;
	if (!existing && (await q.quizById(ctx.db, id)))
		throw new AppError('INVALID', { fields: { slug: { key: 'learning_error_slug_taken' } } });
	const version = (existing?.version ?? 0) + (changed || existing?.passPercent !== input.passPercent ? 1 : 0);
	await ctx.db.transaction(async (tx) => {
		await q.upsertQuiz(tx, {
			id,
			courseId: c.id,
			lessonId: l.id,
			slug: input.slug,
			title: titleText,
			questions,
			passPercent: input.passPercent,
			version: Math.max(version, 1),
			updatedAt: ctx.clock()
		});
		await q.updateCourse(tx, c.id, { status, version: c.version + 1, updatedAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: existing ? 'learning.quiz.updated' : 'learning.quiz.created',
				entity: 'learning_quiz',
				entityId: id,
				before: existing ? { version: existing.version } : undefined,
				after: { version: Math.max(version, 1), questions: built.questions.length }
			}
		);
	});
	return { slug: input.slug };
}
