import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { hsdsId, hsdsProblems, type HsdsOrganization, type HsdsService } from '#lib/server/core';
import { careService } from '#lib/server/db/schema';
import { care } from '#lib/server/modules/care';
import { programs } from '#lib/server/modules/programs';

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('the HSDS 3.0 export', () => {
	it('parses back and keeps the HSDS 3.0 field rules, help entries and programs together', async () => {
		const ctx = db.ctx({ locale: 'ky' });
		const [help, progs] = await Promise.all([care.hsdsDirectory(ctx), programs.hsdsPrograms(ctx)]);
		const orgs = new Map<string, HsdsOrganization>();
		for (const o of [...help.organizations, ...progs.organizations]) orgs.set(o.id, o);
		const parsed = JSON.parse(
			JSON.stringify({ organizations: [...orgs.values()], services: [...help.services, ...progs.services] })
		) as { organizations: HsdsOrganization[]; services: HsdsService[] };
		expect(parsed.services.length).toBeGreaterThan(20);
		expect(hsdsProblems(parsed)).toEqual([]);
		// Texts in the asked language (Kyrgyz drafts), phones exactly as stored.
		const kg102 = parsed.services.find((s) => s.id === hsdsId('care:kg-102-police'))!;
		expect(kg102.name).toMatch(/[а-яөүң]/i);
		expect(kg102.phones.map((p) => p.number)).toEqual(['102']);
		expect(kg102.assured_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(kg102.service_areas[0].description).toBe('KG');
	});

	it('carries only published, confirmed help entries (the Tajik 112 line is in, Kazakhstan 150 is not)', async () => {
		const { services } = await care.hsdsDirectory(db.ctx());
		const rows = await db.handle.db.select().from(careService);
		const shown = new Set(
			rows.filter((r) => r.state === 'published' && r.lastConfirmedOn).map((r) => hsdsId(`care:${r.id}`))
		);
		expect(new Set(services.map((s) => s.id))).toEqual(shown);
		expect(services.some((s) => s.id === hsdsId('care:tj-112-emergency-rescue'))).toBe(true);
		expect(services.some((s) => s.id === hsdsId('care:kz-150-helpline'))).toBe(false);
	});

	it('finds what breaks the rules', () => {
		const org = { id: hsdsId('o'), name: 'O', description: 'O', website: 'not a url', last_modified: 'x' };
		const service = {
			id: 'not-a-uuid',
			organization_id: hsdsId('other'),
			name: '',
			status: 'open',
			phones: [{ id: hsdsId('p'), number: '' }],
			languages: [],
			service_areas: [],
			schedules: [],
			assured_date: '2025',
			last_modified: new Date().toISOString()
		} as unknown as HsdsService;
		const problems = hsdsProblems({ organizations: [org], services: [service] });
		expect(problems.length).toBeGreaterThanOrEqual(7);
	});
});
