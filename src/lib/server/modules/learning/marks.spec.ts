import { describe, expect, it } from 'vitest';
import type { I18nText } from '../../core/text';
import { followMarks, quizKey, quizTextPaths, reseededText, withQuizText, withSeedSource } from './marks';
import type { QuizQuestion } from './schema';

const draft = { status: 'machine-draft' as const, by: null };
const seeded = (en: string, ky: string): I18nText =>
	withSeedSource({ en, ky, $src: 'en', $p: { ky: draft } });

describe('a reseed’s text', () => {
	it('takes the new seed’s text where the stored one is still the seed’s', () => {
		const { text, kept } = reseededText(seeded('Old', 'Эски'), seeded('New', 'Жаңы'));
		expect(text).toMatchObject({ en: 'New', ky: 'Жаңы', $src: 'en' });
		expect(text.$p?.ky).toEqual(draft);
		expect(kept).toEqual([]);
	});

	it('keeps a reviewed translation, an edited source and a translation the seed lacks', () => {
		const reviewed = { status: 'reviewed' as const, by: 'tr-ky', at: '2026-12-01T10:00:00.000Z' };
		const previous: I18nText = {
			en: 'Her own title',
			ky: 'Текшерилген',
			ru: 'Добавлено',
			$src: 'en',
			// A person's edit of the source leaves no seed mark on it; a review leaves hers.
			$p: { ky: reviewed, ru: { status: 'reviewed', by: 'author-1' } }
		};
		const { text, kept } = reseededText(previous, seeded('New', 'Жаңы'));
		expect(text).toMatchObject({ en: 'Her own title', ky: 'Текшерилген', ru: 'Добавлено' });
		expect(text.$p?.ky).toEqual(reviewed);
		expect(kept.sort()).toEqual(['en', 'ky', 'ru']);
	});

	it('recognises the seed’s source text stored before the seed marked it', () => {
		const previous: I18nText = { en: 'Same', ky: 'Эски', $src: 'en', $p: { ky: draft } };
		const { text, kept } = reseededText(previous, seeded('Same', 'Жаңы'));
		expect(text.$p?.en).toEqual({ status: 'source', by: null });
		expect(text.ky).toBe('Жаңы');
		expect(kept).toEqual([]);
	});
});

describe('the status map following core’s marks', () => {
	const reviewed = { status: 'reviewed' as const, by: 'tr-ky' };
	it('sets every locale but the source from the texts the key covers', () => {
		const a: I18nText = { en: 'A', ky: 'А', tg: 'А', ru: 'А', $src: 'en', $p: { ky: reviewed, tg: draft } };
		const b: I18nText = {
			en: 'B',
			ky: 'Б',
			tg: 'Б',
			ru: 'Б',
			$src: 'en',
			$p: { ky: reviewed, tg: reviewed }
		};
		const status = followMarks({ k: { en: 'machine-draft', ru: 'machine-draft' } }, 'k', [a, b]);
		expect(status.k).toEqual({
			en: 'machine-draft', // the source's entry is the module's own
			ky: 'reviewed',
			tg: 'machine-draft',
			ru: 'machine-draft', // no mark on either text: the map's entry stays
			kk: 'missing',
			uz: 'missing'
		});
	});

	it('names a seeded quiz by its file, an authored one by its slug', () => {
		expect(quizKey({ 'quiz:quiz-1.json': {} }, 'quiz-1')).toBe('quiz:quiz-1.json');
		expect(quizKey({}, 'stitch-check')).toBe('quiz:stitch-check');
	});
});

describe('a quiz’s texts by path', () => {
	const questions: QuizQuestion[] = [
		{
			id: 'q1',
			kind: 'single',
			prompt: { en: 'Which?' },
			options: [
				{ id: 'o1', correct: true, text: { en: 'This' }, feedback: { en: 'Yes' } },
				{ id: 'o2', correct: false, text: { en: 'That' } }
			],
			feedback: { correct: { en: 'Right' } }
		}
	];

	it('lists every prompt, choice and feedback, and writes one back in place', () => {
		expect(Object.keys(quizTextPaths(questions))).toEqual([
			'questions.q1.prompt',
			'questions.q1.options.o1.text',
			'questions.q1.options.o1.feedback',
			'questions.q1.options.o2.text',
			'questions.q1.feedback.correct'
		]);
		const next = withQuizText(questions, 'questions.q1.options.o2.text', { en: 'That', ky: 'Тигил' });
		expect(next[0].options![1].text).toEqual({ en: 'That', ky: 'Тигил' });
		expect(next[0].options![0]).toEqual(questions[0].options![0]);
		expect(withQuizText(questions, 'questions.q1.feedback.incorrect', { en: 'No' })[0].feedback).toEqual({
			correct: { en: 'Right' },
			incorrect: { en: 'No' }
		});
		expect(withQuizText(questions, 'questions.q9.prompt', { en: 'x' })).toEqual(questions);
		expect(withQuizText(questions, 'title', { en: 'x' })).toEqual(questions);
	});
});
