import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { AppError, translateError, type Actor } from '#lib/server/core';
import { production } from './index';
import { makeUser } from './testing';
import { invitation, network } from './schema';
import { JOIN_LIMITS } from './network';

/**
 * Forms that change state refuse an empty or invalid value with a message and change nothing (the
 * tolerance, the invitation), and invitation codes cannot be guessed by trying (core rate limit).
 */

let db: TestDb;
let coord: Actor;
let net: string;
const NOW = new Date('2026-11-20T08:00:00Z');
const ctx = (a: Actor, clientKey = 'client-1') => ({
	...db.ctx({ actor: a, now: NOW, locale: 'ky' }),
	clientKey
});

async function refusal(p: Promise<unknown>) {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(AppError);
	return e as AppError;
}
const invitations = async () =>
	Number(
		(
			await db.handle.db
				.select({ n: sql<number>`count(*)::int` })
				.from(invitation)
				.where(eq(invitation.networkId, net))
		)[0].n
	);
const toleranceBp = async () =>
	(await db.handle.db.select().from(network).where(eq(network.id, net)))[0].lossToleranceBp;

beforeAll(async () => {
	db = await createTestDb({ seed: false });
	coord = await makeUser(db.handle.db, 'forms-coord');
	net = (await production.createNetwork(ctx(coord), { name: 'Forms', country: 'KG' })).id;
});
afterAll(async () => {
	await db?.close();
});

describe('forms that change state', () => {
	it('the tolerance: empty, missing or out of range is a message on the field, nothing saved', async () => {
		await production.setLossTolerance(ctx(coord), net, { lossTolerancePercent: '7.5' });
		expect(await toleranceBp()).toBe(750);
		for (const value of ['', '   ', null, undefined, 'abc', '-1', '150']) {
			const e = await refusal(production.setLossTolerance(ctx(coord), net, { lossTolerancePercent: value }));
			expect(e.code, String(value)).toBe('INVALID');
			expect(translateError(e, 'ky')!.fields.lossTolerancePercent).toContain('100');
		}
		expect(await toleranceBp()).toBe(750);
	});

	it('the invitation: an empty or invalid number of days is a message, no code created', async () => {
		const before = await invitations();
		for (const days of ['', null, '0', '91', 'x']) {
			const e = await refusal(production.createInvitation(ctx(coord), net, { days }));
			expect(e.code).toBe('INVALID');
			expect(Object.keys(e.fields)).toEqual(['days']);
		}
		expect(await invitations()).toBe(before);
		const { expiresAt } = await production.createInvitation(ctx(coord), net, { days: '7' });
		expect(expiresAt).toBe('2026-11-27T08:00:00.000Z');
		expect(await invitations()).toBe(before + 1);
	});
});

describe('invitation codes', () => {
	it('are refused after too many wrong codes from one account, even the right one, and nothing is joined', async () => {
		const guesser = await makeUser(db.handle.db, 'forms-guesser');
		const { code } = await production.createInvitation(ctx(coord), net);
		for (let i = 0; i < JOIN_LIMITS.perUser; i++) {
			const e = await refusal(
				production.joinWithCode(ctx(guesser, `guess-${i}`), {
					code: `WRONG${i}CODE`,
					name: 'G',
					consent: true
				})
			);
			expect(e.code).toBe('INVALID');
		}
		const limited = await refusal(
			production.joinWithCode(ctx(guesser, 'guess-x'), { code, name: 'G', consent: true })
		);
		expect(limited.code).toBe('RATE_LIMITED');
		expect((await production.listMakers(ctx(coord), net)).map((m) => m.name)).not.toContain('G');
		// another woman on another device joins with the code
		const other = await makeUser(db.handle.db, 'forms-maker');
		await production.joinWithCode(ctx(other, 'client-2'), { code, name: 'Aizada', consent: true });
		expect((await production.listMakers(ctx(coord), net)).map((m) => m.name)).toContain('Aizada');
	});

	it('are refused after too many wrong codes from one client, whatever the account', async () => {
		for (let i = 0; i < JOIN_LIMITS.perClient; i++) {
			const who = await makeUser(db.handle.db, `forms-many-${i}`);
			await refusal(
				production.joinWithCode(ctx(who, 'one-device'), { code: `NOPE${i}NOPE`, name: 'X', consent: true })
			);
		}
		const fresh = await makeUser(db.handle.db, 'forms-fresh');
		const e = await refusal(
			production.joinWithCode(ctx(fresh, 'one-device'), { code: 'ANYCODE1', name: 'X', consent: true })
		);
		expect(e.code).toBe('RATE_LIMITED');
	});
});
