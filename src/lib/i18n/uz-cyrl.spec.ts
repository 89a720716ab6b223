import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toUzCyrl, transliterateCatalog } from './uz-cyrl';
import exceptions from './uz-cyrl-exceptions.json';

// Expected Cyrillic written by hand from the Uzbek Cyrillic orthography, not copied from the function.

/** Word pairs: [Latin, Cyrillic]. */
const WORDS: [string, string][] = [
	// oʻ / gʻ with each apostrophe: U+02BB ʻ, U+2018 ‘, ASCII ', and the U+2019 ’ people also type
	['oʻzbek', 'ўзбек'],
	['o‘zbek', 'ўзбек'],
	["o'zbek", 'ўзбек'],
	['o’zbek', 'ўзбек'],
	['oʼzbek', 'ўзбек'], // ʼ after o is the modifier too: the tutuq never follows o or g
	['gʻisht', 'ғишт'],
	['g‘isht', 'ғишт'],
	["g'isht", 'ғишт'],
	['toʻgʻri', 'тўғри'],
	['to‘g‘ri', 'тўғри'],
	["to'g'ri", 'тўғри'],
	['bogʻ', 'боғ'],
	["tog'", 'тоғ'],
	['qoʻngʻiroq', 'қўнғироқ'],
	['oʻgʻil', 'ўғил'],
	['Oʻgʻiloy', 'Ўғилой'],
	// yo / yu / ya / ye, and y before oʻ
	['yoʻl', 'йўл'],
	["yo'q", 'йўқ'],
	['yoki', 'ёки'],
	['yosh', 'ёш'],
	['dunyo', 'дунё'],
	['tayyor', 'тайёр'],
	['ayol', 'аёл'],
	['yuz', 'юз'],
	['yuborish', 'юбориш'],
	['yangi', 'янги'],
	['ishlayapti', 'ишлаяпти'],
	['yer', 'ер'],
	['yetishmaydi', 'етишмайди'],
	['reyestr', 'реестр'],
	['iyun', 'июнь'],
	// the tutuq belgisi: ʼ U+02BC, ’ U+2019, ASCII '
	['maʼno', 'маъно'],
	['ma’no', 'маъно'],
	["ma'no", 'маъно'],
	['taʼlim', 'таълим'],
	['sanʼat', 'санъат'],
	['sheʼr', 'шеър'],
	['eʼlon', 'эълон'],
	['aʼzo', 'аъзо'],
	['meʼyoriy', 'меъёрий'],
	['nomaʼlum', 'номаълум'],
	// s + h as two letters, separated by the apostrophe
	['Isʼhoq', 'Исҳоқ'],
	["Is'hoq", 'Исҳоқ'],
	['asʼhob', 'асҳоб'],
	// sh, ch, ng, h, q, x
	['shahar', 'шаҳар'],
	['choy', 'чой'],
	['mashhur', 'машҳур'],
	['ming', 'минг'],
	['tong', 'тонг'],
	['qishloq', 'қишлоқ'],
	['xabar', 'хабар'],
	['hujjat', 'ҳужжат'],
	// e: э at the start of a word and after a vowel, е elsewhere
	['eski', 'эски'],
	['elektron', 'электрон'],
	['eksport', 'экспорт'],
	['ehtimol', 'эҳтимол'],
	['poema', 'поэма'],
	['aeroport', 'аэропорт'],
	['kecha', 'кеча'],
	['telefon', 'телефон'],
	// ts: native two letters, loans ц
	['ketsa', 'кетса'],
	['aytsin', 'айтсин'],
	['ketsangiz', 'кетсангиз'],
	['tsement', 'цемент'],
	['tsentr', 'центр'],
	['koalitsiya', 'коалиция'],
	['konsultatsiya', 'консультация'],
	['organizatsiya', 'организация'],
	['statsionar', 'стационар'],
	['politsiyaga', 'полицияга'],
	['protsent', 'процент'],
	['litsenziya', 'лицензия'],
	['sirk', 'цирк'],
	// loans with ь or ъ, months included (issue 18: sentyabr → сентябрь; the ь drops before a suffix)
	['kompyuter', 'компьютер'],
	['kalkulyator', 'калькулятор'],
	['film', 'фильм'],
	['filmlar', 'фильмлар'],
	['filtr', 'фильтр'],
	['albom', 'альбом'],
	['obyekt', 'объект'],
	['rubl', 'рубль'],
	['rubldan', 'рублдан'],
	['yanvar', 'январь'],
	['fevral', 'февраль'],
	['aprel', 'апрель'],
	['sentabr', 'сентябрь'],
	['sentyabr', 'сентябрь'],
	['sentabrda', 'сентябрда'],
	['oktabr', 'октябрь'],
	['noyabr', 'ноябрь'],
	['dekabr', 'декабрь'],
	// loanwords from Birge's UI and content
	['kredit', 'кредит'],
	['grant', 'грант'],
	['biznes', 'бизнес'],
	['programma', 'программа'],
	['internet', 'интернет'],
	['valyuta', 'валюта'],
	['menyu', 'меню'],
	['marketpleys', 'маркетплейс'],
	['poezd', 'поезд'],
	['rayon', 'район'],
	['moʻjiza', 'мўъжиза'],
	// capitals and all capitals
	['Shahrisabz', 'Шаҳрисабз'],
	['SHAHAR', 'ШАҲАР'],
	['Choy', 'Чой'],
	['CHOY', 'ЧОЙ'],
	['Yoki', 'Ёки'],
	['YOKI', 'ЁКИ'],
	['Oʻzbekiston', 'Ўзбекистон'],
	['OʻZBEKISTON', 'ЎЗБЕКИСТОН'],
	['TOSHKENT', 'ТОШКЕНТ'],
	['Eʼlon', 'Эълон'],
	['TSEMENT', 'ЦЕМЕНТ'],
	['Koalitsiya', 'Коалиция'],
	['KOALITSIYA', 'КОАЛИЦИЯ'],
	['Sentabr', 'Сентябрь'],
	// names of places and people
	['Toshkent', 'Тошкент'],
	['Samarqand', 'Самарқанд'],
	['Fargʻona', 'Фарғона'],
	['Qoraqalpogʻiston', 'Қорақалпоғистон'],
	['Yunusobod', 'Юнусобод'],
	['Sirdaryo', 'Сирдарё'],
	['Buxoro', 'Бухоро'],
	['Qirgʻiziston', 'Қирғизистон'],
	['Hamroh', 'Ҳамроҳ'],
	['Dilnoza', 'Дилноза'],
	['Yulduz', 'Юлдуз'],
	['Muhabbat', 'Муҳаббат'],
	// compounds: each part is a word
	['qoʻllab-quvvatlash', 'қўллаб-қувватлаш'],
	['xotin-qizlar', 'хотин-қизлар'],
	['oziq-ovqat', 'озиқ-овқат'],
	['Nyu-York', 'Нью-Йорк']
];

/** Sentences from messages/uz/*.json (key in the comment), with their Cyrillic written by hand. */
const SENTENCES: [string, string][] = [
	// core.skip_to_content
	['Asosiy mazmunga oʻtish', 'Асосий мазмунга ўтиш'],
	// core.footer_about
	[
		'Birge — ochiq kodli dastur. Uni tadbirkor ayollar uyushmalarining milliy koalitsiyalari boshqaradi.',
		'Birge — очиқ кодли дастур. Уни тадбиркор аёллар уюшмаларининг миллий коалициялари бошқаради.'
	],
	// core.footer_source
	[
		'Har bir maʼlumotning manbasi va oxirgi marta tekshirilgan sanasi koʻrsatiladi.',
		'Ҳар бир маълумотнинг манбаси ва охирги марта текширилган санаси кўрсатилади.'
	],
	// core.home_intro
	[
		'Qirgʻiziston, Qozogʻiston, Tojikiston va Oʻzbekistondagi tadbirkor ayollar uchun qoʻllab-quvvatlash dasturlari, taʼlim, bozorlar va ishonchli yordam.',
		'Қирғизистон, Қозоғистон, Тожикистон ва Ўзбекистондаги тадбиркор аёллар учун қўллаб-қувватлаш дастурлари, таълим, бозорлар ва ишончли ёрдам.'
	],
	// core.error_rate_limited (other)
	[
		'Urinishlar juda koʻp. {count} soniyadan keyin qayta urinib koʻring.',
		'Уринишлар жуда кўп. {count} сониядан кейин қайта уриниб кўринг.'
	],
	// core.error_field_phone
	[
		'Telefon raqamini mamlakat kodi bilan kiriting, masalan: +998 90 123 45 67.',
		'Телефон рақамини мамлакат коди билан киритинг, масалан: +998 90 123 45 67.'
	],
	// core.error_field_email
	[
		'Elektron pochta manzilini kiriting, masalan: name@example.org.',
		'Электрон почта манзилини киритинг, масалан: name@example.org.'
	],
	// accounts.auth_reset_mail_body
	[
		'Kimdir Birge hisobingiz parolini tiklashni soʻradi. Yangi parol oʻrnatish uchun oching: {url}\nAgar bu siz boʻlmasangiz, bu xabarga eʼtibor bermang.',
		'Кимдир Birge ҳисобингиз паролини тиклашни сўради. Янги парол ўрнатиш учун очинг: {url}\nАгар бу сиз бўлмасангиз, бу хабарга эътибор берманг.'
	],
	// accounts.admin_no_such_account
	[
		'Bu e-mail bilan akkaunt yoʻq. Avval roʻyxatdan oʻtishini soʻrang.',
		'Бу e-mail билан аккаунт йўқ. Аввал рўйхатдан ўтишини сўранг.'
	],
	// programs.programs_warning_stale
	[
		'180 kundan ortiq tekshirilmagan: shartlar oʻzgargan boʻlishi mumkin.',
		'180 кундан ортиқ текширилмаган: шартлар ўзгарган бўлиши мумкин.'
	],
	// programs.programs_group_returning_migrant
	['Mehnat migratsiyasidan qaytgan', 'Меҳнат миграциясидан қайтган'],
	// coalitions.coalitions_error_url
	['https:// bilan boshlanadigan manzil kiriting', 'https:// билан бошланадиган манзил киритинг'],
	// coalitions.coalitions_in_birge_heading
	['Birgeda roʻyxatdan oʻtgan', 'Birgeда рўйхатдан ўтган'],
	// care.care_plan_1 (yod = memory: ёд)
	[
		'Bir-ikkita raqamni yod oling, shunda telefondagi kontaktlar roʻyxatisiz qoʻngʻiroq qila olasiz.',
		'Бир-иккита рақамни ёд олинг, шунда телефондаги контактлар рўйхатисиз қўнғироқ қила оласиз.'
	],
	// care.care_browsing_private
	[
		'Maxfiy oynadan foydalaning (Chrome’da: «Yangi inkognito oyna»; Safari va Firefox’da: «Yangi maxfiy oyna»).',
		'Махфий ойнадан фойдаланинг (Chrome’да: «Янги инкогнито ойна»; Safari ва Firefox’да: «Янги махфий ойна»).'
	],
	// care.care_rights_kz_crisis_centres
	[
		'Qozogʻistonda 40 ga yaqin inqiroz markazi oilaviy zoʻravonlikdan jabrlanganlarga yordam beradi (IIV, 2020); ularning aksariyati nodavlat markazlardir.',
		'Қозоғистонда 40 га яқин инқироз маркази оилавий зўравонликдан жабрланганларга ёрдам беради (ИИВ, 2020); уларнинг аксарияти нодавлат марказлардир.'
	]
];

describe('toUzCyrl: words', () => {
	it('has a table of at least 80 hand-written pairs', () => {
		expect(WORDS.length).toBeGreaterThanOrEqual(80);
	});
	it.each(WORDS)('%s → %s', (latin, cyrillic) => {
		expect(toUzCyrl(latin)).toBe(cyrillic);
	});
});

describe('toUzCyrl: sentences from the Uzbek messages', () => {
	it.each(SENTENCES)('%s', (latin, cyrillic) => {
		expect(toUzCyrl(latin)).toBe(cyrillic);
	});
});

describe('toUzCyrl: what it leaves alone', () => {
	it('keeps placeholders, digits and punctuation', () => {
		expect(toUzCyrl('{count} ta dastur topildi')).toBe('{count} та дастур топилди');
		expect(toUzCyrl('{pages} sahifadan {page}-sahifa')).toBe('{pages} саҳифадан {page}-саҳифа');
		expect(toUzCyrl('yillik {value}%')).toBe('йиллик {value}%');
		expect(toUzCyrl('JSON: [{"field","op","value"}]')).toBe('JSON: [{"field","op","value"}]');
		expect(toUzCyrl('2024-yil 10-maydagi')).toBe('2024-йил 10-майдаги');
	});
	it('keeps URLs and e-mail addresses', () => {
		expect(toUzCyrl('Batafsil: https://birge.example/uz/programs?q=grant&page=2 sahifasida')).toBe(
			'Батафсил: https://birge.example/uz/programs?q=grant&page=2 саҳифасида'
		);
		expect(toUzCyrl('www.lex.uz saytida')).toBe('www.lex.uz сайтида');
		expect(toUzCyrl('lex.uz va uz24.uz/news/123 saytlarida')).toBe('lex.uz ва uz24.uz/news/123 сайтларида');
		expect(toUzCyrl('Yozing: yordam.uz@example.org, bugun.')).toBe('Ёзинг: yordam.uz@example.org, бугун.');
	});
	it('keeps HTML tags and entities', () => {
		expect(toUzCyrl('<a href="/uz/care" class="link">Yordam</a>&nbsp;va&#160;<b>maslahat</b>')).toBe(
			'<a href="/uz/care" class="link">Ёрдам</a>&nbsp;ва&#160;<b>маслаҳат</b>'
		);
	});
	it('keeps the keep-list (foreign brands, organisations, codes) and transliterates Uzbek suffixes', () => {
		expect(toUzCyrl('Wildberries, Ozon va Uzum orqali sotish')).toBe(
			'Wildberries, Ozon ва Uzum орқали сотиш'
		);
		expect(toUzCyrl('UNDP, EBRD va JICA grantlari')).toBe('UNDP, EBRD ва JICA грантлари');
		expect(toUzCyrl('Telegramda yozing')).toBe('Telegramда ёзинг');
		expect(toUzCyrl('Summa UZS yoki USD da')).toBe('Сумма UZS ёки USD да');
		expect(toUzCyrl('PDF, PNG, JPEG yoki WebP')).toBe('PDF, PNG, JPEG ёки WebP');
		expect(toUzCyrl('YYYY, YYYY-MM yoki YYYY-MM-DD')).toBe('YYYY, YYYY-MM ёки YYYY-MM-DD');
		expect(toUzCyrl('YYYY-OO-KK')).toBe('ЙЙЙЙ-ОО-КК');
		expect(toUzCyrl('SMS-xabardagi kod')).toBe('SMS-хабардаги код');
	});
	it('keeps foreign words (letters Uzbek does not have: c outside ch, w) and codes of letters and digits', () => {
		expect(toUzCyrl("Women's Business Council")).toBe("Women's Бусинесс Council");
		expect(toUzCyrl('E-commerce kurslari')).toBe('E-commerce курслари');
		expect(toUzCyrl('Roʻyxat raqami V2300033681, B2B savdo')).toBe('Рўйхат рақами V2300033681, B2B савдо');
		expect(toUzCyrl('Bu sahifalar cookie oʻrnatmaydi')).toBe('Бу саҳифалар cookie ўрнатмайди');
		expect(toUzCyrl('1259 call-markazi')).toBe('1259 call-маркази');
		expect(toUzCyrl('tasdiqlanmagan (currency_unverified)')).toBe('тасдиқланмаган (currency_unverified)');
	});
	it('reads the English-style kh and gh of Central Asian names as х and ғ', () => {
		expect(toUzCyrl('Eskhata banki')).toBe('Эсхата банки');
		expect(toUzCyrl('Ghamkhori')).toBe('Ғамхори');
		expect(toUzCyrl('Ombudsman (Akyikatchy)')).toBe('Омбудсман (Акыйкатчы)');
	});
	it('keeps Roman numerals but not acronyms that only look like them', () => {
		expect(toUzCyrl('XXI asr')).toBe('XXI аср');
		expect(toUzCyrl('IIV maʼlumoti')).toBe('ИИВ маълумоти');
	});
	it('leaves Cyrillic as it is, so a second pass changes nothing', () => {
		const once = toUzCyrl(SENTENCES.map(([latin]) => latin).join('\n'));
		expect(toUzCyrl(once)).toBe(once);
		expect(toUzCyrl('Ўзбекистон — Тошкент')).toBe('Ўзбекистон — Тошкент');
	});
	it('leaves quote marks at the edges of words', () => {
		expect(toUzCyrl("'salom' dedi")).toBe("'салом' деди");
		expect(toUzCyrl("'dunyo' soʻzi")).toBe("'дунё' сўзи");
		expect(toUzCyrl('‘Inson’ markazi')).toBe('‘Инсон’ маркази');
	});
	it('is the same for the text in one piece and word by word (no state between calls)', () => {
		const text = SENTENCES.map(([latin]) => latin).join(' ');
		const pieces = text.split(/(\s+)/).map(toUzCyrl).join('');
		expect(pieces).toBe(toUzCyrl(text));
	});
});

describe('uz-cyrl-exceptions.json', () => {
	const cyrillicOnly = /^[а-яёўқғҳы-]+$/; // ы only in the Kyrgyz name Акыйкатчы
	it.each(Object.entries(exceptions.words))('word %s → %s', (latin, cyrillic) => {
		expect(latin).toBe(latin.toLowerCase());
		expect(cyrillic.toLowerCase()).toMatch(cyrillicOnly);
		expect(toUzCyrl(latin)).toBe(cyrillic);
	});
	it.each(Object.entries(exceptions.stems))('stem %s → %s, also with a suffix', (latin, cyrillic) => {
		expect(latin).toBe(latin.toLowerCase());
		expect(cyrillic).toMatch(cyrillicOnly);
		expect(toUzCyrl(latin)).toBe(cyrillic);
		expect(toUzCyrl(`${latin}lar`)).toBe(`${cyrillic.replace(/ь$/, '')}лар`);
		expect(toUzCyrl(latin.toUpperCase())).toBe(cyrillic.toUpperCase());
	});
	it('has no keep-list duplicates and keeps every entry as it is', () => {
		expect(new Set(exceptions.keep).size).toBe(exceptions.keep.length);
		for (const kept of exceptions.keep) expect(toUzCyrl(kept)).toBe(kept);
	});
});

describe('transliterateCatalog over every messages/uz/*.json', () => {
	const dir = path.resolve(__dirname, '../../../messages/uz');
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
	const keep = new Set(exceptions.keep);
	const roman = /^(?=[IVXLCDM]*[IVX])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

	const strings = (value: unknown): string[] =>
		typeof value === 'string'
			? [value]
			: Object.values(value as Record<string, unknown>).flatMap((v) => strings(v));
	const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
	/** Latin words left after removing placeholders, URLs, e-mails, keep-listed names and Roman numerals. */
	const latinLeft = (text: string): string[] =>
		(
			text
				.replace(/\{[^{}]*\}/g, ' ')
				.replace(/(?:https?:\/\/|www\.)\S*/g, ' ')
				.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
				.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []
		).filter((w) => {
			// A keep-listed name followed by a Cyrillic suffix (Birgeда, Chrome’да, SMS-хабар) ends in the name.
			const bare = w.replace(/['’-]+$/, '');
			return !(keep.has(bare) || bare.split('-').every((p) => keep.has(p) || roman.test(p)));
		});

	it('finds the Uzbek files', () => {
		expect(files.length).toBeGreaterThanOrEqual(5);
	});

	it.each(files)('%s: same keys, same placeholders, no Latin letters or ʻ ʼ left', (file) => {
		const catalog = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
		const cyrillic = transliterateCatalog(catalog);
		expect(Object.keys(cyrillic)).toEqual(Object.keys(catalog));
		expect(cyrillic.$meta).toEqual(catalog.$meta);
		const problems: string[] = [];
		for (const [key, value] of Object.entries(catalog)) {
			if (key.startsWith('$')) continue;
			const out = cyrillic[key];
			if (typeof value === 'object') {
				expect(Object.keys(out as object), key).toEqual(Object.keys(value as object));
			}
			const source = strings(value);
			const result = strings(out);
			source.forEach((text, i) => {
				expect(placeholders(result[i]), key).toEqual(placeholders(text));
				const left = latinLeft(result[i]);
				if (left.length) problems.push(`${key}: ${left.join(', ')}`);
				if (/[ʻʼ]/.test(result[i])) problems.push(`${key}: ʻ or ʼ left in «${result[i]}»`);
			});
		}
		expect(problems).toEqual([]);
	});

	it('maps plural objects string by string and keeps non-string values', () => {
		expect(
			transliterateCatalog({
				$meta: { locale: 'uz' },
				a_count: { one: '{count} ta yozuv', other: '{count} ta yozuv' },
				a_text: 'Oʻzgarishlar saqlandi.',
				a_number: 3
			})
		).toEqual({
			$meta: { locale: 'uz' },
			a_count: { one: '{count} та ёзув', other: '{count} та ёзув' },
			a_text: 'Ўзгаришлар сақланди.',
			a_number: 3
		});
	});
});
