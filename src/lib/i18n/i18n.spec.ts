import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, t } from './messages';
import { MESSAGE_FILES } from './catalog';
import { CONTENT_LOCALES, LOCALES, localeFromAcceptLanguage } from './locales';
import { pluralCategory } from './plural';
import { countryName, formatMoney } from './format';

const placeholders = (value: unknown): string[] => {
	const text = typeof value === 'string' ? value : Object.values(value as Record<string, string>).join(' ');
	return [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
};

describe('UI messages', () => {
	const english = Object.keys(catalogs.en).filter((k) => !k.startsWith('$'));

	it.each(LOCALES)('%s has every key English has, and no extra', (locale) => {
		const keys = Object.keys(catalogs[locale]).filter((k) => !k.startsWith('$'));
		expect(english.filter((k) => !keys.includes(k))).toEqual([]);
		expect(keys.filter((k) => !english.includes(k))).toEqual([]);
	});

	it.each(LOCALES)('%s keeps every placeholder and marks its translation status', (locale) => {
		const catalog = catalogs[locale];
		for (const key of english) {
			expect(placeholders(catalog[key]), `${locale}.${key}`).toEqual(placeholders(catalogs.en[key]));
		}
		for (const name of MESSAGE_FILES) {
			const meta = catalog[`$meta.${name}`] as { translation?: string; reviewed?: boolean };
			expect(['source', 'machine-draft', 'reviewed'], `${locale}/${name}.json`).toContain(meta?.translation);
		}
	});

	it('loads every file in messages/, one per module and locale (uz-Cyrl is derived, no files)', () => {
		expect(fs.existsSync(path.join('messages', 'uz-Cyrl'))).toBe(false);
		for (const locale of CONTENT_LOCALES) {
			const onDisk = fs
				.readdirSync(path.join('messages', locale))
				.filter((f) => f.endsWith('.json'))
				.map((f) => f.slice(0, -'.json'.length))
				.sort();
			expect(onDisk, locale).toEqual([...MESSAGE_FILES].sort());
		}
	});

	it('has no key that the code never uses', () => {
		// A key is used when it appears literally in the sources, or when it starts with the literal part
		// of a template the code builds keys from (`programs_kind_${kind}`).
		const sources: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (/\.(ts|js|svelte)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name))
					sources.push(fs.readFileSync(full, 'utf8'));
			}
		};
		walk('src');
		walk('scripts');
		const text = sources.join('\n');
		const prefixes = [...text.matchAll(/`([a-z][a-z0-9_-]*_)\$\{/g)].map((m) => m[1]);
		const unused = english.filter((key) => !text.includes(key) && !prefixes.some((p) => key.startsWith(p)));
		expect(unused).toEqual([]);
	});

	it('Russian plural objects have one, few, many and other', () => {
		for (const [key, value] of Object.entries(catalogs.ru)) {
			if (key.startsWith('$') || typeof value === 'string') continue;
			expect(Object.keys(value as object).sort(), key).toEqual(['few', 'many', 'one', 'other']);
		}
	});

	it('Uzbek Latin uses U+02BB for oʻ and gʻ', () => {
		const text = JSON.stringify(catalogs.uz);
		expect(text).not.toMatch(/[oOgG]['‘’`]/);
	});

	it('picks plural forms by the locale rule', () => {
		expect(t('ru', 'error_rate_limited', { count: 1 })).toContain('1');
		expect(t('ru', 'error_rate_limited', { count: 3 })).not.toEqual(
			t('ru', 'error_rate_limited', { count: 5 })
		);
		expect(t('en', 'error_rate_limited', { count: 1 })).toBe('Too many attempts. Try again in 1 second.');
		expect(t('en', 'error_rate_limited', { count: 2 })).toBe('Too many attempts. Try again in 2 seconds.');
	});
});

describe('locale rules', () => {
	it('has an explicit Tajik plural rule (ICU has none)', () => {
		expect(pluralCategory('tg', 1)).toBe('one');
		expect(pluralCategory('tg', 2)).toBe('other');
		expect(pluralCategory('tg', 0)).toBe('other');
		expect(pluralCategory('ru', 2)).toBe('few');
		expect(pluralCategory('ru', 5)).toBe('many');
	});

	it('calls Kyrgyzstan «Кыргызстан» in Russian, not «Киргизия»', () => {
		expect(countryName('ru', 'KG')).toBe('Кыргызстан');
		expect(countryName('ky', 'KG')).toBe('Кыргызстан');
		expect(countryName('en', 'KG')).toBe('Kyrgyzstan');
	});

	it('formats UZS without decimals', () => {
		const value = formatMoney('uz', 1234567.5, 'UZS');
		expect(value).not.toMatch(/[.,]\d{2}\b/);
		expect(value.replace(/\D/g, '')).toBe('1234568');
		expect(formatMoney('ru', 1500.5, 'KGS')).toMatch(/1\s500,50/);
	});

	it('negotiates Accept-Language with q-values and regional tags', () => {
		expect(localeFromAcceptLanguage('ru-KG,ru;q=0.9,en;q=0.8')).toBe('ru');
		expect(localeFromAcceptLanguage('de-DE, ky;q=0.5, en;q=0.4')).toBe('ky');
		expect(localeFromAcceptLanguage('uz-Cyrl-UZ')).toBe('uz-Cyrl');
		expect(localeFromAcceptLanguage('uz-Cyrl')).toBe('uz-Cyrl');
		expect(localeFromAcceptLanguage('uz-Latn-UZ, uz-Cyrl;q=0.5')).toBe('uz');
		expect(localeFromAcceptLanguage('uz')).toBe('uz');
		expect(localeFromAcceptLanguage('fr, de')).toBeNull();
		expect(localeFromAcceptLanguage(undefined)).toBeNull();
	});
});

describe('Uzbek Cyrillic (derived from uz)', () => {
	it('has every UI string in Cyrillic, made from the Uzbek Latin one', () => {
		expect(t('uz-Cyrl', 'language_switcher_label')).toBe(
			(catalogs['uz-Cyrl'] as Record<string, string>).language_switcher_label
		);
		const cyrl = Object.keys(catalogs['uz-Cyrl']).filter((k) => !k.startsWith('$'));
		const latinLeft = cyrl.filter((k) => {
			const v = catalogs['uz-Cyrl'][k];
			const text = typeof v === 'string' ? v : Object.values(v as Record<string, string>).join(' ');
			return /[ʻʼ]/.test(text);
		});
		expect(latinLeft).toEqual([]);
	});

	it('formats dates and money in Cyrillic with the transliteration month names', async () => {
		const { formatPartialDate } = await import('./format');
		expect(formatPartialDate('uz-Cyrl', '2016-09')).toMatch(/сентябрь/i);
		expect(formatMoney('uz-Cyrl', 1500, 'UZS').replace(/\D/g, '')).toBe('1500');
		expect(countryName('uz-Cyrl', 'UZ')).toMatch(/^Ўзбекистон/);
	});
});

describe('partial dates', () => {
	it('shows a date only as precisely as its source gives it', async () => {
		const { formatPartialDate } = await import('./format');
		expect(formatPartialDate('en', '2025')).toBe('2025');
		expect(formatPartialDate('en', '2016-10')).toBe('October 2016');
		expect(formatPartialDate('en', '2023-10-16')).toBe('October 16, 2023');
		expect(formatPartialDate('ru', null)).toBe('');
	});
});
