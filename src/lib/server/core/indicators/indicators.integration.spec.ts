import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { rowsOf } from '#lib/server/db';
import {
	computeIndicators,
	readSnapshots,
	reviewQueue,
	snapshotIndicators,
	type IndicatorRow
} from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { programs } from '#lib/server/modules/programs';
import { coalitions } from '#lib/server/modules/coalitions';

const NOW = new Date('2026-11-20T12:00:00Z');
let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

const count = async (query: ReturnType<typeof sql>) =>
	Number(rowsOf<{ n: number }>(await db.handle.db.execute(query))[0].n);
const pick = (rows: IndicatorRow[], indicator: string, over: Partial<IndicatorRow> = {}) =>
	rows.filter(
		(r) =>
			r.indicator === indicator &&
			Object.entries({ dimension: null, ...over }).every(([k, v]) => r[k as keyof IndicatorRow] === v)
	);

describe('indicators', () => {
	it('count published programs per country and region, from one request for every module', async () => {
		const ctx = db.ctx({ now: NOW });
		const rows = await computeIndicators(ctx, MODULES, {
			periods: ['2026-11'],
			countries: ['KG', 'KZ', 'TJ', 'UZ'],
			dimensions: ['region']
		});
		for (const country of ['KG', 'KZ', 'TJ', 'UZ']) {
			const expected = await count(sql`
				select count(*)::int as n from programs_program
				where publication = 'published' and not demo and (country = ${country} or ${country} = any(countries))`);
			const [total] = pick(rows, 'programs.published', { country });
			expect(total?.value ?? 0, country).toBe(expected);
		}
		const kgRegions = pick(rows, 'programs.published', { country: 'KG', dimension: 'region' });
		expect(kgRegions.length).toBeGreaterThan(0);
		expect(kgRegions.every((r) => r.dimensionValue === null || r.dimensionValue.startsWith('KG-'))).toBe(
			true
		);
		const withRegion = await count(sql`
			select count(*)::int as n from programs_program
			where publication = 'published' and not demo and country = 'KG' and 'KG-Y' = any(regions)`);
		expect(kgRegions.find((r) => r.dimensionValue === 'KG-Y')?.value ?? 0).toBe(withRegion);
		// Coalitions cannot say where women represented live: not available, never 0.
		expect(
			pick(rows, 'coalitions.women_represented_reported', { country: 'KG', dimension: 'region' })
		).toEqual([expect.objectContaining({ status: 'not_available', value: null })]);
	});

	it('count eligibility checks per month without storing who checked, and suppress small counts', async () => {
		for (let i = 0; i < 6; i++) await programs.matchPrograms(db.ctx({ now: NOW }), { country: 'KG' });
		for (let i = 0; i < 2; i++) await programs.matchPrograms(db.ctx({ now: NOW }), { country: 'KZ' });
		await programs.matchPrograms(db.ctx({ now: new Date('2026-10-03T08:00:00Z') }), { country: 'KG' });
		await programs.matchPrograms(db.ctx({ now: NOW }), {});
		const stored = rowsOf<Record<string, unknown>>(
			await db.handle.db.execute(sql`select * from programs_check_count order by day, country`)
		);
		expect(Object.keys(stored[0]).sort()).toEqual(['count', 'country', 'day']);
		const ctx = db.ctx({ now: NOW });
		const monthly = await computeIndicators(
			ctx,
			MODULES,
			{ periods: ['2026-10', '2026-11'], countries: ['KG', 'KZ', 'TJ'], dimensions: ['region'] },
			['programs.eligibility_checks']
		);
		const value = (country: string, period: string) =>
			pick(monthly, 'programs.eligibility_checks', { country, period })[0];
		expect(value('KG', '2026-11')).toMatchObject({ status: 'value', value: 6 });
		expect(value('KZ', '2026-11')).toMatchObject({ status: 'suppressed', value: null });
		expect(value('KG', '2026-10')).toMatchObject({ status: 'suppressed', value: null });
		// No checks in Tajikistan: no row (a flow's empty period is zero, not unknown).
		expect(value('TJ', '2026-11')).toBeUndefined();
		expect(
			pick(monthly, 'programs.eligibility_checks', { country: 'KG', period: '2026-11', dimension: 'region' })
		).toEqual([expect.objectContaining({ status: 'not_available' })]);
		const yearly = await computeIndicators(
			ctx,
			MODULES,
			{ periods: ['2026'], countries: ['KG'], dimensions: [] },
			['programs.eligibility_checks']
		);
		expect(yearly).toEqual([expect.objectContaining({ period: '2026', status: 'value', value: 7 })]);
	});

	it('count women who saved programs, suppressed below five', async () => {
		const [kg, kz] = await Promise.all(
			['KG', 'KZ'].map(async (c) =>
				rowsOf<{ id: string }>(
					await db.handle.db.execute(
						sql`select id from programs_program where publication = 'published' and not demo and country = ${c} order by slug limit 2`
					)
				).map((r) => r.id)
			)
		);
		const users = Array.from({ length: 8 }, (_, i) => `saver-${i}`);
		for (const id of users)
			await db.handle.db.execute(
				sql`insert into auth_user (id, name, email) values (${id}, ${id}, ${id + '@example.org'})`
			);
		const save = (user: string, program: string) =>
			db.handle.db.execute(
				sql`insert into programs_saved (user_id, program_id) values (${user}, ${program})`
			);
		// Six women save Kyrgyz programs (one saves both), two save a Kazakh one.
		for (const u of users.slice(0, 6)) await save(u, kg[0]);
		await save(users[0], kg[1]);
		for (const u of users.slice(6)) await save(u, kz[0]);
		const rows = await computeIndicators(
			db.ctx({ now: NOW }),
			MODULES,
			{ periods: ['2026-11'], countries: ['KG', 'KZ'], dimensions: [] },
			['programs.saved']
		);
		expect(pick(rows, 'programs.saved', { country: 'KG' })[0]).toMatchObject({ status: 'value', value: 6 });
		expect(pick(rows, 'programs.saved', { country: 'KZ' })[0]).toMatchObject({
			status: 'suppressed',
			value: null
		});
	});

	it('count coalitions as their accountability pages do, and help entries that are published and confirmed', async () => {
		const ctx = db.ctx({ now: NOW });
		await db.handle.db.execute(sql`
			insert into coalitions_member (id, coalition_id, status, org_type, region, requested_by, requested_at)
			select 'm' || i, c.id, case when i <= 2 then 'member' else 'pending' end, 'association', 'KG-Y', 'u', now()
			from coalitions_coalition c, generate_series(1, 3) i where c.country = 'KG'`);
		const rows = await computeIndicators(ctx, MODULES, {
			periods: ['2026-11'],
			countries: ['KG', 'KZ', 'TJ', 'UZ'],
			dimensions: ['region', 'barrier', 'org_type', 'kind']
		});
		const listed = await coalitions.listCoalitions(ctx);
		expect(listed.coalitions.length).toBe(4);
		for (const c of listed.coalitions) {
			const total = pick(rows, 'coalitions.recommendations', { country: c.country })[0];
			const adopted = pick(rows, 'coalitions.recommendations_adopted', { country: c.country })[0];
			expect(total?.value ?? 0, c.country).toBe(c.adoption.total);
			expect(adopted?.value ?? 0, c.country).toBe(c.adoption.adopted);
		}
		expect(pick(rows, 'coalitions.women_represented_reported', { country: 'KG' })[0]).toMatchObject({
			value: 41535
		});
		expect(pick(rows, 'coalitions.member_organizations_reported', { country: 'KG' })[0]).toMatchObject({
			value: 31
		});
		expect(pick(rows, 'coalitions.member_organizations', { country: 'KG' })[0]).toMatchObject({ value: 2 });
		// Organizations, not people: two is shown.
		expect(
			pick(rows, 'coalitions.member_organizations', {
				country: 'KG',
				dimension: 'org_type',
				dimensionValue: 'association'
			})[0]
		).toMatchObject({ status: 'value', value: 2 });
		for (const country of ['KG', 'KZ', 'TJ', 'UZ']) {
			const expected = await count(sql`
				select count(*)::int as n from care_service
				where state = 'published' and last_confirmed_on is not null and not demo and country = ${country}`);
			expect(pick(rows, 'care.published_services', { country })[0]?.value ?? 0, country).toBe(expected);
		}
		const kinds = pick(rows, 'care.published_services', { country: 'KG', dimension: 'kind' });
		expect(kinds.reduce((n, r) => n + (r.value ?? 0), 0)).toBe(
			pick(rows, 'care.published_services', { country: 'KG' })[0].value
		);
	});

	it('store snapshots per period that dashboards read; a new month keeps the last one', async () => {
		const november = db.ctx({ now: NOW });
		const stored = await snapshotIndicators(november, MODULES);
		expect(stored).toBeGreaterThan(0);
		expect(await snapshotIndicators(november, MODULES)).toBe(stored);
		const snap = await readSnapshots(november, { periods: ['2026-11'], indicators: ['programs.published'] });
		const live = await computeIndicators(
			november,
			MODULES,
			{
				periods: ['2026-11'],
				countries: ['KG', 'KZ', 'TJ', 'UZ'],
				// Every dimension some module gives, as the snapshot asks for.
				dimensions: [...new Set(MODULES.flatMap((m) => m.indicators ?? []).flatMap((d) => d.dimensions))]
			},
			['programs.published']
		);
		const key = (r: IndicatorRow) => `${r.country}|${r.dimension}|${r.dimensionValue}|${r.status}|${r.value}`;
		expect(snap.map(key).sort()).toEqual(live.map(key).sort());
		await db.handle.db.execute(
			sql`update programs_program set publication = 'archived' where country = 'KG' or 'KG' = any(countries)`
		);
		const december = db.ctx({ now: new Date('2026-12-02T00:00:00Z') });
		await snapshotIndicators(december, MODULES);
		const after = await readSnapshots(december, {
			periods: ['2026-11', '2026-12'],
			indicators: ['programs.published'],
			countries: ['KG']
		});
		const totals = after.filter((r) => r.dimension === null);
		expect(totals.find((r) => r.period === '2026-11')?.value).toBe(
			snap.find((r) => r.country === 'KG' && r.dimension === null)?.value
		);
		expect(totals.find((r) => r.period === '2026-12')).toBeUndefined();
		// Last month's flows are brought up to date, its stocks are kept as they were.
		const checks = await readSnapshots(december, {
			periods: ['2026-11'],
			indicators: ['programs.eligibility_checks'],
			countries: ['KG']
		});
		expect(checks.find((r) => r.dimension === null)?.value).toBe(6);
	});

	it('refuses a malformed request with a clear error', async () => {
		await expect(
			computeIndicators(db.ctx(), MODULES, { periods: ['2026-13'], countries: ['KG'], dimensions: [] })
		).rejects.toMatchObject({ code: 'INVALID' });
		await expect(
			computeIndicators(db.ctx(), MODULES, {
				periods: ['2026', '2026-11'],
				countries: ['KG'],
				dimensions: []
			})
		).rejects.toMatchObject({ code: 'INVALID' });
		await expect(
			computeIndicators(db.ctx(), MODULES, { periods: ['2026'], countries: ['RU'], dimensions: [] })
		).rejects.toMatchObject({ code: 'INVALID' });
	});
});

describe('due for review', () => {
	it('lists programs unreviewed for 180 days and help entries unconfirmed for six months, to those who re-check them', async () => {
		const now = new Date('2026-11-20T12:00:00Z');
		await db.handle.db.execute(
			sql`update programs_program set publication = 'published', reviewed_on = '2026-11-01' where country = 'KG'`
		);
		const [old, borderline] = rowsOf<{ slug: string }>(
			await db.handle.db.execute(
				sql`select slug from programs_program where country = 'KG' and not demo order by slug limit 2`
			)
		).map((r) => r.slug);
		await db.handle.db.execute(
			sql`update programs_program set reviewed_on = '2026-05-23' where slug = ${old}`
		);
		await db.handle.db.execute(
			// 180 days before 20 November is 24 May: reviewed on the 25th, not due yet.
			sql`update programs_program set reviewed_on = '2026-05-25' where slug = ${borderline}`
		);
		await db.handle.db.execute(
			sql`update care_service set last_confirmed_on = '2026-10-01' where country = 'KG'`
		);
		const [stale, fresh] = rowsOf<{ id: string }>(
			await db.handle.db.execute(
				sql`select id from care_service where country = 'KG' and state = 'published' and not demo order by id limit 2`
			)
		).map((r) => r.id);
		await db.handle.db.execute(
			sql`update care_service set last_confirmed_on = '2026-05-20' where id = ${stale}`
		);
		await db.handle.db.execute(
			sql`update care_service set last_confirmed_on = '2026-05-21' where id = ${fresh}`
		);

		const coordinator = db.ctx({
			now,
			actor: actor('coord', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }])
		});
		const kgPrograms = (await reviewQueue(coordinator, MODULES)).filter(
			(i) => i.country === 'KG' && !i.reason.startsWith('missing_') // programs also list missing contacts/dates
		);
		expect(kgPrograms.map((i) => i.id)).toEqual([old]);
		expect(kgPrograms[0]).toMatchObject({
			module: 'programs',
			since: '2026-05-23',
			reason: 'unreviewed_180_days'
		});
		const editor = db.ctx({
			now,
			actor: actor('ed', [{ role: 'care_editor', country: 'KG', organizationId: null }])
		});
		const care = (await reviewQueue(editor, MODULES)).filter((i) => i.country === 'KG');
		expect(care.map((i) => i.id)).toEqual([stale]);
		expect(care[0]).toMatchObject({
			module: 'care',
			reason: 'unconfirmed_6_months',
			path: `/en/care-review/${stale}`
		});
		// Nobody else sees the queue: not a visitor, not staff of another country.
		expect(await reviewQueue(db.ctx({ now }), MODULES)).toEqual([]);
		const kz = db.ctx({
			now,
			actor: actor('kz', [{ role: 'care_editor', country: 'KZ', organizationId: null }])
		});
		expect((await reviewQueue(kz, MODULES)).some((i) => i.country === 'KG')).toBe(false);
	});
});
