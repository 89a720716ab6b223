import { describe, expect, it } from 'vitest';
import {
	cyrillicToLatin,
	foldText,
	latinToCyrillic,
	exactForms,
	parseQuery,
	skeleton,
	variants
} from './text';

describe('search text', () => {
	it('folds Kyrgyz, Kazakh and Tajik letters and ё', () => {
		expect(foldText('Өнөрчүлүк Ысык-Көл')).toBe('онорчулук ысык-кол');
		expect(foldText('Кәсіпкерлік қолдау ұйымы һ ғ ң')).toBe('касипкерлик колдау уйымы х г н');
		expect(foldText('Ҷумҳурии Тоҷикистон ӣ ӯ')).toBe('чумхурии точикистон и у');
		expect(foldText('Ёлка')).toBe('елка');
	});

	it('normalises every Uzbek apostrophe spelling', () => {
		const forms = ['qoʻllab', "qo'llab", 'qo‘llab', 'qo’llab', 'qo`llab'];
		expect(new Set(forms.map((f) => foldText(f)))).toEqual(new Set(['qollab']));
		expect(foldText('Gʻalla')).toBe('galla');
	});

	it('transliterates Uzbek Cyrillic and Latin both ways', () => {
		expect(cyrillicToLatin(foldText('Аёллар дафтари', { keepYo: true }))).toBe('ayollar daftari');
		expect(parseQuery('Аёллар').forms[0]).toEqual(['аеллар', 'ayollar']);
		expect(cyrillicToLatin(foldText('Ўзбекистон'))).toBe('uzbekiston');
		expect(latinToCyrillic(foldText('Ayollar daftari'))).toBe('аеллар дафтари'); // folded: ё→е
		expect(latinToCyrillic('shahar choy')).toBe('шахар чой');
		expect(variants('toshkent')).toEqual(['toshkent', 'тошкент']);
	});

	it('gives Russian and Uzbek spellings of the same name one skeleton', () => {
		expect(skeleton(foldText('Ташкент'))).toBe(skeleton(foldText('Toshkent')));
		expect(skeleton(foldText('Самарканд'))).toBe(skeleton(foldText('Samarqand')));
		expect(skeleton(foldText('Хорезм'))).toBe(skeleton(foldText('horezm')));
	});

	it('parses at most eight distinct words, letters and digits only', () => {
		const q = parseQuery('grant & loan; grant (2026) a b c d e f g h');
		expect(q.tokens).toEqual(['grant', 'loan', '2026', 'a', 'b', 'c', 'd', 'e']);
		expect(parseQuery("'; drop table --").tokens).toEqual(['drop', 'table']);
	});
});

describe('exactForms', () => {
	it('matches any form exactly, without prefix terms, and drops anything that is not a word', () => {
		expect(exactForms(['кредит', 'кредиты', 'кредит', "o'z", 'grant'])).toEqual([
			'кредит',
			'кредиты',
			'grant'
		]);
	});
});
