import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { CSV_COLUMNS, programs } from './index';
import { matchView, programPageView, programView } from './views';

/**
 * Refusals: every programs function that checks access, called by each actor it must refuse. Each
 * refusal is FORBIDDEN, NOT_FOUND (a program one may not see does not exist for her) or, signed out,
 * UNAUTHENTICATED; and nothing in the module's tables, the audit log or the outbox changes.
 */

let db: TestDb;
const NOW = new Date('2026-11-22T09:00:00Z');

const anon = () => db.ctx({ now: NOW });
const entrepreneur = () => db.ctx({ actor: actor('u-acc-ent'), now: NOW });
const other = () => db.ctx({ actor: actor('u-acc-other'), now: NOW });
const kgStaff = () =>
	db.ctx({
		actor: actor(
			'u-acc-kg-staff',
			[],
			[{ organizationId: 'o1', organizationKind: 'civil_society', country: 'KG', role: 'staff' }]
		),
		now: NOW
	});
const kgCoordinator = () =>
	db.ctx({
		actor: actor('u-acc-kg-coord', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]),
		now: NOW
	});
const kzCoordinator = () =>
	db.ctx({
		actor: actor('u-acc-kz-coord', [{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }]),
		now: NOW
	});

const TABLES = [
	'programs_program',
	'programs_history',
	'programs_saved',
	'programs_profile',
	'programs_word',
	'core_audit_log',
	'core_notification_outbox'
];

/** A fingerprint of every row of the tables a programs call may write. */
async function state(): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const table of TABLES) {
		const [r] = rowsOf<{ n: number; h: string | null }>(
			await db.handle.db.execute(
				sql.raw(
					`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${table} t`
				)
			)
		);
		out[table] = `${r.n}:${r.h ?? ''}`;
	}
	return out;
}

type Refusal = 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

/** The call is refused with `code`, and nothing changed. */
async function refused(call: () => Promise<unknown>, code: Refusal) {
	const before = await state();
	const e = await call().then(
		() => null,
		(x: unknown) => x
	);
	expect(e, `expected ${code}`).toBeInstanceOf(AppError);
	expect((e as AppError).code).toBe(code);
	expect(await state()).toEqual(before);
}

const draft = (slug: string, country = 'KG', extra: Record<string, unknown> = {}) => ({
	slug,
	title: { en: `Access ${slug}`, ru: `Доступ ${slug}` },
	summary: { en: 'Zyxwvut access fixture' },
	kinds: ['grant' as const],
	country: country as 'KG',
	status: 'ongoing' as const,
	deadlines: { rolling: false, dates: [{ date: '2026-12-01' }] },
	...extra
});

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	for (const id of ['u-acc-ent', 'u-acc-other', 'u-acc-kg-staff', 'u-acc-kg-coord', 'u-acc-kz-coord'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
	// A KG draft, a KG published program with a revision waiting, a KZ published program.
	await programs.createProgram(kgStaff(), draft('acc-draft'));
	await programs.createProgram(kgStaff(), draft('acc-live'));
	await programs.publishProgram(kgCoordinator(), 'acc-live');
	await programs.updateProgram(kgStaff(), 'acc-live', draft('acc-live', 'KG', { title: { en: 'Changed' } }));
	await programs.createProgram(kzCoordinator(), draft('acc-kz', 'KZ'));
	await programs.publishProgram(kzCoordinator(), 'acc-kz');
	// Her saved program, profile and feed.
	await programs.saveProgram(entrepreneur(), 'acc-live');
	await programs.saveProfile(entrepreneur(), { country: 'KG' });
	await programs.feedToken(entrepreneur());
});
afterAll(async () => db?.close());

describe('published only, for everyone', () => {
	it('never finds, shows through the API, matches or saves a program that is not published', async () => {
		for (const ctx of [anon(), entrepreneur(), kgStaff(), kgCoordinator()]) {
			const found = await programs.findPrograms(ctx, { q: 'Zyxwvut', pageSize: 100 }, { fresh: true });
			expect(found.items.map((i) => i.slug).sort()).toEqual(['acc-kz', 'acc-live']);
			const listed = await programs.searchView(ctx, { pageSize: 100 }, 'http://x');
			expect(listed.items.map((i) => i.slug)).not.toContain('acc-draft');
			const matched = await programs.matchPrograms(ctx, { country: 'KG' });
			expect(matched.map((m) => m.slug)).not.toContain('acc-draft');
			await refused(() => programs.programView(ctx, 'acc-draft', 'http://x'), 'NOT_FOUND');
		}
		await refused(() => programs.saveProgram(entrepreneur(), 'acc-draft'), 'NOT_FOUND');
	});

	it('shows a draft page only to those who may edit it', async () => {
		for (const ctx of [anon(), entrepreneur(), kzCoordinator()])
			await refused(() => programs.getProgram(ctx, 'acc-draft'), 'NOT_FOUND');
		expect((await programs.getProgram(kgStaff(), 'acc-draft')).publication).toBe('draft');
		await refused(() => programs.getProgram(kgStaff(), 'acc-draft', { publishedOnly: true }), 'NOT_FOUND');
	});

	it('keeps the published version public while a revision waits', async () => {
		expect((await programs.getProgram(anon(), 'acc-live')).title).toBe('Access acc-live');
		expect((await programs.programView(anon(), 'acc-live', 'http://x')).title).toBe('Access acc-live');
	});

	it('serves the calendar feed to its token only, with published programs only', async () => {
		const before = await state();
		for (const token of ['', 'short', 'x'.repeat(32), "'; drop table programs_saved; --".padEnd(30, 'x')])
			expect(await programs.calendarFeed(anon(), token, 'http://x')).toBeNull();
		const feed = await programs.calendarFeed(anon(), await programs.feedToken(entrepreneur()), 'http://x');
		expect(feed).toContain('acc-live');
		expect(await state()).toEqual(before);
	});
});

describe('her own things: signed out is refused, and one user never reaches another’s', () => {
	it('refuses every personal function when signed out', async () => {
		await refused(() => programs.saveProfile(anon(), { country: 'KG' }), 'UNAUTHENTICATED');
		await refused(() => programs.deleteProfile(anon()), 'UNAUTHENTICATED');
		await refused(() => programs.myProfile(anon()), 'UNAUTHENTICATED');
		await refused(() => programs.myPrograms(anon()), 'UNAUTHENTICATED');
		await refused(() => programs.saveProgram(anon(), 'acc-live'), 'UNAUTHENTICATED');
		await refused(() => programs.unsaveProgram(anon(), 'acc-live'), 'UNAUTHENTICATED');
		await refused(() => programs.feedToken(anon()), 'UNAUTHENTICATED');
		await refused(() => programs.feedToken(anon(), { rotate: true }), 'UNAUTHENTICATED');
	});

	it('another user sees none of her profile, saved programs or feed, and changes none of them', async () => {
		expect(await programs.myProfile(other())).toBeNull();
		const mine = await programs.myPrograms(other());
		expect(mine.saved).toEqual([]);
		expect(mine.profile).toBeNull();
		const hers = await programs.feedToken(entrepreneur());
		const before = await state();
		await programs.unsaveProgram(other(), 'acc-live'); // only ever her own saved list
		expect(await state()).toEqual(before);
		expect(await programs.feedToken(entrepreneur())).toBe(hers);
		await refused(() => programs.unsaveProgram(entrepreneur(), 'no-such-program'), 'NOT_FOUND');
	});
});

describe('curation: each actor without the right is refused', () => {
	const outsiders = () => [
		{ ctx: anon(), code: 'UNAUTHENTICATED' as const },
		{ ctx: entrepreneur(), code: 'FORBIDDEN' as const }
	];
	/** Signed out, no role, and a coordinator of another country. */
	const nonEditors = () => [...outsiders(), { ctx: kzCoordinator(), code: 'FORBIDDEN' as const }];
	/** The same, and staff of the program's own country (who edit but do not publish). */
	const nonPublishers = () => [...nonEditors(), { ctx: kgStaff(), code: 'FORBIDDEN' as const }];

	it('createProgram', async () => {
		for (const { ctx, code } of nonEditors())
			await refused(() => programs.createProgram(ctx, draft('acc-new')), code);
		await refused(() => programs.createProgram(kgStaff(), draft('acc-new-kz', 'KZ')), 'FORBIDDEN');
	});

	it('updateProgram (also moving a program to a country one does not curate)', async () => {
		for (const { ctx, code } of nonEditors())
			await refused(() => programs.updateProgram(ctx, 'acc-draft', draft('acc-draft')), code);
		await refused(
			() => programs.updateProgram(kgStaff(), 'acc-draft', draft('acc-draft', 'KZ')),
			'FORBIDDEN'
		);
	});

	it('submitForReview', async () => {
		for (const { ctx, code } of nonEditors())
			await refused(() => programs.submitForReview(ctx, 'acc-draft'), code);
	});

	it('publishProgram, returnToDraft, archiveProgram', async () => {
		for (const { ctx, code } of nonPublishers()) {
			await refused(() => programs.publishProgram(ctx, 'acc-draft'), code);
			await refused(() => programs.returnToDraft(ctx, 'acc-live', 'no'), code);
			await refused(() => programs.archiveProgram(ctx, 'acc-live'), code);
		}
	});

	it('publishRevision, discardRevision', async () => {
		for (const { ctx, code } of nonPublishers()) {
			await refused(() => programs.publishRevision(ctx, 'acc-live'), code);
			await refused(() => programs.discardRevision(ctx, 'acc-live', 'no'), code);
		}
	});

	it('programForEdit', async () => {
		for (const { ctx, code } of nonEditors())
			await refused(() => programs.programForEdit(ctx, 'acc-draft'), code);
	});

	it('listForCuration (and a coordinator lists only her own country)', async () => {
		for (const { ctx, code } of outsiders()) await refused(() => programs.listForCuration(ctx), code);
		const kz = (await programs.listForCuration(kzCoordinator())).map((r) => r.slug);
		expect(kz).toContain('acc-kz');
		expect(kz).not.toContain('acc-draft');
		expect(kz).not.toContain('acc-live');
	});

	it('exportCsv (and a coordinator exports only her own country)', async () => {
		for (const { ctx, code } of outsiders()) await refused(() => programs.exportCsv(ctx), code);
		const csv = await programs.exportCsv(kzCoordinator());
		expect(csv).toContain('acc-kz');
		expect(csv).not.toContain('acc-draft');
	});

	it('importCsv (and a row for a country one does not curate is refused, nothing written)', async () => {
		const row = (slug: string, country: string) =>
			CSV_COLUMNS.map((c) =>
				c === 'slug'
					? slug
					: c === 'country'
						? country
						: c === 'kinds'
							? 'grant'
							: c === 'status'
								? 'ongoing'
								: c === 'title_en'
									? 'Imported'
									: ''
			).join(',');
		const csv = [CSV_COLUMNS.join(','), row('acc-imported', 'KG'), row('acc-draft', 'KG')].join('\n');
		for (const { ctx, code } of outsiders())
			await refused(() => programs.importCsv(ctx, csv, { dryRun: false }), code);
		const before = await state();
		const report = await programs.importCsv(kzCoordinator(), csv, { dryRun: false });
		expect(report.applied).toBe(false);
		expect(report.rows.every((r) => r.errors.length > 0)).toBe(true);
		expect(await state()).toEqual(before);
	});
});

describe('the API views are what their zod schemas (and so the OpenAPI document) say', () => {
	it('search, program and match answers parse exactly under their views', async () => {
		const page = await programs.searchView(anon(), { q: 'Zyxwvut' }, 'http://x');
		expect(page.items.length).toBe(2);
		expect(programPageView.parse(page)).toEqual(page);
		const one = await programs.programView(anon(), 'kg-msme-interest-free-loans', 'http://x');
		expect(programView.parse(one)).toEqual(one);
		expect(one.url).toBe('http://x/en/programs/kg-msme-interest-free-loans');
		const matched = await programs.matchView(anon(), { country: 'KG' }, 'http://x');
		expect(matched.items.length).toBeGreaterThan(0);
		expect(matchView.parse(matched)).toEqual(matched);
	});

	it('the API routes answer exactly the views', async () => {
		const ctx = anon();
		const event = (path: string, init?: RequestInit) => {
			const url = new URL(`http://x${path}`);
			return { locals: { ctx, locale: 'en' }, url, params: {}, request: new Request(url, init) };
		};
		const list = await import('../../../../routes/api/v1/programs/+server');
		const res = await list.GET(event('/api/v1/programs?q=Zyxwvut') as never);
		expect(await res.json()).toEqual(await programs.searchView(ctx, { q: 'Zyxwvut' }, ctx.platform.origin));
		const one = await import('../../../../routes/api/v1/programs/[slug]/+server');
		const slugEvent = { ...event('/api/v1/programs/acc-live'), params: { slug: 'acc-live' } };
		expect(await (await one.GET(slugEvent as never)).json()).toEqual(
			await programs.programView(ctx, 'acc-live', ctx.platform.origin)
		);
		const draftEvent = { ...event('/api/v1/programs/acc-draft'), params: { slug: 'acc-draft' } };
		expect((await one.GET(draftEvent as never)).status).toBe(404);
		const match = await import('../../../../routes/api/v1/programs/match/+server');
		const body = JSON.stringify({ country: 'KG' });
		const matched = await match.POST(event('/api/v1/programs/match', { method: 'POST', body }) as never);
		expect(await matched.json()).toEqual(
			await programs.matchView(ctx, { country: 'KG' }, ctx.platform.origin)
		);
	});
});
