import type { QuizQuestion } from './schema';
import { parseHumanNumber } from './numbers';

/**
 * Quiz scoring, one point per question, no partial credit:
 * - single choice: the one correct option chosen;
 * - multiple choice: exactly the set of correct options (one missing or one extra is wrong);
 * - numeric: her number, typed as people type it (`1 000`, `1000 сом`, `12,5`), within the tolerance.
 * A quiz is passed at `passPercent` of the points.
 */

export type Answers = Record<string, string[]>;

export interface QuestionResult {
	id: string;
	correct: boolean;
	/** What she chose or typed, for feedback. */
	given: string[];
	/** The answer was missing or unreadable (a number that is not a number). */
	unanswered: boolean;
}

export interface QuizResult {
	score: number;
	total: number;
	percent: number;
	passed: boolean;
	questions: QuestionResult[];
}

export function scoreQuestion(question: QuizQuestion, given: readonly string[]): QuestionResult {
	const values = given.map((g) => g.trim()).filter(Boolean);
	const base = { id: question.id, given: values };
	if (values.length === 0) return { ...base, correct: false, unanswered: true };
	if (question.kind === 'numeric') {
		const value = parseHumanNumber(values[0]);
		if (value === null || question.answer === undefined) return { ...base, correct: false, unanswered: true };
		const tolerance = Math.abs(question.tolerance ?? 0);
		// A hair of slack for binary fractions (0.1 + 0.2), never more than the tolerance intends.
		return { ...base, correct: Math.abs(value - question.answer) <= tolerance + 1e-9, unanswered: false };
	}
	const options = question.options ?? [];
	const known = new Set(options.map((o) => o.id));
	const chosen = new Set(values.filter((v) => known.has(v)));
	if (chosen.size === 0) return { ...base, correct: false, unanswered: true };
	const right = new Set(options.filter((o) => o.correct).map((o) => o.id));
	if (question.kind === 'single') {
		return { ...base, correct: chosen.size === 1 && right.has([...chosen][0]), unanswered: false };
	}
	const same = chosen.size === right.size && [...chosen].every((c) => right.has(c));
	return { ...base, correct: same, unanswered: false };
}

export function scoreQuiz(
	questions: readonly QuizQuestion[],
	answers: Answers,
	passPercent: number
): QuizResult {
	const results = questions.map((q) => scoreQuestion(q, answers[q.id] ?? []));
	const score = results.filter((r) => r.correct).length;
	const total = questions.length;
	const percent = total === 0 ? 0 : Math.round((score / total) * 100);
	return {
		score,
		total,
		percent,
		passed: total > 0 && score * 100 >= passPercent * total,
		questions: results
	};
}
