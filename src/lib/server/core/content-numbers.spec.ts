import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CONTENT_LOCALES,
	CONTENT_STATUSES,
	cyrillicShare,
	freeTextFields,
	getPath,
	numbersDiff,
	numbersIn,
	uzbekApostropheFaults,
	type ContentKind,
	type ContentLocale
} from './content-numbers';
import { normaliseUzbekApostrophes } from './text';

const DIR = join(process.cwd(), 'seed/translations');
const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8'));

interface Entry {
	source: string;
	sourceLocale: string;
	status: Record<string, string>;
	[locale: string]: unknown;
}
interface TranslationsFile {
	about: string;
	sourceVersion: number;
	source: string;
	entries: Record<string, Record<string, Entry>>;
	keptAsPublished?: Record<string, Record<string, string>>;
}

const FILES: { kind: ContentKind; version: number }[] = [
	{ kind: 'programs', version: 2 },
	{ kind: 'care-services', version: 2 },
	{ kind: 'coalitions', version: 2 },
	{ kind: 'coalitions-demo', version: 1 }
];

const CYRILLIC: ContentLocale[] = ['ky', 'kk', 'tg', 'ru'];

describe('numbersIn', () => {
	it('reads grouping, decimal marks and dates alike in every language', () => {
		expect(numbersIn('up to 1,000,000 KGS; 4.964 billion; 23.1%', 'en')).toEqual(
			numbersIn('до 1 000 000 сомов; 4,964 млрд; 23,1 %', 'ru')
		);
		expect(numbersIn('1\u00a0000\u00a0000', 'ky')).toEqual(['1000000']);
		expect(numbersIn('Resolution No. 304 of 29.05.2024', 'en')).toEqual(['2024-05-29', '304']);
		expect(numbersIn('2023-10-16, citing', 'en')).toEqual(numbersIn('16.10.2023', 'uz'));
		expect(numbersIn('112 or 93 880 28 19', 'en')).toEqual(numbersIn('112 ёки 93 880 28 19', 'tg'));
		expect(numbersIn('2.5m calls; 7.0m KGS', 'en')).toEqual(numbersIn('2,5 млн; 7,0 млн', 'kk'));
	});

	it('tells numbers apart that differ', () => {
		expect(numbersIn('2,023 calls', 'en')).not.toEqual(numbersIn('2,023 звонка', 'ru'));
		expect(numbersIn('2024: 396', 'en')).toEqual(['2024', '396']);
		expect(numbersIn('up to 60,000', 'en')).not.toEqual(numbersIn('до 6 000', 'ru'));
	});
});

describe('uzbekApostropheFaults', () => {
	it('finds oʻ/gʻ and tutuq written with the wrong marks', () => {
		expect(uzbekApostropheFaults('qoʻllab, mablagʻ, taʼminot')).toEqual([]);
		expect(uzbekApostropheFaults("qo'llab")).toHaveLength(1);
		expect(uzbekApostropheFaults('qo\u2018llab')).toHaveLength(1);
		expect(uzbekApostropheFaults('ta\u2019minot')).toHaveLength(1);
		expect(uzbekApostropheFaults("ta'minot")).toHaveLength(1);
		expect(uzbekApostropheFaults('ta\u02BBminot, qo\u02BCl')).toHaveLength(2);
		expect(uzbekApostropheFaults("CIPE, National Women's Business", "National Women's Business")).toEqual([]);
	});
});

for (const { kind, version } of FILES) {
	describe(`seed/translations/${kind}.json`, () => {
		const file = read(`${kind}.json`) as TranslationsFile;
		const source = read(`sources/${kind}.json`);
		const fields = freeTextFields(kind, source);
		const sourceRoot = (id: string) => {
			if (kind === 'programs') return source.programs.find((p: { slug: string }) => p.slug === id);
			if (kind === 'care-services') return source.services.find((s: { id: string }) => s.id === id);
			if (kind === 'coalitions') {
				if (id === 'initiative') return source.initiative;
				if (id.startsWith('sources.')) return source.sources[id.slice('sources.'.length)];
				return source.coalitions.find((c: { slug: string }) => c.slug === id);
			}
			return source;
		};

		it('says what it is and which source version it covers', () => {
			expect(file.about.length).toBeGreaterThan(100);
			expect(file.sourceVersion).toBe(version);
			expect(file.source).toBe(`seed/translations/sources/${kind}.json`);
			if (version === 2) expect(source.about).toMatch(/version 2/i);
		});

		it('covers every free-text field of the source, in all six languages, and nothing else', () => {
			expect(fields.length).toBeGreaterThan(0);
			const wanted = new Set(fields.map((f) => `${f.id} ${f.path}`));
			const missing: string[] = [];
			for (const f of fields) {
				const entry = file.entries[f.id]?.[f.path];
				const kept = file.keptAsPublished?.[f.id]?.[f.path];
				if (entry && kept) missing.push(`${f.id} ${f.path}: both translated and kept as published`);
				if (!entry && !kept) missing.push(`${f.id} ${f.path}: no entry`);
				if (entry)
					for (const l of CONTENT_LOCALES)
						if (typeof entry[l] !== 'string' || !(entry[l] as string).trim())
							missing.push(`${f.id} ${f.path}: no ${l}`);
			}
			const extra: string[] = [];
			for (const [id, byPath] of Object.entries({ ...file.entries }))
				for (const path of Object.keys(byPath)) if (!wanted.has(`${id} ${path}`)) extra.push(`${id} ${path}`);
			for (const [id, byPath] of Object.entries(file.keptAsPublished ?? {}))
				for (const [path, reason] of Object.entries(byPath)) {
					if (!wanted.has(`${id} ${path}`)) extra.push(`kept ${id} ${path}`);
					if (!reason.trim()) missing.push(`kept ${id} ${path}: no reason`);
				}
			expect(missing).toEqual([]);
			expect(extra).toEqual([]);
		});

		it("keeps each field's source text, and the source's own languages, exactly", () => {
			const wrong: string[] = [];
			for (const f of fields) {
				const entry = file.entries[f.id]?.[f.path];
				if (!entry) continue;
				const published = getPath(sourceRoot(f.id), f.path);
				expect(published).toEqual(f.value);
				const texts: Record<string, string> =
					typeof published === 'string' ? { en: published } : (published as Record<string, string>);
				if (entry.source !== texts[entry.sourceLocale] || entry.sourceLocale !== 'en')
					wrong.push(`${f.id} ${f.path}: source differs`);
				for (const l of CONTENT_LOCALES) {
					const status = entry.status?.[l];
					const given = texts[l];
					if (given === undefined) {
						if (status === 'source' || status === 'source-normalised')
							wrong.push(`${f.id} ${f.path} ${l}: marked source, but the source has no ${l}`);
					} else if (status === 'source') {
						if (entry[l] !== given) wrong.push(`${f.id} ${f.path} ${l}: not the source's text`);
					} else if (status === 'source-normalised') {
						if (l !== 'uz' || entry[l] !== normaliseUzbekApostrophes(given) || entry[l] === given)
							wrong.push(`${f.id} ${f.path} ${l}: not the source's text with apostrophes normalised`);
					} else wrong.push(`${f.id} ${f.path} ${l}: the source's own ${l} must be kept (status ${status})`);
				}
			}
			expect(wrong).toEqual([]);
		});

		it('has a valid status for every language', () => {
			const wrong: string[] = [];
			for (const [id, byPath] of Object.entries(file.entries))
				for (const [path, entry] of Object.entries(byPath)) {
					const keys = Object.keys(entry.status ?? {}).sort();
					if (keys.join() !== [...CONTENT_LOCALES].sort().join()) wrong.push(`${id} ${path}: status keys`);
					for (const l of CONTENT_LOCALES)
						if (!(CONTENT_STATUSES as readonly string[]).includes(entry.status?.[l]))
							wrong.push(`${id} ${path} ${l}: status ${entry.status?.[l]}`);
				}
			expect(wrong).toEqual([]);
		});

		it('has the same numbers in every language as in the source', () => {
			const wrong: string[] = [];
			for (const [id, byPath] of Object.entries(file.entries))
				for (const [path, entry] of Object.entries(byPath)) {
					const expected = numbersIn(entry.source, 'en');
					for (const l of CONTENT_LOCALES) {
						const got = numbersIn(String(entry[l]), l);
						if (got.join('|') !== expected.join('|')) {
							const { missing, extra } = numbersDiff(expected, got);
							wrong.push(`${id} ${path} ${l}: missing [${missing}] extra [${extra}]`);
						}
					}
				}
			expect(wrong).toEqual([]);
		});

		it('writes Uzbek in Latin with ʻ (U+02BB) and ʼ (U+02BC), and ky/kk/tg/ru mostly in Cyrillic', () => {
			const wrong: string[] = [];
			for (const [id, byPath] of Object.entries(file.entries))
				for (const [path, entry] of Object.entries(byPath)) {
					const uz = String(entry.uz);
					const faults = uzbekApostropheFaults(uz, entry.source);
					if (faults.length) wrong.push(`${id} ${path} uz: ${faults.join(' ')}`);
					if (cyrillicShare(uz) > 0 && /\p{L}/u.test(uz)) wrong.push(`${id} ${path} uz: Cyrillic letters`);
					for (const l of CYRILLIC) {
						// Mostly Cyrillic once names kept as published are left out, and never a copy of the
						// English (a text of names only, such as "WAGE initiative (CIPE, ABA ROLI, …)", has
						// few Cyrillic letters in all).
						const share = cyrillicShare(String(entry[l]), entry.source);
						const all = cyrillicShare(String(entry[l]));
						if (share < 0.75 || all < 0.15 || entry[l] === entry.source)
							wrong.push(
								`${id} ${path} ${l}: ${Math.round(share * 100)}% / ${Math.round(all * 100)}% Cyrillic`
							);
					}
				}
			expect(wrong).toEqual([]);
		});
	});
}
