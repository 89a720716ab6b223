import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import { refreshStatistics } from './jobs';
import { programsSeed } from './seed';
import { programsDueForReview } from './review';
import data from '../../../../../seed/programs.json';
import type { TestDb } from '#lib/server/testing';
import { programs } from './index';
import { openProgramsDb, programsActors, expectCode, slugs } from './testing';

// Seed and search (split from the former programs.integration.spec.ts; shared set-up in ./testing.ts).
let db: TestDb;
beforeAll(async () => {
	db = await openProgramsDb();
});
afterAll(async () => db?.close());
const { anon, kgCoordinator } = programsActors(() => db);

describe('seed', () => {
	it('publishes every entry of programs.json with its slug, sources and verification', async () => {
		const all = await programs.findPrograms(anon(), { pageSize: 100 });
		expect(all.total).toBe(data.programs.length);
		for (const p of data.programs) {
			const got = await programs.getProgram(anon(), p.slug);
			expect(got.verification).toBe(p.verification);
			expect(got.sources.map((s) => s.url)).toEqual(p.sources.map((s) => s.url));
			expect(got.reviewedOn).toBe(p.reviewedOn);
		}
	});

	it('reseeds a new version of the data without undoing what a person edited or confirmed', async () => {
		const ctx = kgCoordinator();
		const slug = 'kg-social-contract';
		const { program: before } = await programs.programForEdit(ctx, slug);
		await programs.updateProgram(ctx, slug, {
			...before,
			operator: 'Edited by a coordinator',
			reviewedOn: '2026-11-30'
		});
		await programsSeed.run(db.ctx());
		const after = await programs.getProgram(anon(), slug);
		expect(after.operator).toBe('Edited by a coordinator');
		expect(after.reviewedOn).toBe('2026-11-30');
		// Fields nobody touched follow the data (v2: criteriaComplete; contacts empty without a source).
		const { program: edited } = await programs.programForEdit(ctx, slug);
		expect(edited.criteriaComplete).toBe(false);
		expect(edited.contacts?.phone ?? null).toBeNull();
		expect((await programs.getProgram(anon(), 'tj-jica-business-incubation')).regions).toEqual([
			'TJ-SU',
			'TJ-KT',
			'TJ-RA'
		]);
	});

	it('lists programs without sourced contacts or application dates for curators to complete', async () => {
		const queue = await programsDueForReview(kgCoordinator());
		const reasons = (slug: string) => queue.filter((i) => i.id === slug).map((i) => i.reason);
		expect(reasons('kg-msme-interest-free-loans')).toEqual(
			expect.arrayContaining(['missing_contacts', 'missing_dates'])
		);
		// Laws and closed programs are not something to apply for: nothing to complete.
		expect(reasons('kg-law-womens-entrepreneurship-definition')).not.toContain('missing_contacts');
		expect(reasons('kg-adb-womens-entrepreneurship-development')).not.toContain('missing_dates');
		expect(queue.every((i) => i.country === 'KG' || i.country === 'REGIONAL')).toBe(true);
		expect(await programsDueForReview(anon())).toEqual([]);
	});

	it('keeps terms the data leaves out as null, never zero', async () => {
		const p = await programs.getProgram(anon(), 'kz-social-entrepreneurship-state-grants');
		expect(p.terms.amountMax).toBeNull();
		expect(p.terms.ratePercent).toBeNull();
		expect(p.maxAmount).toBeNull();
		const loans = await programs.getProgram(anon(), 'kg-msme-interest-free-loans');
		expect(loans.terms.ratePercent).toBe(0);
		expect(loans.terms.amountMin).toBeNull();
	});

	it('warns on partial entries and entries not reviewed for 180 days', async () => {
		const partial = await programs.getProgram(anon(), 'uz-ayollar-daftari');
		expect(partial.warnings.partial).toBe(true);
		expect(partial.warnings.stale).toBe(false);
		const later = db.ctx({ now: new Date('2027-06-30T00:00:00Z') });
		expect((await programs.getProgram(later, 'kg-msme-interest-free-loans')).warnings.stale).toBe(true);
	});
});

describe('search', () => {
	it('finds Russian words by their stem, and ranks title matches first', async () => {
		const hits = await slugs(anon('ru'), 'кредиты');
		expect(hits[0]).toBe('kg-msme-interest-free-loans');
	});

	it('tolerates typos', async () => {
		expect(await slugs(anon('ru'), 'кридит')).toContain('kg-msme-interest-free-loans');
		expect(await slugs(anon(), 'entreprenurship')).toContain('kz-damu-social-entrepreneurship-subsidy');
	});

	it('folds letters typed without their marks, both ways', async () => {
		const ctx = kgCoordinator();
		await programs.createProgram(ctx, {
			slug: 'demo-search-marks',
			country: 'KG',
			kinds: ['training'],
			status: 'ongoing',
			title: { ky: 'Өнөрчүлүк боюнча окуу', kk: 'Кәсіпкерлікке қолдау', en: 'Demo crafts course' }
		});
		await programs.publishProgram(ctx, 'demo-search-marks');
		expect(await slugs(anon('ky'), 'онорчулук')).toContain('demo-search-marks');
		expect(await slugs(anon('ky'), 'өнөрчүлүк')).toContain('demo-search-marks');
		expect(await slugs(anon(), 'касипкерликке колдау')).toContain('demo-search-marks');
		// Tajik: «Ҷумҳурии Тоҷикистон … соҳибкории» typed without ҷ and ҳ.
		expect(await slugs(anon(), 'Чумхурии Точикистон сохибкории')).toContain('tj-presidential-grants-women');
		await programs.archiveProgram(ctx, 'demo-search-marks');
	});

	it('matches Uzbek in either script, with any apostrophe', async () => {
		for (const q of ['Ayollar daftari', 'Аёллар дафтари', 'ayollar']) {
			expect(await slugs(anon('uz'), q), q).toContain('uz-ayollar-daftari');
		}
		const apostrophes = ['tadbirkorligi', 'qoʻllab', "qo'llab", 'qo‘llab', 'qo’llab'];
		const results = await Promise.all(apostrophes.map((q) => slugs(anon('uz'), q)));
		const hamroh = results.map((r) => r.includes('uz-hamroh-women-entrepreneurship'));
		expect(hamroh.slice(1)).toEqual(hamroh.slice(1).map(() => hamroh[1]));
	});

	it('matches Russian-style spellings of Uzbek names', async () => {
		const ctx = kgCoordinator();
		await programs.createProgram(ctx, {
			slug: 'demo-search-toshkent',
			country: 'KG',
			kinds: ['training'],
			status: 'ongoing',
			title: { uz: 'Toshkent va Samarqand ayollari uchun oʻquv', en: 'Demo training' }
		});
		await programs.publishProgram(ctx, 'demo-search-toshkent');
		// With Kyrgyzstan chosen, an Uzbek place name is not a region filter but words of the text.
		const kg = { country: 'KG' };
		expect(await slugs(anon('ru'), 'Ташкент', kg)).toContain('demo-search-toshkent');
		expect(await slugs(anon('ru'), 'Самарканд', kg)).toContain('demo-search-toshkent');
		expect(await slugs(anon('uz'), 'Тошкент', kg)).toContain('demo-search-toshkent');
		// Without a country, the name is read as the region and only programs open to it are shown.
		const read = await programs.findPrograms(anon('ru'), { q: 'Ташкент' });
		expect(read.understood?.region).toBe('UZ-TK');
		expect(read.items.every((i) => i.country === 'UZ' || i.countries.includes('UZ'))).toBe(true);
		await programs.archiveProgram(ctx, 'demo-search-toshkent');
		expect(await slugs(anon('ru'), 'Ташкент', kg)).not.toContain('demo-search-toshkent');
	});

	it('filters by country, kind, women-specific and open now', async () => {
		const kz = await programs.findPrograms(anon(), { country: 'KZ', pageSize: 100 });
		expect(kz.items.every((i) => i.country === 'KZ' || i.countries.includes('KZ'))).toBe(true);
		expect(kz.items.map((i) => i.slug)).toContain('ebrd-women-in-business-central-asia');
		const grants = await programs.findPrograms(anon(), { kind: 'grant', pageSize: 100 });
		expect(grants.items.every((i) => i.kinds.includes('grant'))).toBe(true);
		const women = await programs.findPrograms(anon(), { women: 'yes', pageSize: 100 });
		expect(women.items.every((i) => i.womenSpecific)).toBe(true);
		const open = await programs.findPrograms(anon(), { open: 'yes', pageSize: 100 });
		expect(open.items.every((i) => i.status === 'ongoing' || i.status === 'open')).toBe(true);
		expect(open.items.map((i) => i.slug)).not.toContain('kg-adb-womens-entrepreneurship-development');
	});

	it('paginates with a total', async () => {
		const p1 = await programs.findPrograms(anon(), { pageSize: 5 });
		const p2 = await programs.findPrograms(anon(), { pageSize: 5, page: 2 });
		expect(p1.total).toBe(data.programs.length);
		expect(p1.pages).toBe(Math.ceil(data.programs.length / 5));
		expect(p1.items.map((i) => i.slug)).not.toEqual(p2.items.map((i) => i.slug));
		await expectCode(programs.findPrograms(anon(), { pageSize: 101 }), 'INVALID');
	});

	it('keeps counts and results exact across writes (cached answers are invalidated)', async () => {
		const ctx = kgCoordinator();
		const count = async (extra: Record<string, string> = {}) =>
			(await programs.findPrograms(anon(), { pageSize: 5, ...extra })).total;
		const found = async () => (await programs.findPrograms(anon(), { q: 'Demo count' })).total;
		const before = { all: await count(), kg: await count({ country: 'KG' }), found: await found() };
		expect(await count()).toBe(before.all);
		expect(await found()).toBe(before.found);
		await programs.createProgram(ctx, {
			slug: 'demo-count-cache',
			country: 'KG',
			kinds: ['training'],
			status: 'ongoing',
			title: { en: 'Demo count' }
		});
		expect(await count()).toBe(before.all);
		await programs.publishProgram(ctx, 'demo-count-cache');
		expect(await count()).toBe(before.all + 1);
		expect(await count({ country: 'KG' })).toBe(before.kg + 1);
		expect(await found()).toBe(before.found + 1);
		// A write made outside the service (another process, a console) invalidates the counts too.
		await db.handle.db.execute(
			sql`update programs_program set publication = 'draft' where slug = 'demo-count-cache'`
		);
		expect(await count()).toBe(before.all);
		expect(await count({ country: 'KG' })).toBe(before.kg);
		expect(await found()).toBe(before.found);
	});

	it('finds the same programs whether the words are common or rare among those filtered', async () => {
		// Search first tries the words on the first filtered programs, then, when too few of those
		// match, asks the index; a tiny first step forces the index path on this small catalogue.
		const queries = [
			{ q: 'кредит' },
			{ q: 'grant', country: 'KZ' },
			{ q: 'women', kind: 'loan' },
			{ q: 'кредиты', sort: 'deadline' },
			{ q: 'subsidy', open: 'yes' }
		];
		for (const input of queries) {
			const usual = await programs.findPrograms(anon(), input);
			expect(usual.total, JSON.stringify(input)).toBeGreaterThan(0);
			for (const headRows of [0, 1, 3]) {
				const other = await programs.findPrograms(anon(), input, { headRows });
				expect(other.total, JSON.stringify(input)).toBe(usual.total);
				expect(other.items.map((i) => i.slug)).toEqual(usual.items.map((i) => i.slug));
			}
		}
	});

	it('answers at once for a word no program contains, and still suggests', async () => {
		const none = await programs.findPrograms(anon('ru'), { q: 'кредиты qwxzv' });
		expect(none.total).toBe(0);
		expect(none.suggestions.length).toBeGreaterThan(0);
		// Short words and numbers are not in the word table: they never count as unknown.
		expect((await programs.findPrograms(anon(), { q: 'KG' })).total).toBeGreaterThan(0);
	});

	it('keeps the search vectors in the row and its statistics current', async () => {
		// Search reads rows until it has enough matches for common words: a vector moved out to the
		// TOAST table would be fetched for every row read (a migration that re-adds the column must
		// set its storage again).
		const storage = rowsOf<{ attname: string; attstorage: string }>(
			await db.handle.db.execute(sql`
				select attname, attstorage from pg_attribute
				where attrelid = 'programs_program'::regclass and attname in ('search_tsv', 'search_title_tsv')
				order by attname`)
		);
		expect(storage).toEqual([
			{ attname: 'search_title_tsv', attstorage: 'm' },
			{ attname: 'search_tsv', attstorage: 'm' }
		]);
		expect(await refreshStatistics(anon(), true)).toBe(true);
		expect(await refreshStatistics(anon())).toBe(false);
		const [stats] = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from pg_stats where tablename = 'programs_program' and attname = 'search_tsv'`
			)
		);
		expect(stats.n).toBe(1);
	});

	it('answers a query without hits with suggestions from the word table', async () => {
		const none = await programs.findPrograms(anon(), { q: 'qwxzv' });
		expect(none.total).toBe(0);
		expect(none.items).toEqual([]);
		// A word that exists, combined with a filter that excludes it, suggests nearby words.
		// A kind typed with a slip (subsidiy) is read as the kind; with a country that has none of that
		// kind nothing matches, and "did you mean" offers only words that find something themselves.
		const near = await programs.findPrograms(anon(), { q: 'subsidiy', country: 'TJ' });
		expect(near.total).toBe(0);
		expect(near.understood?.kind).toBe('subsidy');
		for (const s of near.suggestions)
			expect((await programs.findPrograms(anon(), { q: s, country: 'TJ' })).total).toBeGreaterThan(0);
		// A word that cannot match next to one that can: the suggestion drops it.
		const typo = await programs.findPrograms(anon('ru'), { q: 'беспроцентный qwxzv' });
		expect(typo.total).toBe(0);
		expect(typo.suggestions).toContain('беспроцентный');
	});
});
