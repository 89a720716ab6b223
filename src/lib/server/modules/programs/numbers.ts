/**
 * Numbers as people type them in the eligibility check (issue 19): "3 жыл", "2 года 6 месяцев",
 * "600 000 сом", "1,5 млн", "51 %", spaces or non-breaking spaces between thousands, a comma decimal.
 * What cannot be read returns null, and the form says exactly what to type.
 */

export type NumberUnit = 'months' | 'money' | 'count' | 'percent';

const norm = (w: string) => w.toLowerCase().replace(/[.’'ʻʼ`‘]/g, '');

const YEARS = new Set(
	[
		'жыл',
		'жил',
		'жылы',
		'год',
		'года',
		'лет',
		'г',
		'yil',
		'йил',
		'сол',
		'year',
		'years',
		'yr',
		'yrs',
		'y'
	].map(norm)
);
const MONTHS = new Set(
	[
		'ай',
		'айы',
		'oy',
		'ой',
		'моҳ',
		'мох',
		'мес',
		'месяц',
		'месяца',
		'месяцев',
		'month',
		'months',
		'mo',
		'm'
	].map(norm)
);
const MULTIPLIERS: Record<string, number> = Object.fromEntries(
	[
		...['млрд', 'миллиард', 'миллиарда', 'миллиардов', 'mlrd', 'billion', 'bn'].map((w) => [w, 1e9]),
		...['млн', 'миллион', 'миллиона', 'миллионов', 'миллион', 'mln', 'million', 'millions', 'm'].map((w) => [
			w,
			1e6
		]),
		...['тыс', 'тысяч', 'тысячи', 'тысяча', 'мың', 'мин', 'ming', 'ҳазор', 'хазор', 'thousand', 'k'].map(
			(w) => [w, 1e3]
		)
	].map(([w, n]) => [norm(w as string), n as number])
);
const CURRENCIES = new Set(
	[
		'сом',
		'som',
		'soʻm',
		'сум',
		'сўм',
		'сұм',
		'сӯм',
		'тенге',
		'теңге',
		'tenge',
		'тг',
		'₸',
		'сомони',
		'сомонӣ',
		'somoni',
		'kgs',
		'kzt',
		'tjs',
		'uzs',
		'с',
		'сўм'
	].map(norm)
);
const PERCENT = new Set(
	['%', 'процент', 'процентов', 'процента', 'пайыз', 'пайыз', 'foiz', 'фоиз', 'percent'].map(norm)
);

/**
 * "600 000", "1,5", "1.000.000", "2.5" → a number (or null). A comma before exactly three digits is a
 * thousands separator in an amount (600,000) and a decimal comma otherwise (1,5 года).
 */
function readNumber(text: string, unit: NumberUnit): number | null {
	let s = text.replace(/[\s\u00a0\u202f\u2009]/g, '');
	if (unit === 'money' && /^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
	else if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) s = s.replace(/\./g, '');
	else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
	if (!/^\d+(\.\d+)?$/.test(s)) return null;
	return Number(s);
}

/**
 * Reads a typed number for a field: months (years count twelve), an amount (currency words and
 * million/thousand words understood), a whole count or a percentage. Null when it cannot.
 */
export function readTypedNumber(raw: string, unit: NumberUnit): number | null {
	const text = raw.trim();
	// Nothing here is ever negative: a minus is a mistake to point out, not a dash to skip.
	if (!text || /^[-−–]/.test(text)) return null;
	const parts = text.match(/\d[\d\s\u00a0\u202f\u2009.,]*|[^\d\s\u00a0\u202f\u2009]+/g) ?? [];
	let total = 0;
	let current: number | null = null;
	let any = false;
	const flush = (factor: number) => {
		if (current === null) return false;
		total += current * factor;
		current = null;
		any = true;
		return true;
	};
	for (const part of parts) {
		if (/^\d/.test(part)) {
			if (current !== null) flush(1);
			// "600 000 сом": the number ends at its last digit (a trailing comma or dot is punctuation).
			current = readNumber(part.replace(/[\s\u00a0\u202f\u2009.,]+$/, ''), unit);
			if (current === null) return null;
			continue;
		}
		const w = norm(part);
		if (!w) continue;
		if (unit === 'months' && YEARS.has(w)) {
			if (!flush(12)) return null;
		} else if (unit === 'months' && MONTHS.has(w)) {
			if (!flush(1)) return null;
		} else if (unit === 'money' && MULTIPLIERS[w] !== undefined) {
			if (!flush(MULTIPLIERS[w])) return null;
		} else if (unit === 'money' && CURRENCIES.has(w)) {
			continue;
		} else if (unit === 'percent' && PERCENT.has(w)) {
			continue;
		} else if (/^[-–,.;]+$/.test(w)) {
			continue;
		} else return null;
	}
	flush(1);
	if (!any) return null;
	const value = Math.round(total * 100) / 100;
	if ((unit === 'months' || unit === 'count') && !Number.isInteger(value)) return Math.round(value);
	return value;
}
