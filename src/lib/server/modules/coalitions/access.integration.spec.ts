import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { actor, type TestDb } from '#lib/server/testing';
import { coalitions } from './index';
import { ANONYMOUS, type Actor, type ServiceContext } from '#lib/server/core';
import { rowsOf } from '#lib/server/db';
import {
	addItemAs,
	admin,
	kgCoordinator,
	kzCoordinator,
	setUpCoalitions,
	tearDownCoalitions
} from './testing';

/** Coalitions: who may do what (every function that checks access refuses, and changes nothing). */
let db: TestDb;
let orgA: string;
let orgB: string;
let staffA: Actor;
let staffB: Actor;
let world: Awaited<ReturnType<typeof setUpCoalitions>> | undefined;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });
const addItem = (a: Actor, slug: string, title: string, extra: Record<string, unknown> = {}) =>
	addItemAs(ctx(a), slug, title, extra);

beforeAll(async () => {
	world = await setUpCoalitions({ member: true });
	({ db, orgA, orgB, staffA, staffB } = world);
});
afterAll(async () => tearDownCoalitions(world ?? {}));

describe('access', () => {
	it('a Kyrgyz coordinator cannot change a Kazakh recommendation', async () => {
		const kz = await coalitions.listItems(ctx(admin), 'kz');
		const target = kz.find((i) => i.kind === 'recommendation' && i.status === 'drafting')!;
		const input = { recommendationId: target.id, date: '2025', status: 'endorsed' as const };
		await expect(coalitions.recordStatus(ctx(kgCoordinator), 'kz', input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		// Nor through the Kyrgyz coalition's address.
		await expect(coalitions.recordStatus(ctx(kgCoordinator), 'kg', input)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(coalitions.recordStatus(ctx(staffA), 'kz', input)).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(coalitions.recordStatus(db.ctx(), 'kz', input)).rejects.toMatchObject({
			code: 'UNAUTHENTICATED'
		});
		await coalitions.recordStatus(ctx(kzCoordinator), 'kz', input);
	});

	it('a council coordinator of a coalition coordinates it without a role grant', async () => {
		const chairless = actor('council-coord');
		await coalitions.setCouncilRole(ctx(admin), 'tj', {
			userId: 'council-coord',
			role: 'coordinator',
			displayName: 'Coordinator TJ'
		});
		const id = await addItem(chairless, 'tj', 'Childcare for entrepreneurs');
		await expect(addItem(chairless, 'uz', 'Not mine')).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await coalitions.getItem(ctx(admin), 'tj', id)).item.status).toBe('drafting');
	});

	it('a non-member cannot endorse; endorsing twice counts once; members read the discussion', async () => {
		const id = await addItem(kgCoordinator, 'kg', 'Women in procurement');
		await expect(
			coalitions.endorse(ctx(staffB), 'kg', { recommendationId: id, organizationId: orgB })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(
			coalitions.endorse(ctx(staffB), 'kg', { recommendationId: id, organizationId: orgA })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(
			(await coalitions.endorse(ctx(staffA), 'kg', { recommendationId: id, organizationId: orgA })).created
		).toBe(true);
		expect(
			(await coalitions.endorse(ctx(staffA), 'kg', { recommendationId: id, organizationId: orgA })).created
		).toBe(false);
		const view = await coalitions.getItem(ctx(staffA), 'kg', id);
		expect(view.item.endorsements).toBe(1);
		expect(view.endorsers.map((e) => e.name)).toEqual(['Association A']);
		expect(view.viewer.canEndorseFor).toEqual([]);

		await coalitions.addComment(
			ctx(staffA),
			'kg',
			{ recommendationId: id, body: 'We support this.' },
			'Aizada'
		);
		await expect(
			coalitions.addComment(ctx(staffB), 'kg', { recommendationId: id, body: 'Let me in' }, 'B')
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await coalitions.getItem(ctx(staffA), 'kg', id)).discussion).toEqual([
			expect.objectContaining({ author: 'Aizada', organization: 'Association A', body: 'We support this.' })
		]);
		expect((await coalitions.getItem(ctx(staffB), 'kg', id)).discussion).toBeNull();
		expect((await coalitions.getItem(db.ctx(), 'kg', id)).discussion).toBeNull();
	});
});

/** A digest of every coalitions table and of the audit log: any insert, update or delete changes it. */
async function stateDigest(): Promise<Record<string, string>> {
	const tables = rowsOf<{ name: string }>(
		await db.handle.db.execute(
			sql`select table_name as name from information_schema.tables
				where table_schema = current_schema() and (table_name like 'coalitions\_%' or table_name in ('core_audit_log', 'accounts_organization', 'accounts_organization_member'))
				order by table_name`
		)
	);
	const digest: Record<string, string> = {};
	for (const { name } of tables) {
		const [row] = rowsOf<{ d: string | null }>(
			await db.handle.db.execute(
				sql.raw(`select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as d from "${name}" t`)
			)
		);
		digest[name] = row.d ?? '';
	}
	return digest;
}

/** Public functions that check no access (public reads); every other function must be refused below. */
const PUBLIC = [
	'myFollow',
	'listCoalitions',
	'coalitionsForApi',
	'getCoalition',
	'viewerOf',
	'listItems',
	'recommendationsOf',
	'recommendationsForApi',
	'getItem',
	'listDirectory',
	'getEvidenceFile',
	'exportRecommendationsCsv',
	'exportTimelineCsv'
];

describe('every function that checks access refuses, and changes nothing', () => {
	it('refuses visitors and the wrong people, function by function', async () => {
		const item = await addItem(kgCoordinator, 'kg', 'Refusals');
		const { id: agendaId } = await coalitions.createAgenda(ctx(kgCoordinator), 'kg', { title: { en: 'A' } });
		const { id: pending } = await coalitions.requestJoin(ctx(staffB), 'kg', { organizationId: orgB });
		const kg = await coalitions.getCoalition(ctx(admin), 'kg');
		const entry = { recommendationId: item, date: '2026', status: 'endorsed' as const };
		const csv = 'recommendation_id,date,status\n' + `${item},2026,endorsed\n`;
		/** Each function: who is refused (besides a visitor, who always is), and how it is called. */
		const cases: Record<string, { refused: Actor[]; call: (c: ServiceContext) => Promise<unknown> }> = {
			joinOptions: { refused: [], call: (c) => coalitions.joinOptions(c, 'kg') },
			followCoalition: {
				refused: [],
				call: (c) => coalitions.followCoalition(c, 'kg', { channel: 'email' })
			},
			unfollowCoalition: { refused: [], call: (c) => coalitions.unfollowCoalition(c, 'kg') },
			requestJoin: {
				refused: [staffA], // for an organization that is not hers
				call: (c) => coalitions.requestJoin(c, 'kg', { organizationId: orgB })
			},
			listJoinRequests: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.listJoinRequests(c, 'kg')
			},
			reviewJoin: {
				refused: [staffA, staffB, kzCoordinator],
				call: (c) => coalitions.reviewJoin(c, 'kg', { memberId: pending, decision: 'approve' })
			},
			updateMemberProfile: {
				refused: [staffB, kzCoordinator],
				call: (c) => coalitions.updateMemberProfile(c, 'kg', { organizationId: orgA, listed: 'on' })
			},
			leaveCoalition: {
				refused: [staffB, kzCoordinator],
				call: (c) => coalitions.leaveCoalition(c, 'kg', orgA)
			},
			getProfile: { refused: [staffA, kzCoordinator], call: (c) => coalitions.getProfile(c, 'kg') },
			updateProfile: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.updateProfile(c, 'kg', { profile: { en: 'Taken over' } })
			},
			setCouncilRole: {
				// A coordinator is not the chair: only the chair (or a platform admin) sets council roles.
				refused: [staffA, kgCoordinator],
				call: (c) =>
					coalitions.setCouncilRole(c, 'kg', { userId: 'staff-a', role: 'chair', displayName: 'Me' })
			},
			createCoalition: {
				refused: [staffA, kgCoordinator],
				call: (c) => coalitions.createCoalition(c, { slug: 'kg-refused', country: 'KG', name: { en: 'X' } })
			},
			createAgenda: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.createAgenda(c, 'kg', { title: { en: 'Mine' } })
			},
			publishAgendaVersion: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.publishAgendaVersion(c, 'kg', { agendaId })
			},
			createRecommendation: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.createRecommendation(c, 'kg', { barrier: 'finance', title: { en: 'Mine' } })
			},
			updateRecommendationText: {
				refused: [staffA, kzCoordinator],
				call: (c) =>
					coalitions.updateRecommendationText(c, 'kg', { recommendationId: item, title: { en: 'Mine' } })
			},
			getRecommendationText: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.getRecommendationText(c, 'kg', item)
			},
			endorse: {
				refused: [staffB, kzCoordinator], // not a member organization of this coalition
				call: (c) => coalitions.endorse(c, 'kg', { recommendationId: item, organizationId: orgB })
			},
			addComment: {
				refused: [staffB, actor('someone')],
				call: (c) => coalitions.addComment(c, 'kg', { recommendationId: item, body: 'Hello' }, 'B')
			},
			recordStatus: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.recordStatus(c, 'kg', entry)
			},
			importTimelineCsv: {
				refused: [staffA, kzCoordinator],
				call: (c) => coalitions.importTimelineCsv(c, 'kg', { csv }, { dryRun: true })
			}
		};
		// Every function of the public API is either public or refused here.
		const functions = Object.entries(coalitions)
			.filter(([, v]) => typeof v === 'function')
			.map(([k]) => k);
		expect([...PUBLIC, ...Object.keys(cases)].sort()).toEqual(functions.sort());

		const before = await stateDigest();
		for (const [name, { refused, call }] of Object.entries(cases)) {
			await expect(call(ctx(ANONYMOUS)), `${name} by a visitor`).rejects.toMatchObject({
				code: 'UNAUTHENTICATED'
			});
			for (const who of refused)
				await expect(call(ctx(who)), `${name} by ${who.userId}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		expect(await stateDigest()).toEqual(before);

		// The same calls succeed for the right person (so the refusals above are about who asks).
		await expect(coalitions.listJoinRequests(ctx(kgCoordinator), 'kg')).resolves.toEqual(
			expect.arrayContaining([expect.objectContaining({ id: pending })])
		);
		await expect(cases.getRecommendationText.call(ctx(kgCoordinator))).resolves.toMatchObject({
			reported: false
		});
		await expect(cases.getProfile.call(ctx(kgCoordinator))).resolves.toBeDefined();
		expect(kg.viewer.coordinator).toBe(true);
	});

	it('keeps what only insiders may read away from everyone else', async () => {
		const visitor = ctx(actor('visitor-2'));
		const directory = await coalitions.listDirectory(visitor, 'kg');
		expect(directory.insider).toBe(false);
		expect(directory.members.every((m) => m.listed && m.contacts === null)).toBe(true);
		const [first] = await coalitions.listItems(visitor, 'kg');
		const view = await coalitions.getItem(visitor, 'kg', first.id);
		expect(view.discussion).toBeNull();
		expect(view.viewer).toMatchObject({
			coordinator: false,
			insider: false,
			actingFor: [],
			canEndorseFor: []
		});
	});
});
