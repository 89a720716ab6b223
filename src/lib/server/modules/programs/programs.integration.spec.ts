import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError, type ServiceContext } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { memorySender } from '#lib/server/modules/accounts';
import { programs, CSV_COLUMNS } from './index';
import { deliverReminders, refreshStatistics } from './jobs';
import { programsSeed } from './seed';
import { programsDueForReview } from './review';
import data from '../../../../../seed/programs.json';

let db: TestDb;
const NOW = new Date('2026-11-22T09:00:00Z');

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-ent', 'u-kg-staff', 'u-kg-coord', 'u-kz-coord']) {
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
	}
});
afterAll(async () => db?.close());

const anon = (locale: 'ru' | 'en' | 'ky' | 'uz' = 'en') => db.ctx({ locale, now: NOW });
const entrepreneur = () => db.ctx({ actor: actor('u-ent'), now: NOW });
const kgStaff = () =>
	db.ctx({
		actor: actor(
			'u-kg-staff',
			[],
			[{ organizationId: 'o1', organizationKind: 'civil_society', country: 'KG', role: 'staff' }]
		),
		now: NOW
	});
const kgCoordinator = () =>
	db.ctx({
		actor: actor('u-kg-coord', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]),
		now: NOW
	});
const kzCoordinator = () =>
	db.ctx({
		actor: actor('u-kz-coord', [{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }]),
		now: NOW
	});

const slugs = async (ctx: ServiceContext, q: string, extra: Record<string, string> = {}) =>
	(await programs.findPrograms(ctx, { q, ...extra })).items.map((i) => i.slug);

async function expectCode(p: Promise<unknown>, code: string) {
	const e = await p.catch((x) => x);
	expect(e).toBeInstanceOf(AppError);
	expect((e as AppError).code).toBe(code);
}

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

describe('eligibility matching', () => {
	const find = (items: Awaited<ReturnType<typeof programs.matchPrograms>>, slug: string) =>
		items.find((i) => i.slug === slug)!;

	it('applies eq, in, not_in, gte, lte and any_of, with a reason per criterion', async () => {
		const ctx = anon();
		const fits = await programs.matchPrograms(ctx, {
			country: 'KG',
			businessForm: 'individual',
			monthsOperating: 12,
			annualTurnover: 5_000_000,
			sector: 'crafts'
		});
		const loans = find(fits, 'kg-msme-interest-free-loans');
		expect(loans.result).toBe('eligible'); // eq, in, gte, lte, not_in all met
		expect(loans.reasons).toHaveLength(5);
		expect(loans.reasons.every((r) => r.met === true)).toBe(true);
		expect(loans.maxAmount).toMatch(/3[\s\u00a0,.]?000[\s\u00a0,.]?000/);

		const tooYoung = find(
			await programs.matchPrograms(ctx, {
				country: 'KG',
				businessForm: 'individual',
				monthsOperating: 3,
				annualTurnover: 1,
				sector: 'crafts'
			}),
			'kg-msme-interest-free-loans'
		);
		expect(tooYoung.result).toBe('ineligible');
		expect(tooYoung.reasons.find((r) => r.field === 'monthsOperating')?.met).toBe(false);

		const tooBig = find(
			await programs.matchPrograms(ctx, {
				country: 'KG',
				businessForm: 'legal_entity',
				monthsOperating: 30,
				annualTurnover: 40_000_000,
				sector: 'crafts'
			}),
			'kg-msme-interest-free-loans'
		);
		expect(tooBig.reasons.find((r) => r.field === 'annualTurnover')?.met).toBe(false);

		const farm = find(
			await programs.matchPrograms(ctx, { country: 'KG', businessForm: 'farm', sector: 'agriculture' }),
			'kg-msme-interest-free-loans'
		);
		expect(farm.reasons.find((r) => r.field === 'businessForm')?.met).toBe(false); // in
		expect(farm.reasons.find((r) => r.field === 'sector')?.met).toBe(false); // not_in

		const ideas = await programs.matchPrograms(ctx, { country: 'KZ', groups: ['returning_migrant'] });
		// any_of met; the program's status is not known, so it is not presented as open.
		expect(find(ideas, 'kz-new-business-ideas-grants').reasons.find((r) => r.field === 'groups')?.met).toBe(
			true
		);
		expect(find(ideas, 'kz-new-business-ideas-grants').result).toBe('unknown_status');
		const noGroup = await programs.matchPrograms(ctx, { country: 'KZ', groups: ['none'] });
		expect(find(noGroup, 'kz-new-business-ideas-grants').result).toBe('ineligible');

		const wrongCountry = await programs.matchPrograms(ctx, { country: 'UZ' });
		expect(wrongCountry.some((i) => i.slug === 'kg-msme-interest-free-loans')).toBe(false);
	});

	it('gives maybe when a fact is unknown, and lists it as the next thing to check', async () => {
		const items = await programs.matchPrograms(anon('ru'), { country: 'KG' });
		const loans = find(items, 'kg-msme-interest-free-loans');
		expect(loans.result).toBe('maybe');
		expect(loans.reasons.filter((r) => r.met === null).length).toBe(4);
		expect(loans.next.join(' ')).toContain('Ответьте');
		expect(loans.reasons[0].text).toContain('Кыргызстан');
	});

	it('puts eligible first, then likely, maybe, status unknown, ineligible and closed', async () => {
		const items = await programs.matchPrograms(anon(), { country: 'TJ', womanLed: true });
		const order = ['eligible', 'likely', 'maybe', 'unknown_status', 'ineligible', 'closed'];
		const seq = items.map((i) => order.indexOf(i.result));
		expect(seq.every((n) => n >= 0)).toBe(true);
		expect(seq).toEqual([...seq].sort());
		// The sources of the Tajik women's grants do not list every condition: likely, never eligible.
		expect(find(items, 'tj-presidential-grants-women').result).toBe('likely');
	});

	it('says eligible only when the sources list every condition and each is met', async () => {
		const full = {
			country: 'KG',
			businessForm: 'individual',
			monthsOperating: 24,
			annualTurnover: 5_000_000,
			sector: 'crafts'
		};
		const items = await programs.matchPrograms(anon(), full);
		expect(find(items, 'kg-msme-interest-free-loans').result).toBe('eligible');
		// The same facts against a program whose conditions are not all published: likely.
		const social = find(items, 'kg-social-contract');
		expect(social.result).not.toBe('eligible');
		expect(items.filter((i) => i.result === 'likely').every((i) => i.next.length > 0)).toBe(true);
	});

	it('never calls an idea-stage business eligible for a bank credit line', async () => {
		const items = await programs.matchPrograms(anon(), {
			country: 'TJ',
			womanLed: true,
			businessForm: 'none'
		});
		expect(find(items, 'tj-ebrd-women-in-business').result).toBe('ineligible');
		expect(find(items, 'ebrd-women-in-business-central-asia').result).toBe('ineligible');
	});

	it('says closed and status unknown, never open, and rules a region out', async () => {
		const kg = await programs.matchPrograms(anon(), { country: 'KG', womanLed: true });
		expect(find(kg, 'kg-adb-womens-entrepreneurship-development').result).toBe('closed');
		// Phase V of Aid for Trade ended in 2025; whether a later phase takes applicants is not known.
		expect(find(kg, 'undp-aid-for-trade-central-asia').result).toBe('unknown_status');
		expect(find(kg, 'undp-aid-for-trade-central-asia').next[0]).toContain('operator');
		// JICA incubation is limited to its regions: another region rules it out.
		const gbao = await programs.matchPrograms(anon(), { country: 'TJ', region: 'TJ-GB' });
		expect(find(gbao, 'tj-jica-business-incubation').result).toBe('ineligible');
		const sughd = await programs.matchPrograms(anon(), { country: 'TJ', region: 'TJ-SU' });
		expect(find(sughd, 'tj-jica-business-incubation').result).toBe('unknown_status');
	});

	it('refuses bad input with a message per field in the asked language', async () => {
		const e = (await programs
			.matchPrograms(anon('ru'), { country: 'FR', monthsOperating: -1, womenFoundersShare: 3 })
			.catch((x) => x)) as AppError;
		expect(e.code).toBe('INVALID');
		expect(Object.keys(e.fields).sort()).toEqual(['country', 'monthsOperating', 'womenFoundersShare']);
	});

	it('stores nothing unless she saves her profile; then her page shows her matches', async () => {
		await expectCode(programs.saveProfile(anon(), { country: 'KG' }), 'UNAUTHENTICATED');
		const ctx = entrepreneur();
		expect(await programs.myProfile(ctx)).toBeNull();
		await programs.saveProfile(ctx, { country: 'KG', businessForm: 'individual', lowIncomeFamily: true });
		const mine = await programs.myPrograms(ctx);
		expect(mine.profile?.country).toBe('KG');
		expect(mine.matches.map((m) => m.slug)).toContain('kg-social-contract');
		expect(mine.matches.every((m) => m.result !== 'ineligible')).toBe(true);
	});
});

describe('saved programs, reminders and the calendar feed', () => {
	it('queues reminders 14 and 3 days before a deadline, once each, and delivers them', async () => {
		const coord = kgCoordinator();
		await programs.createProgram(coord, {
			slug: 'demo-deadline-grant',
			country: 'KG',
			kinds: ['grant'],
			status: 'open',
			title: { en: 'Demo grant with a deadline', ru: 'Демо-грант со сроком' },
			deadlines: { rolling: false, dates: [{ date: '2026-12-10' }] }
		});
		await programs.publishProgram(coord, 'demo-deadline-grant');
		const user = entrepreneur();
		await programs.saveProgram(user, 'demo-deadline-grant');
		const count = async () =>
			Number(
				rowsOf<{ n: number }>(
					await db.handle.db.execute(
						sql`select count(*)::int as n from core_notification_outbox where template = 'programs.reminder'`
					)
				)[0].n
			);
		expect(await count()).toBe(0); // 18 days before: nothing yet
		const at = (d: string) => db.ctx({ now: new Date(`${d}T08:00:00Z`) });
		await programs.queueReminders(at('2026-11-26')); // 14 days before
		await programs.queueReminders(at('2026-11-27'));
		expect(await count()).toBe(1);
		await programs.queueReminders(at('2026-12-07')); // 3 days before
		await programs.queueReminders(at('2026-12-08'));
		expect(await count()).toBe(2);
		const sender = memorySender();
		const sent = await deliverReminders(at('2026-12-08'), sender, 'http://localhost');
		expect(sent).toBe(2);
		expect(sender.mail[0].to).toBe('u-ent@example.org');
		expect(sender.mail[0].text).toContain('/ru/programs/demo-deadline-grant');
		expect(await deliverReminders(at('2026-12-08'), sender, 'http://localhost')).toBe(0);
	});

	it('sorts by deadline: upcoming soonest first, then past ones, then programs without a date', async () => {
		const coord = kgCoordinator();
		for (const [slug, date] of [
			['demo-sort-past', '2026-10-01'],
			['demo-sort-late', '2027-03-01'],
			['demo-sort-soon', '2026-11-30']
		] as const) {
			await programs.createProgram(coord, {
				slug,
				country: 'KG',
				kinds: ['subsidy'],
				status: 'open',
				title: { en: `Demo ${slug}` },
				deadlines: { rolling: false, dates: [{ date }] }
			});
			await programs.publishProgram(coord, slug);
		}
		const result = await programs.findPrograms(anon(), { kind: 'subsidy', country: 'KG', sort: 'deadline' });
		const order = result.items.map((i) => i.slug);
		const at = (slug: string) => order.indexOf(slug);
		expect(at('demo-sort-soon')).toBeLessThan(at('demo-sort-late'));
		expect(at('demo-sort-late')).toBeLessThan(at('demo-sort-past'));
		const undated = result.items.filter((i) => !i.lastDeadline).map((i) => at(i.slug));
		for (const position of undated) expect(position).toBeGreaterThan(at('demo-sort-past'));
		expect(result.total).toBe(order.length);
	});

	it('serves her saved deadlines as iCalendar under a private token', async () => {
		const user = entrepreneur();
		const token = await programs.feedToken(user);
		const ics = await programs.calendarFeed(anon('ru'), token, 'http://localhost');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('DTSTART;VALUE=DATE:20261210');
		expect(ics).toContain('Демо-грант со сроком');
		expect(await programs.calendarFeed(anon(), 'x'.repeat(32), 'http://localhost')).toBeNull();
		const rotated = await programs.feedToken(user, { rotate: true });
		expect(rotated).not.toBe(token);
		expect(await programs.calendarFeed(anon(), token, 'http://localhost')).toBeNull();
	});
});

describe('curation permissions', () => {
	const draft = (slug: string, country: 'KG' | 'KZ' = 'KG') => ({
		slug,
		country,
		kinds: ['grant' as const],
		status: 'unknown' as const,
		title: { en: `Demo ${slug}` }
	});

	it('an entrepreneur cannot propose, edit or publish', async () => {
		await expectCode(programs.createProgram(entrepreneur(), draft('demo-ent')), 'FORBIDDEN');
		await expectCode(programs.publishProgram(entrepreneur(), 'kg-social-contract'), 'FORBIDDEN');
		await expectCode(programs.createProgram(anon(), draft('demo-anon')), 'UNAUTHENTICATED');
	});

	it('staff propose in their country only, and cannot publish', async () => {
		await programs.createProgram(kgStaff(), draft('demo-staff-kg'));
		await expectCode(programs.createProgram(kgStaff(), draft('demo-staff-kz', 'KZ')), 'FORBIDDEN');
		await programs.submitForReview(kgStaff(), 'demo-staff-kg');
		await expectCode(programs.publishProgram(kgStaff(), 'demo-staff-kg'), 'FORBIDDEN');
		// Not public while in review.
		await expectCode(programs.getProgram(anon(), 'demo-staff-kg'), 'NOT_FOUND');
	});

	it('a coordinator of one country cannot publish in another; of its own, can', async () => {
		await expectCode(programs.publishProgram(kzCoordinator(), 'demo-staff-kg'), 'FORBIDDEN');
		await programs.publishProgram(kgCoordinator(), 'demo-staff-kg');
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).publication).toBe('published');
	});

	it('keeps every edit in history; a staff edit to a published program waits, the published version stays', async () => {
		const r = await programs.updateProgram(kgStaff(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo edited', ru: 'Демо изменено' }
		});
		expect(r).toMatchObject({ publication: 'published', pending: true });
		// The public still sees the published version.
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).title).toBe('Demo demo-staff-kg');
		const edit = await programs.programForEdit(kgCoordinator(), 'demo-staff-kg');
		expect(edit.pending?.fields).toEqual(['title']);
		expect(edit.program.title).toEqual({ en: 'Demo edited', ru: 'Демо изменено' });
		expect(edit.history.map((h) => h.action)).toEqual(['revision', 'published', 'in_review', 'create']);
		expect(edit.history[0].fields).toContain('title');
		const waiting = await programs.listForCuration(kgCoordinator(), { publication: 'in_review' });
		expect(waiting.find((p) => p.slug === 'demo-staff-kg')?.pending).toBe(true);
		// Staff cannot publish it; a coordinator of another country neither.
		await expectCode(programs.publishRevision(kgStaff(), 'demo-staff-kg'), 'FORBIDDEN');
		await expectCode(programs.publishRevision(kzCoordinator(), 'demo-staff-kg'), 'FORBIDDEN');
		const ky = edit.translations.find((t) => t.locale === 'ky')!;
		expect(ky.missing).toContain('title');
		expect(edit.translations.find((t) => t.locale === 'ru')!.missing).not.toContain('title');
		const audit = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_audit_log where action like 'programs.%'`
			)
		);
		expect(Number(audit[0].n)).toBeGreaterThan(3);
	});

	it('a coordinator publishes or discards a waiting revision', async () => {
		const found = async () => (await programs.findPrograms(anon('ru'), { q: 'Демо изменено' })).total;
		expect(await found()).toBe(0);
		await programs.publishRevision(kgCoordinator(), 'demo-staff-kg');
		const live = await programs.getProgram(anon('ru'), 'demo-staff-kg');
		expect(live.title).toBe('Демо изменено');
		expect(await found()).toBe(1);
		await expectCode(programs.publishRevision(kgCoordinator(), 'demo-staff-kg'), 'CONFLICT');
		// A second proposal, discarded with a note: the published version is unchanged.
		await programs.updateProgram(kgStaff(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo wrong', ru: 'Демо неверно' }
		});
		await programs.discardRevision(kgCoordinator(), 'demo-staff-kg', 'Source does not say so');
		expect((await programs.getProgram(anon('ru'), 'demo-staff-kg')).title).toBe('Демо изменено');
		const edit = await programs.programForEdit(kgStaff(), 'demo-staff-kg');
		expect(edit.pending).toBeNull();
		expect(edit.history[0]).toMatchObject({ action: 'revision_discarded', note: 'Source does not say so' });
		// A coordinator's own edit is published at once.
		const own = await programs.updateProgram(kgCoordinator(), 'demo-staff-kg', {
			...draft('demo-staff-kg'),
			title: { en: 'Demo by coordinator' }
		});
		expect(own).toMatchObject({ publication: 'published', pending: false });
		expect((await programs.getProgram(anon(), 'demo-staff-kg')).title).toBe('Demo by coordinator');
	});
});

describe('CSV import and export', () => {
	const header = CSV_COLUMNS.join(',');
	const row = (values: Record<string, string>) =>
		CSV_COLUMNS.map((c) => {
			const v = values[c] ?? '';
			return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
		}).join(',');

	it('reports every row’s errors and imports nothing when any row is bad', async () => {
		const csv = [
			header,
			row({ slug: 'demo-csv-ok', country: 'KG', kinds: 'grant', status: 'ongoing', title_en: 'Demo CSV ok' }),
			row({ slug: 'Bad Slug', country: 'KG', kinds: 'grant', status: 'ongoing', title_en: 'x' }),
			row({ slug: 'demo-csv-nokind', country: 'KG', kinds: '', status: 'whatever', title_en: 'x' }),
			row({
				slug: 'demo-csv-json',
				country: 'KG',
				kinds: 'loan',
				status: 'ongoing',
				title_en: 'x',
				criteria: '[{'
			}),
			row({ slug: 'demo-csv-kz', country: 'KZ', kinds: 'loan', status: 'ongoing', title_en: 'x' })
		].join('\n');
		const report = await programs.importCsv(kgStaff(), csv, { dryRun: false });
		expect(report.applied).toBe(false);
		const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r.errors.map((e) => e.field)]));
		expect(byLine[2]).toEqual([]);
		expect(byLine[3]).toContain('slug');
		expect(byLine[4]).toEqual(expect.arrayContaining(['kinds', 'status']));
		expect(byLine[5]).toContain('criteria');
		expect(byLine[6]).toContain('country');
		await expectCode(programs.programForEdit(kgStaff(), 'demo-csv-ok'), 'NOT_FOUND');
	});

	it('a dry run reports and saves nothing; a real run imports all rows in one go', async () => {
		const csv = [
			header,
			row({
				slug: 'demo-csv-a',
				country: 'KG',
				kinds: 'grant|training',
				status: 'ongoing',
				title_en: 'Demo A',
				title_ru: 'Демо А',
				amount_max: '100000',
				currency: 'KGS'
			}),
			row({
				slug: 'demo-csv-b',
				country: 'KG',
				kinds: 'loan',
				status: 'unknown',
				title_ky: 'Демо Б',
				sources: '[{"url":"https://example.org/b","publisher":"Example","date":"2026-01-01"}]'
			})
		].join('\r\n');
		const dry = await programs.importCsv(kgStaff(), csv, { dryRun: true });
		expect(dry).toMatchObject({ applied: false, created: 2, errorCount: 0 });
		await expectCode(programs.programForEdit(kgStaff(), 'demo-csv-a'), 'NOT_FOUND');
		const real = await programs.importCsv(kgStaff(), csv, { dryRun: false });
		expect(real).toMatchObject({ applied: true, created: 2 });
		const a = await programs.programForEdit(kgStaff(), 'demo-csv-a');
		expect(a.publication).toBe('draft');
		expect(a.program.terms?.amountMax).toBe(100000);
		expect(a.program.terms?.ratePercent).toBeNull();
		const exported = await programs.exportCsv(kgStaff());
		expect(exported.split('\r\n')[0]).toBe(header);
		expect(exported).toContain('demo-csv-b');
		expect(exported).toContain('kg-msme-interest-free-loans');
		expect(exported).not.toContain('kz-damu-comprehensive-program');
		await expectCode(programs.exportCsv(entrepreneur()), 'FORBIDDEN');
	});

	it('an import by staff that changes a published program waits for review', async () => {
		const slug = 'kg-msme-interest-free-loans';
		const before = (await programs.getProgram(anon(), slug)).title;
		const csv = [
			header,
			row({ slug, country: 'KG', kinds: 'loan', status: 'ongoing', title_en: 'Changed by an import' })
		].join('\r\n');
		expect(await programs.importCsv(kgStaff(), csv, { dryRun: false })).toMatchObject({
			applied: true,
			updated: 1
		});
		expect((await programs.getProgram(anon(), slug)).title).toBe(before);
		const edit = await programs.programForEdit(kgCoordinator(), slug);
		expect(edit.publication).toBe('published');
		expect(edit.pending?.fields).toContain('title');
		expect(edit.history[0].action).toBe('import_revision');
		await programs.discardRevision(kgCoordinator(), slug);
	});
});
