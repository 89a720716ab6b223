import { describe, expect, it } from 'vitest';
import { i18nTextSchema, missingLocales, normaliseUzbekApostrophes, pickText } from './text';

describe('translatable text', () => {
	it('follows the fallback chain ky→ru→en and says when it falls back', () => {
		expect(pickText({ ky: 'Салам', ru: 'Привет' }, 'ky')).toEqual({
			text: 'Салам',
			locale: 'ky',
			fallback: false,
			draft: false
		});
		expect(pickText({ ru: 'Привет', en: 'Hello' }, 'kk')).toEqual({
			text: 'Привет',
			locale: 'ru',
			fallback: true,
			draft: false
		});
		expect(pickText({ en: 'Hello' }, 'tg')).toEqual({
			text: 'Hello',
			locale: 'en',
			fallback: true,
			draft: false
		});
		expect(pickText({ ru: 'Привет' }, 'en')).toEqual({
			text: 'Привет',
			locale: 'ru',
			fallback: true,
			draft: false
		});
		expect(pickText({ ky: 'Салам' }, 'en')).toEqual({
			text: 'Салам',
			locale: 'ky',
			fallback: true,
			draft: false
		});
		expect(pickText({}, 'en')).toBeNull();
	});

	it('normalises Uzbek apostrophes to U+02BB', () => {
		for (const typed of ["O'zbekiston", 'O‘zbekiston', 'O’zbekiston', 'O`zbekiston']) {
			expect(normaliseUzbekApostrophes(typed)).toBe('Oʻzbekiston');
		}
		expect(normaliseUzbekApostrophes("tog'")).toBe('togʻ');
	});

	it('validates and cleans per-locale input', () => {
		const parsed = i18nTextSchema.parse({ ru: '  Текст ', en: '', uz: "g'alla" });
		expect(parsed).toEqual({ ru: 'Текст', uz: 'gʻalla' });
		expect(missingLocales(parsed)).toEqual(['ky', 'kk', 'tg', 'en']);
	});
});
