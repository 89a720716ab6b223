import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { ANONYMOUS, auditTrail, type Actor } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import { accounts } from '#lib/server/modules/accounts';
import { authUser, careService } from '#lib/server/db/schema';
import { care, CARE_API_SCHEMAS, CARE_KINDS } from './index';
import data from '../../../../../seed/care-services.json';

const NOW = new Date('2026-11-22T09:00:00Z');
let db: TestDb;
let kgEditor: Actor;
let anyEditor: Actor;
const entrepreneur = actor('woman-1');
const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);

const unpublished = data.services.filter((s) => !s.publish).map((s) => s.id);

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	const adminCtx = db.ctx({ actor: admin, now: NOW });
	for (const id of ['kg-editor', 'all-editor', 'woman-1'])
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org` });
	await accounts.grantRole(adminCtx, { userId: 'kg-editor', role: 'care_editor', country: 'KG' });
	await accounts.grantRole(adminCtx, { userId: 'all-editor', role: 'care_editor' });
	kgEditor = await accounts.loadActor(db.handle.db, 'kg-editor');
	anyEditor = await accounts.loadActor(db.handle.db, 'all-editor');
});
afterAll(async () => db?.close());

describe('public directory', () => {
	it('never lists an entry the seed does not allow, in any country, region or language', async () => {
		for (const locale of ['ky', 'ru', 'en'] as const) {
			const all = await care.findServices(db.ctx({ locale, now: NOW }));
			expect(all.length).toBeGreaterThan(5);
			for (const s of all) {
				expect(unpublished).not.toContain(s.id);
				expect(['A', 'B']).toContain(s.confidence);
				expect(s.lastConfirmed).not.toBeNull();
			}
		}
		const tj = await care.countryHelp(db.ctx({ now: NOW }), { country: 'TJ' });
		// care-services.json v2 adds the Tajik 112 rescue line: Tajikistan's directory is no longer empty.
		expect(tj?.hasConfirmedPhone).toBe(true);
		expect(tj?.emergency.map((s) => s.id)).toEqual(['tj-112-emergency-rescue']);
		const kz = await care.countryHelp(db.ctx({ now: NOW }), { country: 'KZ', region: 'KZ-75' });
		// v2: Kazakhstan's 102 now has a dated source and is shown; its 150 went back to review.
		expect(kz?.emergency.map((s) => s.id)).toEqual(['kz-102-police']);
		expect(kz?.others.map((s) => s.id)).toContain('kz-111-family-women-children');
		expect(kz?.others.map((s) => s.id)).not.toContain('kz-150-helpline');
	});

	it('puts confirmed emergency and police numbers first, keeps phones exact, and warns when stale', async () => {
		const uz = await care.countryHelp(db.ctx({ locale: 'uz', now: NOW }), { country: 'UZ' });
		expect(uz?.emergency.map((s) => s.id)).toEqual(['uz-112-emergency', 'uz-102-police']);
		expect(uz?.emergency[0].phones).toEqual([{ display: '112', tel: 'tel:112' }]);
		// Confirmed by sources of 2024: more than six months ago, so shown with a warning.
		expect(uz?.emergency[0].stale).toBe(true);
		expect(uz?.emergency[0].lastConfirmed).toEqual({
			on: '2024-06-26',
			asGiven: '2024-06-26',
			method: 'source',
			by: 'source'
		});
		const kg = await care.findServices(db.ctx({ now: NOW }), { country: 'KG', kind: 'police' });
		expect(kg[0].lastConfirmed).toMatchObject({ on: '2025-01-01', asGiven: '2025' });
		// Issue 18: the Uzbek directory reads in Uzbek (machine drafts, marked as such), not English.
		expect(uz?.emergency[0].name).toMatchObject({ locale: 'uz', fallback: false, draft: true });
		expect(uz?.rights.map((r) => r.key)).toContain('care_rights_uz_law_2023');
		const fresh = await care.findServices(db.ctx({ now: new Date('2024-07-01T00:00:00Z') }), {
			country: 'UZ',
			kind: 'emergency'
		});
		expect(fresh.map((s) => [s.id, s.stale])).toEqual([['uz-112-emergency', false]]);
	});

	it('filters by region (whole-country services always included) and refuses a region of another country', async () => {
		const kg = await care.findServices(db.ctx({ now: NOW }), { country: 'KG', region: 'KG-Y' });
		expect(kg.length).toBeGreaterThan(0);
		expect(kg.every((s) => s.regions === null || s.regions.includes('KG-Y'))).toBe(true);
		await expect(care.findServices(db.ctx(), { country: 'KG', region: 'KZ-75' })).rejects.toMatchObject({
			code: 'INVALID'
		});
		await expect(care.findServices(db.ctx(), { country: 'XX' as never })).rejects.toMatchObject({
			code: 'INVALID'
		});
	});
});

describe('review workflow', () => {
	it('is closed to visitors and entrepreneurs, and a KG editor cannot touch a KZ entry', async () => {
		const input = { id: 'kz-150-helpline', method: 'called_operator' as const, confirmedOn: '2026-11-20' };
		await expect(care.confirmService(db.ctx({ now: NOW }), input)).rejects.toMatchObject({
			code: 'UNAUTHENTICATED'
		});
		await expect(care.confirmService(db.ctx({ actor: entrepreneur, now: NOW }), input)).rejects.toMatchObject(
			{
				code: 'FORBIDDEN'
			}
		);
		await expect(care.reviewQueue(db.ctx({ actor: entrepreneur, now: NOW }))).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(care.confirmService(db.ctx({ actor: kgEditor, now: NOW }), input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(
			care.reviewEntry(db.ctx({ actor: kgEditor, now: NOW }), 'kz-150-helpline')
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		const [row] = await db.handle.db.select().from(careService).where(eq(careService.id, 'kz-150-helpline'));
		expect(row.state).toBe('review');
	});

	it('shows a KG editor only KG entries: unconfirmed ones, stale ones and expired ones apart', async () => {
		const queue = await care.reviewQueue(db.ctx({ actor: kgEditor, now: NOW }));
		expect(queue.countries).toEqual(['KG']);
		const all = [...queue.due, ...queue.current, ...queue.retired];
		expect(all.every((i) => i.country === 'KG')).toBe(true);
		expect(queue.due.find((i) => i.id === 'kg-117-domestic-violence-line')?.reason).toBe(
			'care_reason_unverified'
		);
		expect(queue.due.find((i) => i.id === 'kg-111-helpline')?.reason).toBe('care_reason_stale');
	});

	it('publishes an entry when an editor of its country records how and when she confirmed it', async () => {
		const ctx = db.ctx({ actor: kgEditor, now: NOW });
		const before = await care.findServices(ctx, { country: 'KG' });
		expect(before.map((s) => s.id)).not.toContain('kg-117-domestic-violence-line');

		await expect(
			care.confirmService(ctx, {
				id: 'kg-117-domestic-violence-line',
				method: 'called_operator',
				confirmedOn: '2026-12-01'
			})
		).rejects.toMatchObject({ code: 'INVALID', fields: { confirmedOn: { key: 'care_error_future_date' } } });
		await expect(
			care.confirmService(ctx, {
				id: 'kg-117-domestic-violence-line',
				method: 'called_operator',
				confirmedOn: '2026-01-01'
			})
		).rejects.toMatchObject({ code: 'INVALID', fields: { confirmedOn: { key: 'care_error_too_old' } } });
		await expect(
			care.confirmService(ctx, {
				id: 'kg-117-domestic-violence-line',
				method: 'called_operator',
				confirmedOn: '2026-11-20',
				phones: '117\nnot a phone'
			})
		).rejects.toMatchObject({ code: 'INVALID' });

		await care.confirmService(ctx, {
			id: 'kg-117-domestic-violence-line',
			method: 'called_operator',
			confirmedOn: '2026-11-20',
			note: 'Operator answered on weekday morning'
		});
		const after = await care.findServices(db.ctx({ now: NOW }), { country: 'KG' });
		const entry = after.find((s) => s.id === 'kg-117-domestic-violence-line');
		expect(entry).toMatchObject({
			phones: [{ display: '117', tel: 'tel:117' }],
			stale: false,
			lastConfirmed: { on: '2026-11-20', asGiven: '2026-11-20', method: 'called_operator', by: 'editor' }
		});
		const { history } = await care.reviewEntry(ctx, 'kg-117-domestic-violence-line');
		expect(history[0]).toMatchObject({
			action: 'confirmed',
			method: 'called_operator',
			by: 'you',
			phones: ['117']
		});
		const [audit] = await auditTrail(ctx, 'care_service', 'kg-117-domestic-violence-line');
		expect(audit).toMatchObject({ actorId: 'kg-editor', action: 'care.service.confirm' });

		// Six months later it is stale again: still shown with a warning, and back in the queue.
		const later = db.ctx({ actor: kgEditor, now: new Date('2027-05-21T00:00:00Z') });
		const queue = await care.reviewQueue(later);
		expect(queue.due.find((i) => i.id === 'kg-117-domestic-violence-line')?.reason).toBe('care_reason_stale');
		const shown = await care.findServices(later, { country: 'KG' });
		expect(shown.find((s) => s.id === 'kg-117-domestic-violence-line')?.stale).toBe(true);
	});

	it('takes an entry off the directory, and never publishes an expired one', async () => {
		const ctx = db.ctx({ actor: anyEditor, now: NOW });
		await care.withdrawService(ctx, { id: 'kg-117-domestic-violence-line', note: 'Line no longer answers' });
		const shown = await care.findServices(ctx, { country: 'KG' });
		expect(shown.map((s) => s.id)).not.toContain('kg-117-domestic-violence-line');
		await expect(
			care.confirmService(ctx, {
				id: 'uz-2020-quarantine-line',
				method: 'called_operator',
				confirmedOn: '2026-11-20'
			})
		).rejects.toMatchObject({ code: 'CONFLICT' });
		expect((await care.findServices(ctx, { country: 'UZ' })).map((s) => s.id)).not.toContain(
			'uz-2020-quarantine-line'
		);
	});

	it('lets an editor without a country limit confirm a KZ entry', async () => {
		await care.confirmService(db.ctx({ actor: anyEditor, now: NOW }), {
			id: 'kz-150-helpline',
			method: 'official_site',
			confirmedOn: '2026-11-21'
		});
		const kz = await care.countryHelp(db.ctx({ now: NOW }), { country: 'KZ' });
		expect(kz?.others.map((s) => s.id)).toContain('kz-150-helpline');
	});

	it('records once, by its job, that a published entry went stale and is back in the queue', async () => {
		const ctx = db.ctx({ now: NOW });
		const first = await care.recordStaleEntries(ctx);
		expect(first).toContain('uz-112-emergency');
		expect(first).not.toContain('kz-150-helpline');
		expect(await care.recordStaleEntries(ctx)).toEqual([]);
		const [entry] = await auditTrail(ctx, 'care_service', 'uz-112-emergency');
		expect(entry).toMatchObject({
			action: 'care.service.stale',
			after: { lastConfirmedOn: '2024-06-26', staleFrom: '2024-12-26' }
		});
	});

	it('refuses, in the database itself, a published entry without a confirmation', async () => {
		await expect(
			db.handle.db
				.update(careService)
				.set({ state: 'published' })
				.where(eq(careService.id, 'tj-1313-domestic-violence-line'))
		).rejects.toThrow();
	});
});

/** A digest of the care tables and the audit log: any insert, update or delete changes it. */
async function stateDigest(): Promise<Record<string, string>> {
	const digest: Record<string, string> = {};
	for (const name of ['care_service', 'care_confirmation', 'core_audit_log']) {
		const [row] = rowsOf<{ d: string | null }>(
			await db.handle.db.execute(
				sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from "${name}" t`)
			)
		);
		digest[name] = row.d ?? '';
	}
	return digest;
}

/** Functions that check no access: the public directory, the job, pure helpers and constants. */
const PUBLIC = [
	'findServices',
	'countryHelp',
	'regionsOf',
	'reviewableCountries',
	'recordStaleEntries',
	'isoDay',
	'staleFrom',
	'isStale',
	'phoneLink',
	'hsdsDirectory',
	'STALE_AFTER_MONTHS'
];

describe('every function that checks access refuses, and changes nothing', () => {
	it('refuses visitors, entrepreneurs and editors of another country, function by function', async () => {
		const kz = 'kz-150-helpline';
		const cases: Record<string, { refused: Actor[]; call: (a: Actor) => Promise<unknown> }> = {
			reviewQueue: { refused: [entrepreneur], call: (a) => care.reviewQueue(db.ctx({ actor: a, now: NOW })) },
			reviewEntry: {
				refused: [entrepreneur, kgEditor],
				call: (a) => care.reviewEntry(db.ctx({ actor: a, now: NOW }), kz)
			},
			confirmService: {
				refused: [entrepreneur, kgEditor],
				call: (a) =>
					care.confirmService(db.ctx({ actor: a, now: NOW }), {
						id: kz,
						method: 'called_operator',
						confirmedOn: '2026-11-22'
					})
			},
			withdrawService: {
				refused: [entrepreneur, kgEditor],
				call: (a) => care.withdrawService(db.ctx({ actor: a, now: NOW }), { id: kz, note: 'No answer' })
			}
		};
		expect([...PUBLIC, ...Object.keys(cases)].sort()).toEqual(Object.keys(care).sort());

		const before = await stateDigest();
		for (const [name, { refused, call }] of Object.entries(cases)) {
			await expect(call(ANONYMOUS), `${name} by a visitor`).rejects.toMatchObject({
				code: 'UNAUTHENTICATED'
			});
			for (const who of refused)
				await expect(call(who), `${name} by ${who.userId}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		// An unknown id tells nobody but an editor that it does not exist.
		await expect(care.reviewEntry(db.ctx({ actor: entrepreneur }), 'no-such-entry')).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(care.reviewEntry(db.ctx({ actor: kgEditor }), 'no-such-entry')).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		expect(await stateDigest()).toEqual(before);
		await expect(cases.reviewEntry.call(anyEditor)).resolves.toMatchObject({ entry: { id: kz } });
	});

	it('shows the public nothing but published entries, whatever the filter', async () => {
		const rows = await db.handle.db.select().from(careService);
		const published = new Set(rows.filter((r) => r.state === 'published').map((r) => r.id));
		expect(published.size).toBeLessThan(rows.length);
		const visitor = db.ctx({ now: NOW });
		for (const country of ['KG', 'KZ', 'TJ', 'UZ'] as const) {
			const help = await care.countryHelp(visitor, { country });
			for (const s of [...help!.emergency, ...help!.others]) expect(published).toContain(s.id);
			for (const kind of CARE_KINDS)
				for (const s of await care.findServices(visitor, { country, kind }))
					expect(published).toContain(s.id);
		}
	});
});

describe('API view', () => {
	it('is exactly what its zod schema (the OpenAPI component) describes', async () => {
		for (const locale of ['uz', 'ru'] as const) {
			const body = { services: await care.findServices(db.ctx({ locale, now: NOW })) };
			expect(body.services.length).toBeGreaterThan(0);
			expect(CARE_API_SCHEMAS.CareServices.parse(body)).toEqual(body);
		}
	});
});

describe('confirmation history', () => {
	it('keeps every earlier confirmation as it was through every write path of the module', async () => {
		const history = async () =>
			rowsOf<Record<string, unknown>>(
				await db.handle.db.execute(sql`select * from care_confirmation order by id`)
			);
		const before = await history();
		expect(before.length).toBeGreaterThan(0);
		const later = new Date('2027-06-01T09:00:00Z');
		const editor = db.ctx({ actor: anyEditor, now: later });
		/** The functions of `care` that write, each taken once below. */
		const writes = ['confirmService', 'withdrawService', 'recordStaleEntries'];
		await care.confirmService(editor, {
			id: 'kg-117-domestic-violence-line',
			method: 'official_site',
			confirmedOn: '2027-05-30'
		});
		await care.withdrawService(editor, {
			id: 'kg-117-domestic-violence-line',
			note: 'Moved to a new number'
		});
		expect((await care.recordStaleEntries(db.ctx({ now: later }))).length).toBeGreaterThan(0);
		const after = await history();
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after.slice(before.length).map((h) => h.action)).toEqual(['confirmed', 'withdrawn']);
		expect(writes.every((name) => name in care)).toBe(true);
	});
});
