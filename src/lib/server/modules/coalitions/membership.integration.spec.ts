import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, type TestDb } from '#lib/server/testing';
import { accounts } from '#lib/server/modules/accounts';
import { coalitions } from './index';
import { type Actor, type ServiceContext } from '#lib/server/core';
import { admin, kgCoordinator, kzCoordinator, setUpCoalitions, tearDownCoalitions } from './testing';

/** Coalitions: membership (join requests, review, the directory, leaving). */
let db: TestDb;
let orgA: string;
let orgB: string;
let staffA: Actor;
let world: Awaited<ReturnType<typeof setUpCoalitions>> | undefined;

const ctx = (a: Actor, now?: Date): ServiceContext => db.ctx({ actor: a, now });

beforeAll(async () => {
	world = await setUpCoalitions();
	({ db, orgA, orgB, staffA } = world);
});
afterAll(async () => tearDownCoalitions(world ?? {}));

describe('membership', () => {
	it('join request → coordinator review → member; leaving', async () => {
		await expect(coalitions.requestJoin(ctx(staffA), 'kg', { organizationId: orgB })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		const { id } = await coalitions.requestJoin(ctx(staffA), 'kg', {
			organizationId: orgA,
			region: 'KG-Y',
			womenRepresented: '120',
			barriers: ['finance', 'markets'],
			contactEmail: 'A@example.org',
			listed: 'on'
		});
		await expect(coalitions.requestJoin(ctx(staffA), 'kg', { organizationId: orgA })).rejects.toMatchObject({
			code: 'CONFLICT'
		});
		await expect(coalitions.listJoinRequests(ctx(staffA), 'kg')).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(
			coalitions.reviewJoin(ctx(kzCoordinator), 'kg', { memberId: id, decision: 'approve' })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect((await coalitions.listJoinRequests(ctx(kgCoordinator), 'kg')).map((r) => r.id)).toEqual([id]);
		await coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: id, decision: 'approve' });
		await expect(
			coalitions.reviewJoin(ctx(kgCoordinator), 'kg', { memberId: id, decision: 'decline' })
		).rejects.toMatchObject({
			code: 'CONFLICT'
		});

		const publicDirectory = await coalitions.listDirectory(ctx(actor('visitor')), 'kg');
		expect(publicDirectory.members.map((m) => m.name)).toEqual(['Association A']);
		expect(publicDirectory.members[0].contacts).toBeNull();
		const insiderDirectory = await coalitions.listDirectory(ctx(staffA), 'kg');
		expect(insiderDirectory.members[0].contacts).toMatchObject({ email: 'a@example.org' });
		expect(
			(await coalitions.listCoalitions(ctx(admin))).coalitions.find((c) => c.slug === 'kg')!.registeredMembers
		).toBe(1);
	});

	it('a request for an organization new to Birge creates it on approval, with the requester as its admin', async () => {
		const user = await accounts.signUpWithEmail(
			ctx(actor('anon')),
			{ name: 'Gulnara', email: 'gulnara@example.org', password: 'long-enough-pass-1' },
			{ headers: new Headers() }
		);
		const requester = actor(user.userId);
		const { id } = await coalitions.requestJoin(ctx(requester), 'kg', {
			organizationName: 'Naryn Women Weavers',
			organizationKind: 'business_association'
		});
		const result = await coalitions.reviewJoin(ctx(kgCoordinator), 'kg', {
			memberId: id,
			decision: 'approve'
		});
		expect(result.organizationId).toBeTruthy();
		const members = await accounts.listMembers(ctx(admin), result.organizationId!);
		expect(members).toEqual([expect.objectContaining({ userId: user.userId, role: 'admin' })]);
		const fresh = await accounts.loadActor(db.handle.db, user.userId);
		await coalitions.leaveCoalition(ctx(fresh), 'kg', result.organizationId!);
		const dir = await coalitions.listDirectory(ctx(admin), 'kg');
		expect(dir.members.some((m) => m.organizationId === result.organizationId)).toBe(false);
	});

	it('refuses to propose a government body or a donor as a member (the join form offers neither)', async () => {
		const someone = actor('proposer-1');
		for (const kind of ['government_body', 'donor'])
			await expect(
				coalitions.requestJoin(ctx(someone), 'kg', {
					organizationName: 'Ministry',
					organizationKind: kind as never
				})
			).rejects.toMatchObject({
				code: 'INVALID',
				fields: { organizationKind: { key: 'error_field_choice' } }
			});
		expect((await coalitions.joinOptions(ctx(someone), 'kg')).myRequests).toEqual([]);
	});
});
