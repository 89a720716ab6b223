import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvSheetRows, matchLanguage, parseXlsForm, parseXlsFormCsv, parseXlsFormSheets } from './xlsform';

async function xlsx(sheets: Record<string, (string | number | null)[][]>): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	for (const [name, rows] of Object.entries(sheets)) {
		const ws = wb.addWorksheet(name);
		for (const row of rows) ws.addRow(row);
	}
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

// A perception survey written for this test in Russian, Kyrgyz and English, with the three header styles
// the issue names: a code (`label::ru`), a name with the code in parentheses, and the English name.
const SURVEY = [
	[
		'type',
		'name',
		'label::ru',
		'label::Кыргызча (ky)',
		'label::English (en)',
		'hint::ru',
		'required',
		'$kuid'
	],
	[
		'note',
		'intro',
		'Спасибо, что участвуете',
		'Катышканыңыз үчүн рахмат',
		'Thank you for taking part',
		null,
		null,
		'a1'
	],
	['begin_group', 'confidence', 'Уверенность', 'Ишеним', 'Confidence', null, null, 'a2'],
	[
		'select_one agree5',
		'q_loan',
		'Я могу получить кредит',
		'Мен насыя ала алам',
		'I can get a loan',
		'Оцените',
		'yes',
		'a3'
	],
	['begin group', 'inner', 'Вложенная', 'Ички', 'Nested', null, null, 'a4'],
	[
		'select_multiple channels',
		'q_channels',
		'Откуда вы узнаёте',
		'Кайдан билесиз',
		'Where do you learn',
		null,
		'no',
		'a5'
	],
	['end group', null, null, null, null, null, null, 'a6'],
	['end_group', null, null, null, null, null, null, 'a7'],
	['integer', 'q_staff', 'Сколько работников', 'Канча кызматкер', 'How many employees', null, 'TRUE()', 'a8'],
	[
		'select_one yesno',
		'q_registered',
		'Бизнес зарегистрирован',
		'Бизнес катталган',
		'Business registered',
		null,
		null,
		'a9'
	],
	['text', 'q_comment', 'Комментарий', 'Пикир', null, null, null, 'a10'],
	[null, null, null, null, null, null, null, null]
];
const CHOICES = [
	['list_name', 'name', 'label::ru', 'label::Кыргызча (ky)', 'label::English (en)'],
	['agree5', '1', 'Совсем не согласна', 'Такыр макул эмесмин', 'Strongly disagree'],
	['agree5', '2', 'Не согласна', 'Макул эмесмин', 'Disagree'],
	['agree5', '3', 'Ни то ни другое', 'Бейтарап', 'Neither'],
	['agree5', '4', 'Согласна', 'Макулмун', 'Agree'],
	['agree5', '5', 'Полностью согласна', 'Толук макулмун', 'Strongly agree'],
	['channels', 'radio', 'Радио', 'Радио', 'Radio'],
	['channels', 'friends', 'Знакомые & соседи', 'Тааныштар', 'Friends & neighbours'],
	['yesno', 'yes', 'Да', 'Ооба', 'Yes'],
	['yesno', 'no', 'Нет', 'Жок', 'No']
];
const SETTINGS = [
	['form_title', 'form_id', 'version', 'default_language'],
	['Восприятие 2026', 'perception_2026', '3', 'Русский (ru)']
];

describe('matchLanguage', () => {
	it.each([
		['ru', 'ru'],
		['Русский (ru)', 'ru'],
		['Kyrgyz (ky)', 'ky'],
		['kir', 'ky'],
		['English', 'en'],
		['en-GB', 'en'],
		['kk_KZ', 'kk'],
		['Тоҷикӣ', 'tg'],
		['Uzbek (uz)', 'uz'],
		['uz-Latn', 'uz']
	])('%s → %s', (raw, locale) => {
		expect(matchLanguage(raw)).toEqual({ locale });
	});

	it('recognises Cyrillic Uzbek and unknown languages', () => {
		expect(matchLanguage('uz_Cyrl')).toEqual({ uzCyrillic: true });
		expect(matchLanguage('Ўзбекча (uz-Cyrl)')).toEqual({ uzCyrillic: true });
		expect(matchLanguage('French (fr)')).toEqual({ unknown: true });
	});
});

describe('parseXlsForm (XLSX)', () => {
	it('imports a three-language form with groups, an agreement scale, a multiple choice and an integer', async () => {
		const r = await parseXlsForm(await xlsx({ survey: SURVEY, choices: CHOICES, settings: SETTINGS }));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		const { form } = r;
		expect(form.formId).toBe('perception_2026');
		expect(form.version).toBe('3');
		expect(form.title).toEqual({ ru: 'Восприятие 2026' });
		expect(form.locales).toEqual(['ky', 'ru', 'en']);
		expect(form.items.map((i) => [i.name, i.kind, i.required, i.groups.join('/')])).toEqual([
			['intro', 'note', false, ''],
			['q_loan', 'agreement', true, 'confidence'],
			['q_channels', 'multiple', false, 'confidence/inner'],
			['q_staff', 'number', true, ''],
			['q_registered', 'single', false, ''],
			['q_comment', 'text', false, '']
		]);
		expect(form.groups.map((g) => [g.name, g.groups])).toEqual([
			['confidence', []],
			['inner', ['confidence']]
		]);
		const loan = form.items[1];
		expect(loan.label).toEqual({
			ky: 'Мен насыя ала алам',
			ru: 'Я могу получить кредит',
			en: 'I can get a loan'
		});
		expect(loan.hint).toEqual({ ru: 'Оцените' });
		expect(loan.choices?.map((c) => c.name)).toEqual(['1', '2', '3', '4', '5']);
		expect(loan.choices?.[4].label.ky).toBe('Толук макулмун');
		expect(form.items[2].choices?.[1].label.en).toBe('Friends & neighbours');
		expect(form.items[3].integer).toBe(true);
		expect(loan.row).toBe(4);
		// The English comment label is missing: kept as a warning naming the row and the column.
		expect(r.warnings).toEqual([
			{ sheet: 'survey', row: 11, column: 'label::English (en)', code: 'MISSING_TRANSLATION', detail: 'en' }
		]);
	});

	it('refuses `relevant`, naming the row and the column, and returns no form', async () => {
		const survey = [
			['type', 'name', 'label::ru', 'relevant'],
			['select_one yesno', 'q_has_business', 'Есть бизнес?', null],
			['integer', 'q_staff', 'Сколько работников', "${q_has_business} = 'yes'"]
		];
		const r = await parseXlsForm(await xlsx({ survey, choices: CHOICES }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual([
			{ sheet: 'survey', row: 3, column: 'relevant', code: 'UNSUPPORTED_COLUMN', detail: 'relevant' }
		]);
	});

	it('refuses calculate (type and column), constraint, choice_filter, repeats and unknown types', async () => {
		const survey = [
			['type', 'name', 'label::en', 'constraint', 'choice_filter', 'calculation'],
			['calculate', 'c1', null, null, null, '1 + 1'],
			['integer', 'n1', 'Count', '. > 0', null, null],
			['select_one yesno', 's1', 'Pick', null, 'x = 1', null],
			['begin_repeat', 'r1', 'Repeat', null, null, null],
			['geopoint', 'g1', 'Where', null, null, null],
			['select_one yesno or_other', 's2', 'Pick', null, null, null]
		];
		const r = await parseXlsForm(await xlsx({ survey, choices: CHOICES }));
		if (r.ok) throw new Error('accepted');
		expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'calculation', 'UNSUPPORTED_COLUMN'],
			[2, 'type', 'UNSUPPORTED_TYPE'],
			[3, 'constraint', 'UNSUPPORTED_COLUMN'],
			[4, 'choice_filter', 'UNSUPPORTED_COLUMN'],
			[5, 'type', 'REPEAT_UNSUPPORTED'],
			[6, 'type', 'UNSUPPORTED_TYPE'],
			[7, 'type', 'UNSUPPORTED_TYPE']
		]);
	});

	it('refuses presentation columns and unknown columns that hold a value; skips empty ones and $ columns', async () => {
		const survey = [
			['type', 'name', 'label::en', 'appearance', 'media::image::en', 'my_notes', 'relevant', '$autoname'],
			['integer', 'n1', 'Count', 'minimal', null, null, null, 'n1'],
			['text', 't1', 'Say', null, 'pic.png', 'todo', null, 't1']
		];
		const r = await parseXlsForm(await xlsx({ survey }));
		if (r.ok) throw new Error('accepted');
		expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
			[2, 'appearance', 'UNSUPPORTED_COLUMN'],
			[3, 'media::image::en', 'UNSUPPORTED_COLUMN'],
			[3, 'my_notes', 'UNKNOWN_COLUMN']
		]);
	});

	it('says when the bytes are not a workbook', async () => {
		const r = await parseXlsForm(new TextEncoder().encode('type,name\ninteger,a'));
		expect(r).toMatchObject({ ok: false, errors: [{ code: 'UNREADABLE_WORKBOOK' }] });
	});
});

describe('parseXlsFormSheets (already-split sheets)', () => {
	it('maps a plain label to the caller default, and checks lists, names and groups', () => {
		const r = parseXlsFormSheets(
			{
				survey: [
					['type', 'name', 'label'],
					['begin_group', 'g', 'G'],
					['select_one nolist', 'a', 'A'],
					['integer', 'a', 'A again'],
					['text', '1bad', 'Bad'],
					['integer', 'b', ''],
					['end_group', '', ''],
					['end_group', '', '']
				],
				choices: [['list_name', 'name', 'label']]
			},
			{ defaultLocale: 'ky' }
		);
		if (r.ok) throw new Error('accepted');
		expect(r.errors.map((e) => [e.row, e.column, e.code, e.detail])).toEqual([
			[3, 'type', 'UNKNOWN_LIST', 'nolist'],
			[4, 'name', 'DUPLICATE_NAME', 'a'],
			[5, 'name', 'INVALID_NAME', '1bad'],
			[6, 'label', 'MISSING_LABEL', 'b'],
			[8, 'type', 'UNBALANCED_GROUP', 'end_group']
		]);
	});

	it('refuses a plain label with no known language, and a missing survey sheet', () => {
		const r = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label'],
				['text', 'a', 'A']
			]
		});
		expect(r).toMatchObject({ ok: false, errors: [{ row: 1, column: 'label', code: 'NO_LABEL_LANGUAGE' }] });
		expect(parseXlsFormSheets({})).toMatchObject({
			ok: false,
			errors: [{ sheet: 'workbook', code: 'MISSING_SHEET', detail: 'survey' }]
		});
	});

	it('ignores Cyrillic Uzbek beside Latin Uzbek with a warning, refuses it alone, refuses unknown languages', () => {
		const both = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label::uz', 'label::uz_Cyrl'],
				['text', 'a', 'Fikringiz', 'Фикрингиз']
			]
		});
		if (!both.ok) throw new Error(JSON.stringify(both.errors));
		expect(both.form.items[0].label).toEqual({ uz: 'Fikringiz' });
		expect(both.warnings).toEqual([
			{ sheet: 'survey', row: 1, column: 'label::uz_Cyrl', code: 'UZ_CYRILLIC_IGNORED' }
		]);

		const alone = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label::uz-Cyrl', 'label::French (fr)'],
				['text', 'a', 'Фикрингиз', 'Avis']
			]
		});
		if (alone.ok) throw new Error('accepted');
		expect(alone.errors.map((e) => [e.column, e.code])).toEqual([
			['label::French (fr)', 'UNKNOWN_LANGUAGE'],
			['label::uz-Cyrl', 'UZ_CYRILLIC_UNSUPPORTED']
		]);
	});

	it('warns about choice labels missing in a language the survey uses', () => {
		const r = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label::ru', 'label::kk'],
				['select_one yn', 'q', 'Да?', 'Иә?']
			],
			choices: [
				['list_name', 'name', 'label::ru'],
				['yn', 'yes', 'Да'],
				['yn', 'no', 'Нет']
			]
		});
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.warnings).toEqual([
			{ sheet: 'choices', row: 2, column: 'label::kk', code: 'MISSING_TRANSLATION', detail: 'kk' },
			{ sheet: 'choices', row: 3, column: 'label::kk', code: 'MISSING_TRANSLATION', detail: 'kk' }
		]);
	});

	it('treats a select_one on a list other than 1…5 as single choice and requires a question', () => {
		const r = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label::en', 'required'],
				['note', 'n', 'Hello', 'maybe']
			]
		});
		if (r.ok) throw new Error('accepted');
		expect(r.errors.map((e) => e.code)).toEqual(['INVALID_REQUIRED']);
		const onlyNote = parseXlsFormSheets({
			survey: [
				['type', 'name', 'label::en'],
				['note', 'n', 'Hello']
			]
		});
		expect(onlyNote).toMatchObject({ ok: false, errors: [{ code: 'NO_QUESTIONS' }] });
	});
});

describe('parseXlsFormCsv (one CSV per sheet)', () => {
	it('splits quoted fields, doubled quotes, CRLF and keeps blank lines for row numbers', () => {
		expect(csvSheetRows('\uFEFFa,"b, ""c"""\r\n\r\n"x\ny",z')).toEqual([
			['a', 'b, "c"'],
			[''],
			['x\ny', 'z']
		]);
		expect(csvSheetRows('a,"open')).toBeNull();
	});

	it('imports the same form from CSV sheets and names the right row on an error', () => {
		const toCsv = (rows: (string | number | null)[][]) =>
			rows.map((r) => r.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
		const r = parseXlsFormCsv({ survey: toCsv(SURVEY), choices: toCsv(CHOICES), settings: toCsv(SETTINGS) });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.form.items.map((i) => i.kind)).toEqual([
			'note',
			'agreement',
			'multiple',
			'number',
			'single',
			'text'
		]);
		expect(r.form.items[1].label.ky).toBe('Мен насыя ала алам');

		const bad = parseXlsFormCsv({ survey: 'type,name,label::en,relevant\n\ntext,a,A,${x} = 1' });
		expect(bad).toMatchObject({
			ok: false,
			errors: [{ row: 3, column: 'relevant', code: 'UNSUPPORTED_COLUMN' }]
		});
		expect(parseXlsFormCsv({ survey: 'type,name\n"text,a' })).toMatchObject({
			ok: false,
			errors: [{ sheet: 'survey', code: 'UNREADABLE_CSV' }]
		});
	});
});
