import { expect } from 'vitest';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError, type ServiceContext } from '#lib/server/core';
import { authUser } from '#lib/server/db/schema';
import { programs } from './index';

/**
 * What the programs integration specs share (one file per sub-domain: seed and search, eligibility,
 * saved programs, curation): a seeded database with four users, the clock, the actors and helpers.
 */
export const NOW = new Date('2026-11-22T09:00:00Z');

export async function openProgramsDb(): Promise<TestDb> {
	const db = await createTestDb({ seed: true });
	for (const id of ['u-ent', 'u-kg-staff', 'u-kg-coord', 'u-kz-coord']) {
		await db.handle.db.insert(authUser).values({ id, name: id, email: `${id}@example.org`, locale: 'ru' });
	}
	return db;
}

/** The actors of the specs, over the database the spec opened (read when each context is made). */
export function programsActors(db: () => TestDb) {
	return {
		anon: (locale: 'ru' | 'en' | 'ky' | 'uz' = 'en') => db().ctx({ locale, now: NOW }),
		entrepreneur: () => db().ctx({ actor: actor('u-ent'), now: NOW }),
		kgStaff: () =>
			db().ctx({
				actor: actor(
					'u-kg-staff',
					[],
					[{ organizationId: 'o1', organizationKind: 'civil_society', country: 'KG', role: 'staff' }]
				),
				now: NOW
			}),
		kgCoordinator: () =>
			db().ctx({
				actor: actor('u-kg-coord', [{ role: 'coalition_coordinator', country: 'KG', organizationId: null }]),
				now: NOW
			}),
		kzCoordinator: () =>
			db().ctx({
				actor: actor('u-kz-coord', [{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }]),
				now: NOW
			})
	};
}

export const slugs = async (ctx: ServiceContext, q: string, extra: Record<string, string> = {}) =>
	(await programs.findPrograms(ctx, { q, ...extra })).items.map((i) => i.slug);

export async function expectCode(p: Promise<unknown>, code: string) {
	const e = await p.catch((x) => x);
	expect(e).toBeInstanceOf(AppError);
	expect((e as AppError).code).toBe(code);
}
