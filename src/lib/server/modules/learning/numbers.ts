/**
 * Numbers as people type them on a phone: `150 000`, `150 000` (non-breaking spaces), `12,5`,
 * `1 500,50 сом`, `36 ай`, `12 %`, `1.000.000`, `1,000,000.50`. Rules:
 * - spaces of any kind (also U+00A0, U+202F, U+2009) are thousands separators and are dropped;
 * - one `,` or one `.` is the decimal mark (`12,5` = `12.5`), except when exactly three digits follow it
 *   and the part before it is 1–3 digits not starting with 0: then it groups thousands (`100,000` and
 *   `1.500` are 100000 and 1500; `0,125` stays 0.125). The same mark repeated is a thousands separator
 *   (`1.000.000`), and with both marks the last one is the decimal mark (`1,000.50`);
 * - one trailing word naming a currency or a unit (сом, тенге, сомонӣ, soʻm, KGS, ай, ой, мес, months,
 *   саат, %, …) is ignored; so is a leading currency sign ($, ₸, ₽, €).
 * Anything else is not a number (`null`), and the form says exactly what to type.
 */
const UNIT_WORDS = new Set(
	[
		// currencies
		'сом',
		'сома',
		'сомов',
		'som',
		'kgs',
		'тенге',
		'теңге',
		'тг',
		'tenge',
		'kzt',
		'сомонӣ',
		'сомони',
		'somoni',
		'tjs',
		'сум',
		'сўм',
		'soʻm',
		'uzs',
		'usd',
		'доллар',
		'долл',
		'eur',
		'евро',
		'rub',
		'руб',
		'рубль',
		'рублей',
		'₸',
		'₽',
		'$',
		'€',
		// months
		'ай',
		'айга',
		'ой',
		'oy',
		'моҳ',
		'мес',
		'месяц',
		'месяца',
		'месяцев',
		'month',
		'months',
		'mo',
		// hours
		'саат',
		'сағат',
		'соат',
		'soat',
		'час',
		'часа',
		'часов',
		'ч',
		'h',
		'hr',
		'hour',
		'hours',
		// pieces
		'шт',
		'даана',
		'дана',
		'адад',
		'dona',
		'pcs',
		'units',
		// percent
		'%',
		'процент',
		'процентов',
		'пайыз',
		'фоиз',
		'foiz',
		'percent'
	].map((w) => w.normalize('NFC'))
);

const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;
const APOSTROPHES = /['‘’`ʼ]/g;

export function parseHumanNumber(input: unknown): number | null {
	if (typeof input === 'number') return Number.isFinite(input) ? input : null;
	if (typeof input !== 'string') return null;
	let text = input.normalize('NFC').toLowerCase().replace(APOSTROPHES, 'ʻ').replace(SPACES, ' ').trim();
	text = text.replace(/^[$₸₽€]\s*/, '');
	// One trailing unit word, with or without a space or a final dot (`36 мес.`, `12%`).
	const unit = /^(.*?[\d.,])\s*([^\d\s.,-][^\d\s]*?)\.?$/u.exec(text);
	if (unit) {
		if (!UNIT_WORDS.has(unit[2])) return null;
		text = unit[1];
	}
	text = text.replace(/ /g, '');
	let sign = 1;
	if (/^[-−]/.test(text)) {
		sign = -1;
		text = text.slice(1);
	}
	if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return null;
	const lastMark = Math.max(text.lastIndexOf(','), text.lastIndexOf('.'));
	const commas = (text.match(/,/g) ?? []).length;
	const dots = (text.match(/\./g) ?? []).length;
	let whole = text;
	let fraction = '';
	if (commas && dots) {
		whole = text.slice(0, lastMark);
		fraction = text.slice(lastMark + 1);
		if (/[.,]/.test(fraction) || (whole.includes(',') && whole.includes('.'))) return null;
	} else if (commas + dots === 1) {
		whole = text.slice(0, lastMark);
		fraction = text.slice(lastMark + 1);
		// `100,000` typed with a comma grouping: a lone mark before exactly three digits groups thousands.
		if (/^[1-9]\d{0,2}$/.test(whole) && /^\d{3}$/.test(fraction)) {
			whole = whole + fraction;
			fraction = '';
		}
	}
	// Thousands separators must group by three: 1.000.000, not 1.00.0.
	if (/[.,]/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null;
	const value = Number(whole.replace(/[.,]/g, '') + (fraction ? `.${fraction}` : ''));
	return Number.isFinite(value) ? sign * value : null;
}
