/**
 * XLSForm import for perception surveys (issue 16, item 4): the Kobo/ODK form format, read from an
 * XLSX workbook (exceljs) or from already-split sheets (e.g. one CSV per sheet), into Birge's survey
 * definition. Pure apart from reading the workbook buffer; errors and warnings are data
 * (`{sheet, row, column, code, detail?}`), their codes map to message keys in the impact module later —
 * no UI strings here.
 *
 * Supported: sheets `survey` (required), `choices`, `settings`; types `select_one <list>`,
 * `select_multiple <list>`, `integer`, `decimal`, `text`, `note`, `begin_group`/`end_group` (also spelled
 * `begin group`/`end group`; groups are flattened, each item keeps its group path); columns `type`, `name`,
 * `label`, `label::<language>`, `hint`, `hint::<language>`, `required`; choices `list_name`, `name`,
 * `label[::<language>]`; settings `form_title`, `form_id`, `version`, `default_language`.
 *
 * Refused, never dropped: the columns `relevant`, `calculate`/`calculation`, `constraint`,
 * `constraint_message`, `choice_filter`, `repeat_count`, `default`, `read_only`, `trigger`, `appearance`,
 * `media::*`, … (UNSUPPORTED_COLUMN, naming the column) and any other column with a value that Birge does
 * not know (UNKNOWN_COLUMN) — a column with no value in any row is harmless and skipped; `begin_repeat`
 * (REPEAT_UNSUPPORTED); any other type, `or_other` included (UNSUPPORTED_TYPE). Kobo's own bookkeeping
 * columns (starting with `$`, e.g. `$kuid`, `$autoname`) carry no form logic and are skipped.
 *
 * Languages: `label::ru`, `label::ru-RU`, `label::Русский (ru)`, `label::Kyrgyz (ky)`, the ISO 639-2 codes
 * (kir, kaz, tgk, uzb, rus, eng) and the plain English or native names map to Birge's locales
 * ky kk tg uz ru en. A plain `label` column takes the settings' `default_language`, else the caller's
 * `defaultLocale`. Uzbek in Cyrillic (`uz-Cyrl`, `uz_Cyrl`): Birge's Uzbek is Latin only, so a Cyrillic
 * column is ignored with the warning UZ_CYRILLIC_IGNORED when the form also has a Latin Uzbek column, and
 * refused (UZ_CYRILLIC_UNSUPPORTED) when it is the only Uzbek — we never store Cyrillic text as `uz`.
 * Any other language is refused (UNKNOWN_LANGUAGE).
 *
 * The 5-point agreement scale: a `select_one` whose list's choice names are exactly 1, 2, 3, 4, 5 becomes
 * an `agreement` item (values 1…5, so a mean is meaningful); any other `select_one` is `single`.
 */
import ExcelJS from 'exceljs';
import { LOCALES, type Locale } from '#lib/i18n/locales';

export type Localized = Partial<Record<Locale, string>>;

export type SurveyItemKind = 'agreement' | 'single' | 'multiple' | 'number' | 'text' | 'note';

export interface SurveyChoice {
	name: string;
	label: Localized;
}

export interface SurveyItem {
	name: string;
	kind: SurveyItemKind;
	/** `number` items: true for `integer`, false for `decimal`. */
	integer?: boolean;
	label: Localized;
	hint: Localized;
	required: boolean;
	/** Names of the enclosing groups, outermost first. */
	groups: string[];
	/** `agreement`, `single`, `multiple`. */
	listName?: string;
	choices?: SurveyChoice[];
	/** Spreadsheet row on the survey sheet (header = row 1). */
	row: number;
}

export interface SurveyGroup {
	name: string;
	label: Localized;
	groups: string[];
	row: number;
}

export interface SurveyForm {
	formId: string | null;
	title: Localized;
	version: string | null;
	/** Locales that have at least one label column, in Birge's order. */
	locales: Locale[];
	items: SurveyItem[];
	groups: SurveyGroup[];
}

export type XlsFormSheet = 'workbook' | 'survey' | 'choices' | 'settings';

export type XlsFormErrorCode =
	| 'UNREADABLE_WORKBOOK'
	| 'UNREADABLE_CSV'
	| 'MISSING_SHEET'
	| 'MISSING_COLUMN'
	| 'UNSUPPORTED_COLUMN'
	| 'UNKNOWN_COLUMN'
	| 'UNSUPPORTED_TYPE'
	| 'REPEAT_UNSUPPORTED'
	| 'MISSING_TYPE'
	| 'MISSING_NAME'
	| 'INVALID_NAME'
	| 'DUPLICATE_NAME'
	| 'MISSING_LABEL'
	| 'UNKNOWN_LIST'
	| 'EMPTY_LIST'
	| 'DUPLICATE_CHOICE'
	| 'INVALID_REQUIRED'
	| 'UNBALANCED_GROUP'
	| 'UNKNOWN_LANGUAGE'
	| 'DUPLICATE_LANGUAGE'
	| 'NO_LABEL_LANGUAGE'
	| 'UZ_CYRILLIC_UNSUPPORTED'
	| 'NO_QUESTIONS';

export type XlsFormWarningCode = 'UZ_CYRILLIC_IGNORED' | 'MISSING_TRANSLATION';

export interface XlsFormIssue<C extends string> {
	sheet: XlsFormSheet;
	/** Spreadsheet row (header = 1), null for a sheet-level issue. */
	row: number | null;
	/** The column header as written in the file, null when no column applies. */
	column: string | null;
	code: C;
	/** The offending text (a type, a language, a list name), for the message. */
	detail?: string;
}

export type XlsFormError = XlsFormIssue<XlsFormErrorCode>;
export type XlsFormWarning = XlsFormIssue<XlsFormWarningCode>;

export type XlsFormResult =
	| { ok: true; form: SurveyForm; warnings: XlsFormWarning[] }
	| { ok: false; errors: XlsFormError[]; warnings: XlsFormWarning[] };

/** A sheet as rows of cell texts; row 0 is the header. */
export type SheetRows = string[][];

export interface XlsFormSheets {
	survey?: SheetRows;
	choices?: SheetRows;
	settings?: SheetRows;
}

export interface XlsFormOptions {
	/** The locale of plain `label`/`hint` columns when the settings sheet names no default_language. */
	defaultLocale?: Locale;
}

const REFUSED_COLUMNS = new Set([
	'relevant',
	'calculate',
	'calculation',
	'constraint',
	'constraint_message',
	'choice_filter',
	'repeat_count',
	'default',
	'read_only',
	'trigger',
	'required_message',
	'appearance',
	'parameters',
	'guidance_hint',
	'media',
	'image',
	'audio',
	'video'
]);

const LANGUAGE_ALIASES: Record<string, Locale> = {
	ky: 'ky',
	kir: 'ky',
	kyrgyz: 'ky',
	kirghiz: 'ky',
	кыргызча: 'ky',
	кыргыз: 'ky',
	kk: 'kk',
	kaz: 'kk',
	kazakh: 'kk',
	қазақша: 'kk',
	қазақ: 'kk',
	tg: 'tg',
	tgk: 'tg',
	tajik: 'tg',
	тоҷикӣ: 'tg',
	uz: 'uz',
	'uz-latn': 'uz',
	uzb: 'uz',
	uzbek: 'uz',
	oʻzbekcha: 'uz',
	"o'zbekcha": 'uz',
	ru: 'ru',
	rus: 'ru',
	russian: 'ru',
	русский: 'ru',
	en: 'en',
	eng: 'en',
	english: 'en'
};

const UZ_CYRILLIC = new Set(['uz-cyrl', 'ўзбекча']);

type LanguageMatch = { locale: Locale } | { uzCyrillic: true } | { unknown: true };

/** Map a language as written after `label::` to a Birge locale. */
export function matchLanguage(raw: string): LanguageMatch {
	const text = raw.trim();
	const inParens = /\(([^()]+)\)\s*$/.exec(text);
	const candidates = inParens ? [inParens[1], text.slice(0, inParens.index)] : [text];
	for (const candidate of candidates) {
		const key = candidate.trim().toLowerCase().replace(/_/g, '-');
		if (UZ_CYRILLIC.has(key)) return { uzCyrillic: true };
		const direct = LANGUAGE_ALIASES[key];
		if (direct) return { locale: direct };
		// A BCP 47 tag with a region (ru-RU, en-GB, kk-KZ); not a script subtag (handled above).
		const primary = /^([a-z]{2,3})-[a-z]{2}$/.exec(key);
		if (primary && LANGUAGE_ALIASES[primary[1]]) return { locale: LANGUAGE_ALIASES[primary[1]] };
	}
	return { unknown: true };
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9._-]*$/;

interface ColumnPlan {
	/** Column index → what it holds. */
	type?: number;
	name?: number;
	required?: number;
	listName?: number;
	label: Map<Locale, number>;
	hint: Map<Locale, number>;
	refused: { index: number; header: string }[];
	/** A label column was refused: an empty label below is a consequence, not another error. */
	labelBroken: boolean;
}

function cell(row: string[] | undefined, index: number | undefined): string {
	if (!row || index === undefined) return '';
	return (row[index] ?? '').trim();
}

function isEmptyRow(row: string[]) {
	return row.every((c) => (c ?? '').trim() === '');
}

export function parseXlsFormSheets(sheets: XlsFormSheets, options: XlsFormOptions = {}): XlsFormResult {
	const errors: XlsFormError[] = [];
	const warnings: XlsFormWarning[] = [];

	// Settings first: default_language decides what a plain `label` column means.
	const settings = new Map<string, string>();
	if (sheets.settings && sheets.settings.length > 0) {
		const header = sheets.settings[0].map((h) => (h ?? '').trim().toLowerCase());
		const values = sheets.settings.slice(1).find((r) => !isEmptyRow(r)) ?? [];
		header.forEach((h, i) => settings.set(h, cell(values, i)));
	}
	let defaultLocale: Locale | undefined = options.defaultLocale;
	let defaultLanguageError = false;
	const defaultLanguage = settings.get('default_language') ?? '';
	if (defaultLanguage && defaultLanguage.toLowerCase() !== 'default') {
		const m = matchLanguage(defaultLanguage);
		if ('locale' in m) defaultLocale = m.locale;
		else {
			defaultLanguageError = true;
			errors.push({
				sheet: 'settings',
				row: 2,
				column: 'default_language',
				code: 'uzCyrillic' in m ? 'UZ_CYRILLIC_UNSUPPORTED' : 'UNKNOWN_LANGUAGE',
				detail: defaultLanguage
			});
		}
	}

	const planColumns = (sheet: 'survey' | 'choices', header: string[]): ColumnPlan => {
		const plan: ColumnPlan = { label: new Map(), hint: new Map(), refused: [], labelBroken: false };
		const errorsBefore = errors.length;
		const cyrillic: { index: number; header: string }[] = [];
		header.forEach((rawHeader, index) => {
			const h = (rawHeader ?? '').trim();
			if (h === '' || h.startsWith('$')) return;
			const sep = h.indexOf('::');
			const base = (sep === -1 ? h : h.slice(0, sep)).trim().toLowerCase();
			const lang = sep === -1 ? null : h.slice(sep + 2);
			if (lang === null && base === 'type' && sheet === 'survey') plan.type = index;
			else if (lang === null && base === 'name') plan.name = index;
			else if (lang === null && base === 'required' && sheet === 'survey') plan.required = index;
			else if (lang === null && base === 'list_name' && sheet === 'choices') plan.listName = index;
			else if (base === 'label' || (base === 'hint' && sheet === 'survey')) {
				const target = base === 'label' ? plan.label : plan.hint;
				let locale: Locale | undefined;
				if (lang === null) {
					if (!defaultLocale) {
						if (!defaultLanguageError) errors.push({ sheet, row: 1, column: h, code: 'NO_LABEL_LANGUAGE' });
						return;
					}
					locale = defaultLocale;
				} else {
					const m = matchLanguage(lang);
					if ('uzCyrillic' in m) {
						cyrillic.push({ index, header: h });
						return;
					}
					if ('unknown' in m) {
						errors.push({ sheet, row: 1, column: h, code: 'UNKNOWN_LANGUAGE', detail: lang.trim() });
						return;
					}
					locale = m.locale;
				}
				if (target.has(locale)) {
					errors.push({ sheet, row: 1, column: h, code: 'DUPLICATE_LANGUAGE', detail: locale });
					return;
				}
				target.set(locale, index);
			} else plan.refused.push({ index, header: h });
		});
		for (const c of cyrillic) {
			const base = c.header.slice(0, c.header.indexOf('::')).trim().toLowerCase();
			const latin = (base === 'label' ? plan.label : plan.hint).has('uz');
			if (latin) warnings.push({ sheet, row: 1, column: c.header, code: 'UZ_CYRILLIC_IGNORED' });
			else errors.push({ sheet, row: 1, column: c.header, code: 'UZ_CYRILLIC_UNSUPPORTED' });
		}
		plan.labelBroken = errors.slice(errorsBefore).some((e) => e.column?.toLowerCase().startsWith('label'));
		return plan;
	};

	const localized = (row: string[], columns: Map<Locale, number>): Localized => {
		const out: Localized = {};
		for (const locale of LOCALES) {
			const text = cell(row, columns.get(locale));
			if (text) out[locale] = text;
		}
		return out;
	};

	const refuseColumns = (sheet: 'survey' | 'choices', plan: ColumnPlan, row: string[], rowNo: number) => {
		for (const r of plan.refused) {
			if (cell(row, r.index) === '') continue;
			const base = r.header.split('::')[0].trim().toLowerCase();
			errors.push({
				sheet,
				row: rowNo,
				column: r.header,
				code: REFUSED_COLUMNS.has(base) ? 'UNSUPPORTED_COLUMN' : 'UNKNOWN_COLUMN',
				detail: r.header
			});
		}
	};

	// Choices.
	const lists = new Map<string, SurveyChoice[]>();
	const choiceRows = new Map<SurveyChoice, number>();
	let choicePlan: ColumnPlan | null = null;
	if (sheets.choices && sheets.choices.length > 0) {
		choicePlan = planColumns('choices', sheets.choices[0]);
		for (const [col, code] of [
			[choicePlan.listName, 'list_name'],
			[choicePlan.name, 'name']
		] as const) {
			if (col === undefined) errors.push({ sheet: 'choices', row: 1, column: code, code: 'MISSING_COLUMN' });
		}
		sheets.choices.slice(1).forEach((row, i) => {
			const rowNo = i + 2;
			if (isEmptyRow(row) || !choicePlan) return;
			refuseColumns('choices', choicePlan, row, rowNo);
			const list = cell(row, choicePlan.listName);
			const name = cell(row, choicePlan.name);
			if (!list) {
				errors.push({ sheet: 'choices', row: rowNo, column: 'list_name', code: 'MISSING_NAME' });
				return;
			}
			if (!name) {
				errors.push({ sheet: 'choices', row: rowNo, column: 'name', code: 'MISSING_NAME' });
				return;
			}
			const choices = lists.get(list) ?? [];
			if (choices.some((c) => c.name === name)) {
				errors.push({ sheet: 'choices', row: rowNo, column: 'name', code: 'DUPLICATE_CHOICE', detail: name });
				return;
			}
			const label = localized(row, choicePlan.label);
			if (Object.keys(label).length === 0 && !choicePlan.labelBroken)
				errors.push({ sheet: 'choices', row: rowNo, column: 'label', code: 'MISSING_LABEL', detail: name });
			const choice = { name, label };
			choices.push(choice);
			choiceRows.set(choice, rowNo);
			lists.set(list, choices);
		});
	}

	// Survey.
	const items: SurveyItem[] = [];
	const groups: SurveyGroup[] = [];
	const survey = sheets.survey;
	if (!survey || survey.length === 0) {
		errors.push({ sheet: 'workbook', row: null, column: null, code: 'MISSING_SHEET', detail: 'survey' });
		return { ok: false, errors, warnings };
	}
	const plan = planColumns('survey', survey[0]);
	if (plan.type === undefined)
		errors.push({ sheet: 'survey', row: 1, column: 'type', code: 'MISSING_COLUMN' });
	if (plan.name === undefined)
		errors.push({ sheet: 'survey', row: 1, column: 'name', code: 'MISSING_COLUMN' });
	if (plan.type === undefined || plan.name === undefined) return { ok: false, errors, warnings };

	const typeHeader = survey[0][plan.type].trim();
	const nameHeader = survey[0][plan.name].trim();
	const usedNames = new Set<string>();
	const stack: { name: string; row: number }[] = [];
	const formLocales = new Set<Locale>([...plan.label.keys()]);

	survey.slice(1).forEach((row, i) => {
		const rowNo = i + 2;
		if (isEmptyRow(row)) return;
		refuseColumns('survey', plan, row, rowNo);
		const rawType = cell(row, plan.type).replace(/\s+/g, ' ');
		const type = rawType.toLowerCase();
		const name = cell(row, plan.name);
		const at = (column: string, code: XlsFormErrorCode, detail?: string) =>
			errors.push({ sheet: 'survey', row: rowNo, column, code, ...(detail ? { detail } : {}) });

		if (!type) return at(typeHeader, 'MISSING_TYPE');
		if (type === 'end_group' || type === 'end group') {
			if (stack.length === 0) return at(typeHeader, 'UNBALANCED_GROUP', rawType);
			stack.pop();
			return;
		}
		if (type === 'begin_repeat' || type === 'begin repeat' || type === 'end_repeat' || type === 'end repeat')
			return at(typeHeader, 'REPEAT_UNSUPPORTED', rawType);

		const label = localized(row, plan.label);
		const hint = localized(row, plan.hint);
		const checkName = () => {
			if (!name) {
				at(nameHeader, 'MISSING_NAME');
				return false;
			}
			if (!NAME_RE.test(name)) {
				at(nameHeader, 'INVALID_NAME', name);
				return false;
			}
			if (usedNames.has(name)) {
				at(nameHeader, 'DUPLICATE_NAME', name);
				return false;
			}
			usedNames.add(name);
			return true;
		};

		if (type === 'begin_group' || type === 'begin group') {
			checkName();
			groups.push({ name, label, groups: stack.map((g) => g.name), row: rowNo });
			stack.push({ name, row: rowNo });
			return;
		}

		let kind: SurveyItemKind;
		let integer: boolean | undefined;
		let listName: string | undefined;
		const select = /^(select_one|select_multiple) (\S+)$/.exec(type);
		if (select) {
			listName = cell(row, plan.type).replace(/\s+/g, ' ').split(' ')[1];
			kind = select[1] === 'select_multiple' ? 'multiple' : 'single';
		} else if (type === 'integer' || type === 'decimal') {
			kind = 'number';
			integer = type === 'integer';
		} else if (type === 'text') kind = 'text';
		else if (type === 'note') kind = 'note';
		else return at(typeHeader, 'UNSUPPORTED_TYPE', rawType);

		if (!checkName()) return;
		if (Object.keys(label).length === 0 && !plan.labelBroken) at('label', 'MISSING_LABEL', name);

		let required = false;
		const requiredText = cell(row, plan.required).toLowerCase();
		if (requiredText) {
			if (['yes', 'true', 'true()', '1'].includes(requiredText)) required = true;
			else if (!['no', 'false', 'false()', '0'].includes(requiredText))
				at(survey[0][plan.required!].trim(), 'INVALID_REQUIRED', requiredText);
		}

		const item: SurveyItem = {
			name,
			kind,
			label,
			hint,
			required: kind === 'note' ? false : required,
			groups: stack.map((g) => g.name),
			row: rowNo
		};
		if (integer !== undefined) item.integer = integer;
		if (listName !== undefined) {
			const choices = lists.get(listName);
			if (!choices) at(typeHeader, 'UNKNOWN_LIST', listName);
			else if (choices.length === 0) at(typeHeader, 'EMPTY_LIST', listName);
			else {
				const names = choices.map((c) => c.name).sort();
				if (kind === 'single' && names.join(',') === '1,2,3,4,5') kind = 'agreement';
				item.kind = kind;
				item.listName = listName;
				item.choices = choices;
			}
		}
		items.push(item);
	});

	for (const open of stack)
		errors.push({
			sheet: 'survey',
			row: open.row,
			column: typeHeader,
			code: 'UNBALANCED_GROUP',
			detail: open.name
		});
	if (errors.length === 0 && items.filter((it) => it.kind !== 'note').length === 0)
		errors.push({ sheet: 'survey', row: null, column: null, code: 'NO_QUESTIONS' });

	// Translations the form promises (a label column) but a row leaves empty: kept, but said.
	if (errors.length === 0) {
		for (const it of items) {
			for (const locale of formLocales) {
				if (it.label[locale] === undefined)
					warnings.push({
						sheet: 'survey',
						row: it.row,
						column: survey[0][plan.label.get(locale)!].trim(),
						code: 'MISSING_TRANSLATION',
						detail: locale
					});
			}
		}
		// Choices of the lists the questions use, against the same languages.
		const seen = new Set<string>();
		for (const it of items) {
			if (!it.listName || seen.has(it.listName) || !it.choices) continue;
			seen.add(it.listName);
			for (const choice of it.choices) {
				for (const locale of formLocales) {
					if (choice.label[locale] !== undefined) continue;
					const index = choicePlan?.label.get(locale);
					warnings.push({
						sheet: 'choices',
						row: choiceRows.get(choice) ?? null,
						column: index === undefined ? `label::${locale}` : sheets.choices![0][index].trim(),
						code: 'MISSING_TRANSLATION',
						detail: locale
					});
				}
			}
		}
	}

	if (errors.length > 0) return { ok: false, errors, warnings };

	const title: Localized = {};
	const formTitle = settings.get('form_title');
	if (formTitle && defaultLocale) title[defaultLocale] = formTitle;
	for (const [key, value] of settings) {
		if (!key.startsWith('form_title::') || !value) continue;
		const m = matchLanguage(key.slice('form_title::'.length));
		if ('locale' in m) title[m.locale] = value;
	}

	return {
		ok: true,
		form: {
			formId: settings.get('form_id') || null,
			title,
			version: settings.get('version') || null,
			locales: LOCALES.filter((l) => formLocales.has(l)),
			items,
			groups
		},
		warnings
	};
}

/** Cell text as the user sees it (rich text flattened, formulas by their result, numbers as written). */
function cellText(c: ExcelJS.Cell): string {
	const v = c.value;
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return c.text ?? '';
}

function sheetRows(ws: ExcelJS.Worksheet | undefined): SheetRows | undefined {
	if (!ws) return undefined;
	const rows: SheetRows = [];
	const width = ws.columnCount;
	for (let r = 1; r <= ws.rowCount; r++) {
		const row = ws.getRow(r);
		const cells: string[] = [];
		for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
		rows.push(cells);
	}
	return rows;
}

/** Parse an XLSForm workbook (.xlsx bytes). Sheet names are matched case-insensitively. */
export async function parseXlsForm(
	xlsx: Uint8Array | ArrayBuffer,
	options: XlsFormOptions = {}
): Promise<XlsFormResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs declares its own `Buffer` as an ArrayBuffer: hand it an exact one (a copy of a view).
		const bytes = xlsx instanceof Uint8Array ? xlsx.slice() : new Uint8Array(xlsx);
		await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
	} catch {
		return {
			ok: false,
			errors: [{ sheet: 'workbook', row: null, column: null, code: 'UNREADABLE_WORKBOOK' }],
			warnings: []
		};
	}
	const byName = (name: string) => workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === name);
	return parseXlsFormSheets(
		{
			survey: sheetRows(byName('survey')),
			choices: sheetRows(byName('choices')),
			settings: sheetRows(byName('settings'))
		},
		options
	);
}

/**
 * Split one CSV sheet (RFC 4180: commas, double quotes with "" inside, CRLF or LF, a byte-order mark
 * tolerated) into rows, keeping blank lines so that row numbers in errors match the file. Returns null
 * when a quoted field is never closed.
 */
export function csvSheetRows(text: string): SheetRows | null {
	const src = text.replace(/^\uFEFF/, '');
	const rows: SheetRows = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c !== '"') field += c;
			else if (src[i + 1] === '"') {
				field += '"';
				i++;
			} else quoted = false;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (quoted) return null;
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/** Parse an XLSForm given as one CSV text per sheet (as Kobo/ODK users sometimes keep them). */
export function parseXlsFormCsv(
	csv: { survey: string; choices?: string; settings?: string },
	options: XlsFormOptions = {}
): XlsFormResult {
	const sheets: XlsFormSheets = {};
	const errors: XlsFormError[] = [];
	for (const name of ['survey', 'choices', 'settings'] as const) {
		const text = csv[name];
		if (text === undefined) continue;
		const rows = csvSheetRows(text);
		if (rows === null) errors.push({ sheet: name, row: null, column: null, code: 'UNREADABLE_CSV' });
		else sheets[name] = rows;
	}
	if (errors.length > 0) return { ok: false, errors, warnings: [] };
	return parseXlsFormSheets(sheets, options);
}
