import { describe, expect, it } from 'vitest';
import {
	DictionaryImportError,
	editMapping,
	importDictionary,
	recheckMaps,
	rulesFromMapping,
	seededCategoryMaps
} from './category-maps';
import { validateCard } from './validate';
import { goodCard } from './test-fixtures';

// Test fixtures shaped like the documented dictionary answers; the ids and names are made up.
const wbSubjects = {
	data: [
		{ subjectID: 501, parentID: 50, subjectName: 'Тапочки войлочные', parentName: 'Обувь' },
		{ subjectID: 502, parentID: 60, subjectName: 'Игрушки мягкие', parentName: 'Игрушки' }
	],
	error: false,
	errorText: '',
	additionalErrors: null
};
const wbCharcs501 = {
	data: [
		{
			charcID: 11,
			subjectName: 'Тапочки войлочные',
			subjectID: 501,
			name: 'Состав',
			required: true,
			unitName: '',
			maxCount: 3,
			popular: true,
			charcType: 1
		},
		{
			charcID: 12,
			subjectName: 'Тапочки войлочные',
			subjectID: 501,
			name: 'Вес товара',
			required: false,
			unitName: 'г',
			maxCount: 0,
			popular: false,
			charcType: 4
		},
		{
			charcID: 13,
			subjectName: 'Тапочки войлочные',
			subjectID: 501,
			name: 'Бренд',
			required: true,
			unitName: '',
			maxCount: 1,
			popular: false,
			charcType: 1,
			existNamedField: true
		}
	]
};
const ozonTree = {
	result: [
		{
			description_category_id: 1700,
			category_name: 'Дом и сад',
			disabled: false,
			children: [
				{
					description_category_id: 1701,
					category_name: 'Домашний текстиль',
					disabled: false,
					children: [
						{ type_id: 9001, type_name: 'Плед', disabled: false, children: [] },
						{ type_id: 9002, type_name: 'Подушка декоративная', disabled: true, children: [] }
					]
				}
			]
		}
	]
};
const ozonAttrs = {
	result: [
		{
			id: 85,
			name: 'Бренд',
			is_required: true,
			is_collection: false,
			dictionary_id: 28732849,
			type: 'String'
		},
		{
			id: 4191,
			name: 'Аннотация',
			is_required: false,
			is_collection: false,
			dictionary_id: 0,
			type: 'multiline'
		},
		{
			id: 22232,
			name: 'ТН ВЭД коды ЕАЭС',
			is_required: true,
			is_collection: false,
			dictionary_id: 1,
			type: 'String'
		}
	]
};

describe('seeded category maps', () => {
	it('cover the four crafts on four marketplaces, all unverified, none with an invented id', () => {
		const file = seededCategoryMaps();
		expect(file.$meta.status).toBe('unverified');
		expect(file.maps.map((m) => m.birgeCategory)).toEqual([
			'felt-goods',
			'knitted-toys',
			'textile-home',
			'diy-kits'
		]);
		for (const m of file.maps) {
			expect(Object.keys(m.name).sort()).toEqual(['en', 'kk', 'ky', 'ru', 'tg', 'uz']);
			for (const mapping of Object.values(m.marketplaces)) {
				expect(mapping.status).toBe('unverified');
				expect(mapping.categoryId).toBeNull();
				expect(mapping.searchTerms.length).toBeGreaterThan(0);
			}
		}
		// unmapped, the validators say so
		const rules = rulesFromMapping('wildberries', file.maps[0].marketplaces.wildberries);
		expect(rules).toBeNull();
		expect(
			validateCard('wildberries', goodCard(), { settings: { currency: 'RUB' }, category: rules }).map(
				(p) => p.code
			)
		).toContain('category_not_mapped');
	});
});

describe('re-checking maps against an imported dictionary', () => {
	it('offers Wildberries candidates by search term, then checks a mapped subject and takes its characteristics', () => {
		const { maps } = seededCategoryMaps();
		let dict = importDictionary('wildberries', wbSubjects);
		dict = importDictionary('wildberries', wbCharcs501, dict);
		const first = recheckMaps(maps, dict, '2026-12-01');
		const felt = first.checks.find((c) => c.birgeCategory === 'felt-goods')!;
		expect(felt.result).toBe('not_mapped');
		expect(felt.candidates.map((c) => c.id)).toEqual([501]);
		expect(first.checks.find((c) => c.birgeCategory === 'knitted-toys')!.candidates.map((c) => c.id)).toEqual(
			[502]
		);

		const edited = editMapping(maps, 'felt-goods', 'wildberries', { categoryId: 501 });
		const second = recheckMaps(edited, dict, '2026-12-01');
		const check = second.checks.find((c) => c.birgeCategory === 'felt-goods')!;
		expect(check.result).toBe('checked');
		expect(check.newRequired).toEqual(['Состав', 'Бренд']);
		const mapping = second.maps[0].marketplaces.wildberries!;
		expect(mapping).toMatchObject({
			status: 'checked',
			categoryName: 'Тапочки войлочные',
			checkedAt: '2026-12-01'
		});
		const rules = rulesFromMapping('wildberries', mapping)!;
		expect(rules.verified).toBe(true);
		expect(rules.attributes.find((a) => a.id === 12)).toMatchObject({
			kind: 'number',
			maxCount: 0,
			unitName: 'г'
		});

		// the validator now demands the subject's required characteristic (brand is a named field)
		const card = goodCard();
		card.listings.wildberries!.categoryId = 501;
		card.listings.wildberries!.attributes = [];
		expect(
			validateCard('wildberries', card, { settings: { currency: 'RUB' }, category: rules }).map(
				(p) => p.field
			)
		).toEqual(['attributes.11']);

		// an edit makes it unverified again
		expect(
			editMapping(second.maps, 'felt-goods', 'wildberries', { categoryName: 'x' })[0].marketplaces
				.wildberries!.status
		).toBe('unverified');
	});

	it('flags a mapped id the dictionary no longer has', () => {
		const maps = editMapping(seededCategoryMaps().maps, 'felt-goods', 'wildberries', { categoryId: 999 });
		const { checks } = recheckMaps(maps, importDictionary('wildberries', wbSubjects), '2026-12-01');
		expect(checks[0].result).toBe('category_missing');
	});

	it('reads the Ozon tree with types, the attributes with the ids they were asked for, and reports drops', () => {
		let dict = importDictionary('ozon', ozonTree);
		expect(dict.categories).toEqual([
			{ id: 1701, typeId: 9001, name: 'Плед', path: ['Дом и сад', 'Домашний текстиль'], disabled: false },
			{
				id: 1701,
				typeId: 9002,
				name: 'Подушка декоративная',
				path: ['Дом и сад', 'Домашний текстиль'],
				disabled: true
			}
		]);
		expect(() => importDictionary('ozon', ozonAttrs, dict)).toThrow(DictionaryImportError);
		dict = importDictionary('ozon', ozonAttrs, dict, { categoryId: 1701, typeId: 9001 });
		const { maps } = seededCategoryMaps();
		const first = recheckMaps(maps, dict, '2026-12-01');
		expect(
			first.checks.find((c) => c.birgeCategory === 'textile-home')!.candidates.map((c) => c.typeId)
		).toEqual([9001]);

		const mapped = editMapping(maps, 'textile-home', 'ozon', { categoryId: 1701, typeId: 9001 });
		const second = recheckMaps(mapped, dict, '2026-12-02');
		const check = second.checks.find((c) => c.birgeCategory === 'textile-home')!;
		expect(check).toMatchObject({ result: 'checked', newRequired: ['Бренд'], dropped: [] });
		const rules = rulesFromMapping('ozon', second.maps[2].marketplaces.ozon)!;
		expect(rules.attributes.map((a) => [a.id, a.kind, a.maxCount])).toEqual([
			[85, 'dictionary', 1],
			[4191, 'strings', 1],
			[22232, 'dictionary', 1]
		]);
		const disabled = editMapping(maps, 'textile-home', 'ozon', { categoryId: 1701, typeId: 9002 });
		expect(
			recheckMaps(disabled, dict, '2026-12-02').checks.find((c) => c.birgeCategory === 'textile-home')!.result
		).toBe('category_missing');
	});

	it('refuses a file it does not recognise', () => {
		expect(() => importDictionary('wildberries', { hello: 1 })).toThrow('unrecognised');
		expect(() => importDictionary('ozon', [1, 2])).toThrow('unrecognised');
	});
});
