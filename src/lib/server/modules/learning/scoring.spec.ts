import { describe, expect, it } from 'vitest';
import { scoreQuestion, scoreQuiz } from './scoring';
import type { QuizQuestion } from './schema';

const single: QuizQuestion = {
	id: 's',
	kind: 'single',
	prompt: { en: 'One' },
	options: [
		{ id: 'a', correct: false, text: { en: 'A' } },
		{ id: 'b', correct: true, text: { en: 'B' } }
	]
};
const multiple: QuizQuestion = {
	id: 'm',
	kind: 'multiple',
	prompt: { en: 'Many' },
	options: [
		{ id: 'a', correct: true, text: { en: 'A' } },
		{ id: 'b', correct: false, text: { en: 'B' } },
		{ id: 'c', correct: true, text: { en: 'C' } }
	]
};
const numeric: QuizQuestion = {
	id: 'n',
	kind: 'numeric',
	prompt: { en: 'How much?' },
	answer: 1000,
	tolerance: 5
};

describe('quiz scoring', () => {
	it('single choice: only the correct option counts', () => {
		expect(scoreQuestion(single, ['b']).correct).toBe(true);
		expect(scoreQuestion(single, ['a']).correct).toBe(false);
		// Two options sent for a single-choice question is wrong, not "partly right".
		expect(scoreQuestion(single, ['a', 'b']).correct).toBe(false);
		expect(scoreQuestion(single, []).unanswered).toBe(true);
		expect(scoreQuestion(single, ['zzz']).unanswered).toBe(true);
	});

	it('multiple choice: exactly the set of correct options', () => {
		expect(scoreQuestion(multiple, ['c', 'a']).correct).toBe(true);
		expect(scoreQuestion(multiple, ['a']).correct).toBe(false);
		expect(scoreQuestion(multiple, ['a', 'b', 'c']).correct).toBe(false);
	});

	it('numeric: as people type it, within the tolerance', () => {
		expect(scoreQuestion(numeric, ['1000']).correct).toBe(true);
		expect(scoreQuestion(numeric, ['1 000 сом']).correct).toBe(true);
		expect(scoreQuestion(numeric, ['1,000']).correct).toBe(true);
		expect(scoreQuestion(numeric, ['1005']).correct).toBe(true);
		expect(scoreQuestion(numeric, ['994,5']).correct).toBe(false);
		expect(scoreQuestion(numeric, ['1006']).correct).toBe(false);
		expect(scoreQuestion(numeric, ['a thousand']).unanswered).toBe(true);
		expect(scoreQuestion({ ...numeric, answer: 0.3, tolerance: 0 }, ['0,3']).correct).toBe(true);
	});

	it('passes at the pass mark, one point per question', () => {
		const qs = [single, multiple, numeric];
		const two = scoreQuiz(qs, { s: ['b'], m: ['a', 'c'], n: ['5'] }, 70);
		expect(two).toMatchObject({ score: 2, total: 3, percent: 67, passed: false });
		expect(scoreQuiz(qs, { s: ['b'], m: ['a', 'c'], n: ['5'] }, 66).passed).toBe(true);
		expect(scoreQuiz(qs, { s: ['b'], m: ['a', 'c'], n: ['1000'] }, 100).passed).toBe(true);
		expect(scoreQuiz([], {}, 70).passed).toBe(false);
	});
});
