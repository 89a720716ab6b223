import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { auditTrail, type ServiceContext } from '#lib/server/core';
import { accounts, memorySender } from '.';
import { LIMITS } from './service';

/**
 * Issue 9 on the accounts side, on PGlite and (DATABASE_URL) PostgreSQL: links only on the
 * configured origin, throttles that stop a stranger without locking the owner out, sessions by
 * id only, and a sign-up that is atomic.
 */
const ORIGIN = 'https://birge.example.org';
const sender = memorySender();
let db: TestDb;

beforeAll(async () => {
	db = await createTestDb({ seed: true, platform: { origin: ORIGIN, sender } });
});
afterAll(async () => db?.close());

const from = (clientKey: string): ServiceContext => db.ctx({ locale: 'en', clientKey });
const none = { headers: new Headers() };
function cookieHeader(setCookies: string[]): Headers {
	return new Headers({ cookie: setCookies.map((c) => c.split(';')[0]).join('; ') });
}

describe('reset links', () => {
	it('are built on the configured origin whatever the request named', async () => {
		await accounts.signUpWithEmail(
			from('c-reset'),
			{ name: 'Dana', email: 'dana@example.org', password: 'dana-password-2026' },
			none
		);
		const before = sender.mail.length;
		await accounts.requestPasswordReset(from('c-reset'), { email: 'dana@example.org' });
		const mails = sender.mail.slice(before);
		expect(mails).toHaveLength(1);
		expect(new URL(mails[0].url!).origin).toBe(ORIGIN);
		expect(mails[0].text).toContain(`${ORIGIN}/en/auth/reset?token=`);
		expect(mails[0].text).not.toMatch(/evil|attacker/);
	});
});

describe('sign-in throttles', () => {
	it('stop a stranger after 10 tries from her client, while the owner signs in from hers with an e-mailed code', async () => {
		await accounts.signUpWithEmail(
			from('owner-phone'),
			{ name: 'Gulnara', email: 'gulnara@example.org', password: 'gulnara-felt-2026' },
			none
		);
		const stranger = from('stranger-laptop');
		const outcomes: string[] = [];
		for (let i = 0; i < 50; i++) {
			const e = await accounts
				.signInWithEmail(stranger, { email: 'gulnara@example.org', password: `guess-${i}-xxxx` }, none)
				.catch((error) => error);
			outcomes.push(e.code);
		}
		// 10 wrong passwords, then her client is refused for this account.
		expect(outcomes.slice(0, 10).every((c) => c === 'INVALID')).toBe(true);
		expect(outcomes.slice(10).every((c) => c === 'RATE_LIMITED')).toBe(true);
		// The stranger, even with the right password, stays refused from her client.
		await expect(
			accounts.signInWithEmail(
				stranger,
				{ email: 'gulnara@example.org', password: 'gulnara-felt-2026' },
				none
			)
		).rejects.toMatchObject({ code: 'RATE_LIMITED' });

		// The owner, from a new client: the password alone is not enough now; a code is e-mailed.
		const owner = from('owner-new-phone');
		const before = sender.mail.length;
		await expect(
			accounts.signInWithEmail(owner, { email: 'gulnara@example.org', password: 'gulnara-felt-2026' }, none)
		).rejects.toMatchObject({ code: 'INVALID', fields: { code: { key: 'auth_signin_code_sent' } } });
		const mail = sender.mail.slice(before).find((m) => m.to === 'gulnara@example.org');
		expect(mail?.code).toMatch(/^\d{6}$/);
		expect(mail!.text).toContain(mail!.code!);
		// A wrong code is refused (400) …
		const wrong = mail!.code === '000000' ? '111111' : '000000';
		await expect(
			accounts.signInWithEmail(
				owner,
				{ email: 'gulnara@example.org', password: 'gulnara-felt-2026', code: wrong },
				none
			)
		).rejects.toMatchObject({ code: 'INVALID', fields: { code: { key: 'auth_phone_invalid_code' } } });
		// … the right one lets her in.
		const result = await accounts.signInWithEmail(
			owner,
			{ email: 'gulnara@example.org', password: 'gulnara-felt-2026', code: mail!.code! },
			none
		);
		expect(result.setCookies.join()).toContain('birge.session_token');
		// The code was for one use, and success cleared the failures: the next sign-in needs no code.
		await accounts.signInWithEmail(
			owner,
			{ email: 'gulnara@example.org', password: 'gulnara-felt-2026' },
			none
		);
	});

	it('a code cannot be had without the password too, nor e-mailed more than 3 times a window', async () => {
		await accounts.signUpWithEmail(
			from('c2'),
			{ name: 'Saule', email: 'saule@example.org', password: 'saule-password-2026' },
			none
		);
		for (let c = 0; c < LIMITS.signInChallengeAfter.max; c++)
			await accounts
				.signInWithEmail(from(`botnet-${c}`), { email: 'saule@example.org', password: 'wrong-wrong-1' }, none)
				.catch(() => undefined);
		const before = sender.mail.length;
		const codes = [];
		for (let i = 0; i < 5; i++)
			codes.push(
				await accounts
					.signInWithEmail(
						from(`botnet-x${i}`),
						{ email: 'saule@example.org', password: 'wrong-wrong-2' },
						none
					)
					.catch((e) => e.code)
			);
		expect(sender.mail.length - before).toBe(LIMITS.signInCodeSend.max);
		expect(codes.slice(0, 3)).toEqual(['INVALID', 'INVALID', 'INVALID']);
		expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
		// Right code, wrong password: still refused.
		const code = sender.mail.at(-1)!.code!;
		await expect(
			accounts.signInWithEmail(
				from('x'),
				{ email: 'saule@example.org', password: 'wrong-wrong-3', code },
				none
			)
		).rejects.toMatchObject({ code: 'INVALID', messageKey: 'auth_invalid_credentials' });
	});
});

describe('phone codes', () => {
	it('answer a wrong code with 400 and too many with 429, each with a message key', async () => {
		const ctx = from('phone-client');
		await accounts.sendPhoneCode(ctx, { phone: '+996700111222' });
		const code = sender.sms.at(-1)!.code!;
		const wrong = code === '000000' ? '111111' : '000000';
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) {
			const e = await accounts
				.verifyPhoneCode(ctx, { phone: '+996700111222', code: wrong }, none)
				.catch((error) => error);
			statuses.push(e.status);
			expect(e.messageKey).toBeTruthy();
		}
		expect(statuses.slice(0, 6).every((s) => s === 400)).toBe(true);
		expect(statuses.slice(6).every((s) => s === 429)).toBe(true);
	});
});

describe('sessions', () => {
	it('are listed by id without tokens; another user’s session cannot be revoked and leaves no audit row', async () => {
		const a = await accounts.signUpWithEmail(
			from('s1'),
			{ name: 'Aida', email: 'aida@example.org', password: 'aida-password-2026' },
			none
		);
		const b = await accounts.signUpWithEmail(
			from('s2'),
			{ name: 'Bermet', email: 'bermet@example.org', password: 'bermet-password-2026' },
			none
		);
		const aSession = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(a.setCookies));
		const bSession = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(b.setCookies));
		const aCtx = db.ctx({ actor: aSession!.actor });
		const listed = await accounts.listMySessions(aCtx, { headers: cookieHeader(a.setCookies) });
		expect(listed.length).toBe(1);
		expect(Object.keys(listed[0]).sort()).toEqual(['createdAt', 'id', 'userAgent']);

		const auditBefore = (await auditTrail(aCtx, 'user', a.userId)).length;
		await expect(
			accounts.revokeMySession(aCtx, bSession!.sessionId, { headers: cookieHeader(a.setCookies) })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect((await auditTrail(aCtx, 'user', a.userId)).length).toBe(auditBefore);
		expect(await accounts.sessionFromHeaders(db.ctx(), cookieHeader(b.setCookies))).not.toBeNull();

		// Her own other session, by id: revoked, with an audit row.
		const second = await accounts.signInWithEmail(
			from('s1b'),
			{ email: 'aida@example.org', password: 'aida-password-2026' },
			none
		);
		const secondSession = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(second.setCookies));
		await accounts.revokeMySession(aCtx, secondSession!.sessionId, { headers: cookieHeader(a.setCookies) });
		expect(await accounts.sessionFromHeaders(db.ctx(), cookieHeader(second.setCookies))).toBeNull();
		expect((await auditTrail(aCtx, 'user', a.userId)).length).toBe(auditBefore + 1);
	});
});

describe('sign-up', () => {
	it('writes the user and her credential together: a failed write leaves no user, and she can retry', async () => {
		const email = 'interrupted@example.org';
		// The credential write fails (as a crash between the two writes would leave it).
		await db.handle.db.execute(sql`
			create or replace function birge_test_fail_account() returns trigger language plpgsql as $$
			begin raise exception 'interrupted'; end $$`);
		await db.handle.db.execute(sql`
			create trigger birge_test_fail_account before insert on auth_account
			for each row execute function birge_test_fail_account()`);
		const failed = await accounts
			.signUpWithEmail(from('u1'), { name: 'Nodira', email, password: 'nodira-password-2026' }, none)
			.catch((e) => e);
		expect(failed).toBeInstanceOf(Error);
		await db.handle.db.execute(sql`drop trigger birge_test_fail_account on auth_account`);
		await db.handle.db.execute(sql`drop function birge_test_fail_account()`);
		const users = await db.handle.db.execute(sql`select id from auth_user where email = ${email}`);
		expect(rowCount(users)).toBe(0);
		const ok = await accounts.signUpWithEmail(
			from('u1'),
			{ name: 'Nodira', email, password: 'nodira-password-2026' },
			none
		);
		expect(ok.userId).toBeTruthy();
	});

	it('a user left without a credential by an older interrupted sign-up does not block the next one', async () => {
		const email = 'halfmade@example.org';
		await db.handle.db.execute(
			sql`insert into auth_user (id, name, email) values ('half-made-user', 'Half', ${email})`
		);
		const ok = await accounts.signUpWithEmail(
			from('u2'),
			{ name: 'Malika', email, password: 'malika-password-2026' },
			none
		);
		expect(ok.userId).not.toBe('half-made-user');
		await accounts.signInWithEmail(from('u2'), { email, password: 'malika-password-2026' }, none);
	});
});

function rowCount(result: unknown): number {
	const r = result as { rows?: unknown[] } | unknown[];
	return Array.isArray(r) ? r.length : (r.rows?.length ?? 0);
}
