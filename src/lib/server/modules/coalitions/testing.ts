import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { accounts } from '#lib/server/modules/accounts';
import { directoryStore } from '#lib/server/core/files';
import type { Actor, ServiceContext } from '#lib/server/core';
import { coalitions } from './index';

/**
 * The coalitions integration tests' world (one seeded database per test file): the people, two KG
 * organizations (A may become a member; B never joins unless a test makes it), and a file store in a
 * temporary directory. Only tests import this file.
 */
export const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);
export const kgCoordinator = actor('coord-kg', [
	{ role: 'coalition_coordinator', country: 'KG', organizationId: null }
]);
export const kzCoordinator = actor('coord-kz', [
	{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }
]);

export interface CoalitionsWorld {
	db: TestDb;
	filesDir: string;
	orgA: string;
	orgB: string;
	staffA: Actor;
	staffB: Actor;
}

/** The seeded world; with `member`, organization A has joined the KG coalition (listed, with contacts). */
export async function setUpCoalitions(options: { member?: boolean } = {}): Promise<CoalitionsWorld> {
	const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-coalitions-files-'));
	const db = await createTestDb({ seed: true, platform: { files: directoryStore(filesDir) } });
	const ctx = (a: Actor) => db.ctx({ actor: a });
	const a = await accounts.createOrganization(ctx(admin), {
		slug: 'kg-women-a',
		kind: 'business_association',
		name: { en: 'Association A' },
		country: 'KG'
	});
	const b = await accounts.createOrganization(ctx(admin), {
		slug: 'kg-women-b',
		kind: 'civil_society',
		name: { en: 'Organization B' },
		country: 'KG'
	});
	const staffA = actor(
		'staff-a',
		[],
		[{ organizationId: a.id, organizationKind: 'business_association', country: 'KG', role: 'admin' }]
	);
	const staffB = actor(
		'staff-b',
		[],
		[{ organizationId: b.id, organizationKind: 'civil_society', country: 'KG', role: 'staff' }]
	);
	if (options.member) {
		const { id } = await coalitions.requestJoin(ctx(staffA), 'kg', {
			organizationId: a.id,
			region: 'KG-Y',
			womenRepresented: '120',
			barriers: ['finance', 'markets'],
			contactEmail: 'A@example.org',
			listed: 'on'
		});
		await coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: id, decision: 'approve' });
	}
	return { db, filesDir, orgA: a.id, orgB: b.id, staffA, staffB };
}

export async function tearDownCoalitions(world: Partial<CoalitionsWorld>) {
	await world.db?.close();
	if (world.filesDir) fs.rmSync(world.filesDir, { recursive: true, force: true });
}

/** A recommendation at drafting in a coalition, by a coordinator. */
export async function addItemAs(
	ctx: ServiceContext,
	slug: string,
	title: string,
	extra: Record<string, unknown> = {}
) {
	const { id } = await coalitions.createRecommendation(ctx, slug, {
		barrier: 'finance',
		title: { en: title },
		...extra
	} as never);
	return id;
}
