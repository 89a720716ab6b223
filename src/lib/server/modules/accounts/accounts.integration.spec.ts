import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { AppError, hasRole, auditTrail, translateError } from '#lib/server/core';
import { accounts, memorySender } from '.';

const sender = memorySender();
let db: TestDb;

beforeAll(async () => {
	db = await createTestDb({ seed: true, platform: { sender } });
});
afterAll(async () => db?.close());

/** The Cookie header a browser would send back after these Set-Cookie headers. */
function cookieHeader(setCookies: string[]): Headers {
	return new Headers({ cookie: setCookies.map((c) => c.split(';')[0]).join('; ') });
}

describe('e-mail and password', () => {
	it('signs up, signs in, and refuses a wrong password with a clear message', async () => {
		const ctx = db.ctx({ locale: 'ru' });
		const up = await accounts.signUpWithEmail(
			ctx,
			{ name: 'Айгүл', email: 'Aigul@Example.org', password: 'felt-and-wool-2026' },
			{ headers: new Headers() }
		);
		expect(up.setCookies.join()).toContain('birge.session_token');
		const session = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(up.setCookies));
		expect(session?.user).toMatchObject({ name: 'Айгүл', email: 'aigul@example.org' });
		expect(session?.actor.grants).toEqual([]);

		await expect(
			accounts.signInWithEmail(
				ctx,
				{ email: 'aigul@example.org', password: 'wrong-password' },
				{ headers: new Headers() }
			)
		).rejects.toMatchObject({ code: 'INVALID', messageKey: 'auth_invalid_credentials' });
		const inn = await accounts.signInWithEmail(
			ctx,
			{ email: 'aigul@example.org', password: 'felt-and-wool-2026' },
			{ headers: new Headers() }
		);
		expect(inn.userId).toBe(up.userId);
		const [entry] = await auditTrail(ctx, 'user', up.userId);
		expect(entry.action).toBe('account.sign_up');
	});

	it('refuses bad input per field and a taken e-mail, and creates nothing', async () => {
		const ctx = db.ctx();
		await expect(
			accounts.signUpWithEmail(
				ctx,
				{ name: '', email: 'nope', password: 'short' },
				{ headers: new Headers() }
			)
		).rejects.toMatchObject({
			code: 'INVALID',
			fields: {
				name: { key: 'error_field_required' },
				email: { key: 'error_field_email' },
				password: { key: 'error_field_too_short' }
			}
		});
		await expect(
			accounts.signUpWithEmail(
				ctx,
				{ name: 'Other', email: 'aigul@example.org', password: 'another-password-1' },
				{ headers: new Headers() }
			)
		).rejects.toMatchObject({ code: 'CONFLICT' });
	});

	it('rate-limits sign-in attempts per account and client, also for server-side calls', async () => {
		const ctx = db.ctx();
		const attempt = () =>
			accounts.signInWithEmail(
				ctx,
				{ email: 'target@example.org', password: 'guess-guess-guess' },
				{ headers: new Headers() }
			);
		for (let i = 0; i < 10; i++) await expect(attempt()).rejects.toMatchObject({ code: 'INVALID' });
		await expect(attempt()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
	});

	it('resets a forgotten password through the mailed token; the old one stops working', async () => {
		const ctx = db.ctx({ locale: 'ky' });
		await accounts.requestPasswordReset(ctx, { email: 'aigul@example.org' });
		const mail = sender.mail.at(-1)!;
		expect(mail.to).toBe('aigul@example.org');
		const url = new URL(mail.url!);
		expect(url.origin).toBe('http://localhost:3000');
		expect(url.pathname).toBe('/ky/auth/reset');
		await accounts.resetPassword(ctx, {
			token: url.searchParams.get('token')!,
			password: 'new-felt-password-7'
		});
		await expect(
			accounts.resetPassword(ctx, { token: url.searchParams.get('token')!, password: 'again-password-7' })
		).rejects.toMatchObject({ messageKey: 'auth_reset_invalid' });
		await expect(
			accounts.signInWithEmail(
				ctx,
				{ email: 'aigul@example.org', password: 'felt-and-wool-2026' },
				{ headers: new Headers() }
			)
		).rejects.toMatchObject({ code: 'INVALID' });
		await accounts.signInWithEmail(
			ctx,
			{ email: 'aigul@example.org', password: 'new-felt-password-7' },
			{ headers: new Headers() }
		);
		// An unknown address gets the same answer and no mail.
		const before = sender.mail.length;
		await accounts.requestPasswordReset(ctx, { email: 'nobody@example.org' });
		expect(sender.mail.length).toBe(before);
	});

	it('lists and revokes the user’s own sessions', async () => {
		const ctx = db.ctx();
		const a = await accounts.signInWithEmail(
			ctx,
			{ email: 'aigul@example.org', password: 'new-felt-password-7' },
			{ headers: new Headers() }
		);
		const b = await accounts.signInWithEmail(
			ctx,
			{ email: 'aigul@example.org', password: 'new-felt-password-7' },
			{ headers: new Headers() }
		);
		const session = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(a.setCookies));
		const me = db.ctx({ actor: session!.actor });
		const listed = await accounts.listMySessions(me, { headers: cookieHeader(a.setCookies) });
		expect(listed.length).toBeGreaterThanOrEqual(2);
		await accounts.revokeMyOtherSessions(me, { headers: cookieHeader(a.setCookies) });
		expect(await accounts.sessionFromHeaders(db.ctx(), cookieHeader(b.setCookies))).toBeNull();
		expect(await accounts.sessionFromHeaders(db.ctx(), cookieHeader(a.setCookies))).not.toBeNull();
		const out = await accounts.signOut(me, { headers: cookieHeader(a.setCookies) });
		expect(out.setCookies.join()).toContain('Max-Age=0');
		expect(await accounts.sessionFromHeaders(db.ctx(), cookieHeader(a.setCookies))).toBeNull();
	});
});

describe('phone and one-time code', () => {
	it('sends a code through the sender, signs up on the first verification, refuses a wrong code', async () => {
		const ctx = db.ctx({ locale: 'ru' });
		await accounts.sendPhoneCode(ctx, { phone: '+996 (555) 12-34-56' });
		const sms = sender.sms.at(-1)!;
		expect(sms.to).toBe('+996555123456');
		expect(sms.text).toContain(sms.code!);
		const wrong = sms.code === '000000' ? '111111' : '000000';
		await expect(
			accounts.verifyPhoneCode(ctx, { phone: '+996555123456', code: wrong }, { headers: new Headers() })
		).rejects.toMatchObject({ messageKey: 'auth_phone_invalid_code' });
		const result = await accounts.verifyPhoneCode(
			ctx,
			{ phone: '+996555123456', code: sms.code! },
			{ headers: new Headers() }
		);
		const session = await accounts.sessionFromHeaders(db.ctx(), cookieHeader(result.setCookies));
		expect(session?.user.phone).toBe('+996555123456');
		expect(session?.user.email).toBeNull();
	});

	it('rejects malformed numbers and limits how many codes one number receives', async () => {
		const ctx = db.ctx();
		await expect(accounts.sendPhoneCode(ctx, { phone: '12345' })).rejects.toMatchObject({
			fields: { phone: { key: 'error_field_phone' } }
		});
		// A minute apart (the resend cool-down), three codes in 15 minutes, then no more.
		const start = Date.now();
		const at = (seconds: number) => db.ctx({ now: new Date(start + seconds * 1000) });
		for (let i = 0; i < 3; i++) await accounts.sendPhoneCode(at(i * 61), { phone: '+77011234567' });
		await expect(accounts.sendPhoneCode(at(3 * 61), { phone: '+77011234567' })).rejects.toMatchObject({
			code: 'RATE_LIMITED'
		});
	});

	it('a new code for the same number waits a minute: refused with the seconds left, nothing sent', async () => {
		const start = Date.now() + 3_600_000;
		const at = (seconds: number) => db.ctx({ locale: 'tg', now: new Date(start + seconds * 1000) });
		await accounts.sendPhoneCode(at(0), { phone: '+992 93 123 4567' });
		const sent = sender.sms.length;
		const e = (await accounts.sendPhoneCode(at(20), { phone: '+992931234567' }).catch((x) => x)) as AppError;
		expect(e).toBeInstanceOf(AppError);
		expect(e.code).toBe('RATE_LIMITED');
		expect(e.messageKey).toBe('auth_phone_cooldown');
		expect(e.retryAfterSeconds).toBe(40);
		expect(translateError(e, 'tg')?.message).toContain('40 сония');
		expect(sender.sms.length).toBe(sent);
		// Another number is not held back; the same number after the minute is.
		await accounts.sendPhoneCode(at(21), { phone: '+992931234568' });
		await accounts.sendPhoneCode(at(61), { phone: '+992931234567' });
		expect(sender.sms.length).toBe(sent + 2);
		expect(sender.sms.at(-1)!.to).toBe('+992931234567');
	});

	it('tells whether a new account by phone was created, then signs the same number in', async () => {
		const ctx = db.ctx({ locale: 'ky', now: new Date(Date.now() + 7_200_000) });
		const verify = async () => {
			await accounts.sendPhoneCode(
				db.ctx({ locale: 'ky', now: new Date(Date.now() + 7_200_000 + sender.sms.length * 61_000) }),
				{ phone: '+996700555001' }
			);
			return accounts.verifyPhoneCode(
				ctx,
				{ phone: '+996700555001', code: sender.sms.at(-1)!.code! },
				{ headers: new Headers() }
			);
		};
		expect((await verify()).created).toBe(true);
		expect((await verify()).created).toBe(false);
	});

	it('offers the phone first, second or not at all, by how SMS leave', () => {
		const withSender = (smsChannel: 'gateway' | 'development' | 'none' | undefined, demo: boolean) => ({
			platform: { ...db.platform, demo, sender: { ...sender, smsChannel } }
		});
		expect(accounts.signInMethods(withSender(undefined, false)).phone).toBe('first');
		expect(accounts.signInMethods(withSender('gateway', false)).phone).toBe('first');
		expect(accounts.signInMethods(withSender('development', true)).phone).toBe('first');
		expect(accounts.signInMethods(withSender('development', false)).phone).toBe('offered');
		expect(accounts.signInMethods(withSender('none', true)).phone).toBe('off');
	});
});

describe('organizations and roles', () => {
	it('only platform admins create organizations and grant roles; members get roles in their country', async () => {
		const admin = db.ctx({
			actor: actor('admin', [{ role: 'platform_admin', country: null, organizationId: null }])
		});
		const plain = db.ctx({ actor: actor('someone') });
		const input = {
			slug: 'kg-artisans',
			kind: 'business_association' as const,
			name: { ru: 'Ремесленницы', en: 'Artisans' },
			country: 'KG' as const
		};
		await expect(accounts.createOrganization(plain, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const org = await accounts.createOrganization(admin, input);
		await expect(accounts.createOrganization(admin, input)).rejects.toMatchObject({ code: 'CONFLICT' });

		const up = await accounts.signUpWithEmail(
			db.ctx(),
			{ name: 'Staff', email: 'staff@example.org', password: 'staff-password-1' },
			{ headers: new Headers() }
		);
		await accounts.setMember(admin, { organizationId: org.id, userId: up.userId, role: 'staff' });
		const staff = await accounts.loadActor(db.handle.db, up.userId);
		expect(hasRole(staff, 'org_staff', { country: 'KG' })).toBe(true);
		expect(hasRole(staff, 'org_staff', { country: 'KZ' })).toBe(false);
		expect(hasRole(staff, 'coalition_coordinator', { country: 'KG' })).toBe(false);
		await expect(
			accounts.setMember(db.ctx({ actor: staff }), { organizationId: org.id, userId: 'x', role: 'admin' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });

		await expect(
			accounts.addMemberByEmail(admin, {
				organizationId: org.id,
				email: 'nobody@example.org',
				role: 'member'
			})
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await accounts.addMemberByEmail(admin, {
			organizationId: org.id,
			email: 'AIGUL@example.org',
			role: 'member'
		});
		expect((await accounts.listMembers(admin, org.id)).map((m) => m.role).sort()).toEqual([
			'member',
			'staff'
		]);
		await expect(accounts.listOrganizations(plain)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await accounts.listOrganizations(admin)).map((o) => o.slug)).toContain('kg-artisans');

		await accounts.grantRole(admin, { userId: up.userId, role: 'coalition_coordinator', country: 'KG' });
		const coordinator = await accounts.loadActor(db.handle.db, up.userId);
		expect(hasRole(coordinator, 'coalition_coordinator', { country: 'KG' })).toBe(true);
		expect(hasRole(coordinator, 'coalition_coordinator', { country: 'KZ' })).toBe(false);
		await expect(
			accounts.grantRole(db.ctx({ actor: coordinator }), { userId: up.userId, role: 'platform_admin' })
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});
});
