import { describe, expect, it } from 'vitest';
import { editDistance, understandQuery } from './understand';

describe('understandQuery', () => {
	it('reads a region named in any language or script, with endings and without marks', () => {
		for (const q of ['Ысык-Көл', 'Ысык Кол', 'Иссык-Куль', 'Issyk-Kul', 'иссык-кульская область'])
			expect(understandQuery(q)?.region, q).toBe('KG-Y');
		expect(understandQuery('Toshkent')?.region).toBe('UZ-TK');
		expect(understandQuery('Тошкент вилояти')?.region).toBe('UZ-TO');
		expect(understandQuery('Хатлон')?.region).toBe('TJ-KT');
		expect(understandQuery('Алматы облысы')?.region).toBe('KZ-19');
		expect(understandQuery('Алматы')?.region).toBe('KZ-75');
	});

	it('reads kinds and their synonyms in six languages, and one slip of a key', () => {
		const kind = (q: string) => understandQuery(q)?.kind;
		expect(['насыя', 'несие', 'қарз', 'кредит', 'kredit', 'loan'].map(kind)).toEqual(Array(6).fill('loan'));
		expect(['обучение', 'тренинг', 'окуу', 'training'].map(kind)).toEqual(Array(4).fill('training'));
		expect(kind('гарнт')).toBe('grant');
		expect(kind('гранты президента')).toBe('grant');
		expect(kind('кредитная линия')).toBe('credit_line');
		expect(kind('бизнес-инкубатор')).toBe('incubator');
	});

	it('keeps the other words, and what removing each chip searches', () => {
		const u = understandQuery('Хатлон грант для женщин');
		expect(u).toMatchObject({ region: 'TJ-KT', kind: 'grant', rest: 'для женщин' });
		expect(u?.withoutPlace).toBe('грант для женщин');
		expect(u?.withoutKind).toBe('хатлон для женщин');
	});

	it('leaves a region of another country than the chosen one as words, and a chosen kind alone', () => {
		expect(understandQuery('Хатлон', { country: 'KG' })).toBeNull();
		expect(understandQuery('грант', { kind: 'loan' })).toBeNull();
		expect(understandQuery('Бишкек', { country: 'KG' })?.region).toBe('KG-GB');
	});

	it('searches a subject as the words the programs use in another language', () => {
		expect(understandQuery('электронная коммерция')?.rest).toBe('commerce');
		expect(understandQuery('самый обычный текст')).toBeNull();
	});

	it('counts a transposition as one edit', () => {
		expect(editDistance('гарнт', 'грант')).toBe(1);
		expect(editDistance('кредит', 'кридит')).toBe(1);
		expect(editDistance('грант', 'кредит')).toBeGreaterThan(1);
	});
});
