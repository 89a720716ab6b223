import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { APIError } from 'better-auth/api';
import type { z } from 'zod';
import { createAuth, isPlaceholderEmail, type Auth } from './auth';
import {
	deleteUserWithoutCredentialOrSession,
	deleteVerification,
	deleteVerificationsByIdentifier,
	insertGrant,
	insertVerification,
	liveVerification,
	phoneTaken,
	sessionTokenOf,
	userByEmail
} from './queries';
import {
	phoneInput,
	phoneVerifyInput,
	resetInput,
	resetRequestInput,
	signInInput,
	signUpInput
} from './inputs';
import { loadActor } from './organizations';
import {
	AppError,
	attemptsIn,
	clearAttempts,
	consumeRateLimit,
	countAttempt,
	parseInput,
	requireUser,
	writeAudit,
	type Actor,
	type Platform,
	type ServiceContext,
	type Unparsed
} from '../../core';
import type { Db } from '../../db';
import { t } from '#lib/i18n/messages';
import { isLocale } from '#lib/i18n/locales';

/**
 * Accounts: e-mail + password and phone + one-time code sign-in, sessions, password reset. Better
 * Auth does the cryptography and session storage; these functions add Birge's input rules, rate
 * limits (which also hold for server-side calls from form actions), audit and error messages.
 */

/** Better Auth instances, one per platform and database (a cache: both are the keys). */
const instances = new WeakMap<Platform, WeakMap<Db, Auth>>();

/** The Better Auth instance for this context's platform (secret, origin, sender) and database. */
export function authFor(ctx: Pick<ServiceContext, 'db' | 'platform'>): Auth {
	const { db, platform } = ctx;
	let byDb = instances.get(platform);
	if (!byDb) {
		byDb = new WeakMap();
		instances.set(platform, byDb);
	}
	let auth = byDb.get(db);
	if (!auth) {
		auth = createAuth({
			db,
			secret: platform.secret,
			baseURL: platform.origin,
			sender: platform.sender,
			telegramLogin: platform.telegramLogin
		});
		byDb.set(db, auth);
	}
	return auth;
}

/** Incoming request headers (cookies) and the Set-Cookie headers to send back. */
export interface WebIo {
	headers: Headers;
}
export interface AuthResult {
	userId: string;
	setCookies: string[];
}

/**
 * Throttles (README, "Throttling"). Sign-in attempts are counted per account and client together
 * and per client alone, so a stranger is stopped at her own door and the owner, from another
 * client, is not. Failures on an account from all clients do not lock it: past
 * `signInChallengeAfter` the password alone is no longer enough and a one-time code is e-mailed.
 */
export const LIMITS = {
	signInPerAccountAndClient: { max: 10, windowSeconds: 15 * 60 },
	signInPerClient: { max: 50, windowSeconds: 15 * 60 },
	signInChallengeAfter: { max: 10, windowSeconds: 15 * 60 },
	signInCodeSend: { max: 3, windowSeconds: 15 * 60 },
	signInCodeTtlSeconds: 10 * 60,
	signUpPerClient: { max: 10, windowSeconds: 60 * 60 },
	otpSendPerPhone: { max: 3, windowSeconds: 15 * 60 },
	/** The resend cool-down: one code per number a minute. */
	otpResendCooldown: { max: 1, windowSeconds: 60 },
	otpSendPerClient: { max: 10, windowSeconds: 60 * 60 },
	otpVerifyPerPhone: { max: 6, windowSeconds: 15 * 60 },
	resetPerAccount: { max: 3, windowSeconds: 60 * 60 }
} as const;

function cookiesOf(headers: Headers | null | undefined): string[] {
	return headers?.getSetCookie?.() ?? [];
}

function mapAuthError(error: unknown): never {
	if (error instanceof AppError) throw error;
	if (error instanceof APIError) {
		const code = String((error.body as { code?: string } | undefined)?.code ?? '');
		if (code.includes('INVALID_EMAIL_OR_PASSWORD') || code.includes('CREDENTIAL'))
			throw new AppError('INVALID', { messageKey: 'auth_invalid_credentials' });
		if (code.includes('USER_ALREADY_EXISTS'))
			throw new AppError('CONFLICT', {
				messageKey: 'auth_email_taken',
				fields: { email: { key: 'auth_email_taken' } }
			});
		if (code.includes('OTP') || code.includes('TOO_MANY_ATTEMPTS'))
			throw new AppError('INVALID', {
				messageKey: 'auth_phone_invalid_code',
				fields: { code: { key: 'auth_phone_invalid_code' } }
			});
		if (code.includes('TOKEN')) throw new AppError('INVALID', { messageKey: 'auth_reset_invalid' });
		if (code.includes('PASSWORD_TOO'))
			throw new AppError('INVALID', {
				fields: { password: { key: 'error_field_too_short', params: { count: 10 } } }
			});
		throw new AppError('INVALID');
	}
	throw error;
}

export async function signUpWithEmail(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof signUpInput>>,
	web: WebIo
): Promise<AuthResult> {
	const data = parseInput(signUpInput, input);
	await consumeRateLimit(ctx, 'signup:client', ctx.clientKey ?? 'unknown', LIMITS.signUpPerClient);
	// A sign-up interrupted before this fix (or by a crash between Better Auth's writes, should its
	// transaction ever be off) left a user without a credential: it is removed so this one succeeds.
	await removeHalfMadeUser(ctx.db, data.email);
	try {
		const { headers, response } = await authFor(ctx).api.signUpEmail({
			body: {
				name: data.name,
				email: data.email,
				password: data.password,
				locale: data.locale ?? ctx.locale
			},
			headers: web.headers,
			returnHeaders: true
		});
		const userId = response.user.id;
		await writeAudit(
			{ ...ctx, actor: { ...ctx.actor, userId } },
			{ action: 'account.sign_up', entity: 'user', entityId: userId, after: { method: 'email' } }
		);
		return { userId, setCookies: cookiesOf(headers) };
	} catch (error) {
		await removeHalfMadeUser(ctx.db, data.email).catch(() => undefined);
		mapAuthError(error);
	}
}

/**
 * Deletes the user with this e-mail if she has no credential and no session: what an interrupted
 * sign-up leaves. Phone accounts (reserved domain) are never touched.
 */
export async function removeHalfMadeUser(db: Db, email: string): Promise<boolean> {
	if (isPlaceholderEmail(email)) return false;
	return deleteUserWithoutCredentialOrSession(db, email);
}

export async function signInWithEmail(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof signInInput>>,
	web: WebIo
): Promise<AuthResult> {
	const data = parseInput(signInInput, input);
	const client = ctx.clientKey ?? 'unknown';
	await consumeRateLimit(ctx, 'signin:client', client, LIMITS.signInPerClient);
	await consumeRateLimit(
		ctx,
		'signin:account-client',
		`${data.email}|${client}`,
		LIMITS.signInPerAccountAndClient
	);
	const window = LIMITS.signInChallengeAfter.windowSeconds;
	const failures = await attemptsIn(ctx, 'signin:failures', data.email, window);
	const challenged = failures >= LIMITS.signInChallengeAfter.max;
	if (challenged) {
		if (!data.code) {
			await sendSignInCode(ctx, data.email);
			throw new AppError('INVALID', {
				messageKey: 'auth_signin_code_sent',
				fields: { code: { key: 'auth_signin_code_sent' } }
			});
		}
		if (!(await takeSignInCode(ctx, data.email, data.code))) {
			await countAttempt(ctx, 'signin:failures', data.email, window);
			throw new AppError('INVALID', {
				messageKey: 'auth_phone_invalid_code',
				fields: { code: { key: 'auth_phone_invalid_code' } }
			});
		}
	}
	try {
		const { headers, response } = await authFor(ctx).api.signInEmail({
			body: { email: data.email, password: data.password },
			headers: web.headers,
			returnHeaders: true
		});
		await clearAttempts(ctx, 'signin:failures', data.email);
		return { userId: response.user.id, setCookies: cookiesOf(headers) };
	} catch (error) {
		if (error instanceof APIError) await countAttempt(ctx, 'signin:failures', data.email, window);
		mapAuthError(error);
	}
}

const codeIdentifier = (email: string) =>
	`birge-signin:${createHash('sha256').update(email).digest('base64url')}`;
const codeHash = (email: string, code: string) =>
	createHash('sha256').update(`${email}\0${code}`).digest('base64url');

/**
 * E-mails a six-digit sign-in code to the account, if it exists and signs in with e-mail (the
 * answer is the same either way). At most `signInCodeSend` codes per window; the newest counts.
 */
async function sendSignInCode(ctx: ServiceContext, email: string) {
	await consumeRateLimit(ctx, 'signin:code-send', email, LIMITS.signInCodeSend);
	const user = await userByEmail(ctx.db, email);
	if (!user || isPlaceholderEmail(email)) return;
	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	const identifier = codeIdentifier(email);
	const now = ctx.clock();
	await deleteVerificationsByIdentifier(ctx.db, identifier);
	await insertVerification(ctx.db, {
		id: randomUUID(),
		identifier,
		value: codeHash(email, code),
		expiresAt: new Date(now.getTime() + LIMITS.signInCodeTtlSeconds * 1000),
		createdAt: now,
		updatedAt: now
	});
	const l = isLocale(user.locale) ? user.locale : ctx.locale;
	await ctx.platform.sender.sendMail({
		to: email,
		subject: t(l, 'auth_signin_code_mail_subject'),
		text: t(l, 'auth_signin_code_mail_body', { code }),
		code
	});
}

/** Checks and consumes the e-mailed code (one use). */
async function takeSignInCode(ctx: ServiceContext, email: string, code: string): Promise<boolean> {
	const identifier = codeIdentifier(email);
	const row = await liveVerification(ctx.db, identifier, ctx.clock());
	if (!row) return false;
	const expected = Buffer.from(row.value);
	const given = Buffer.from(codeHash(email, code));
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
	await deleteVerification(ctx.db, row.id);
	return true;
}

export async function signOut(ctx: ServiceContext, web: WebIo): Promise<{ setCookies: string[] }> {
	try {
		const { headers } = await authFor(ctx).api.signOut({ headers: web.headers, returnHeaders: true });
		return { setCookies: cookiesOf(headers) };
	} catch {
		return { setCookies: [] };
	}
}

/**
 * Always answers the same way, whether or not the e-mail has an account. The link is built on the
 * configured public origin (see auth.ts), never on the request's host.
 */
export async function requestPasswordReset(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof resetRequestInput>>
): Promise<void> {
	const data = parseInput(resetRequestInput, input);
	await consumeRateLimit(ctx, 'reset:account', data.email, LIMITS.resetPerAccount);
	if (isPlaceholderEmail(data.email)) return;
	try {
		await authFor(ctx).api.requestPasswordReset({
			body: { email: data.email, redirectTo: `/${ctx.locale}/auth/reset` }
		});
	} catch (error) {
		if (error instanceof APIError) return;
		throw error;
	}
}

export async function resetPassword(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof resetInput>>
): Promise<void> {
	const data = parseInput(resetInput, input);
	try {
		await authFor(ctx).api.resetPassword({ body: { token: data.token, newPassword: data.password } });
	} catch (error) {
		mapAuthError(error);
	}
	await writeAudit(ctx, { action: 'account.password_reset', entity: 'user', entityId: null });
}

/**
 * How she may sign in or sign up: phone first when a code by SMS reaches her (an SMS gateway, or the
 * development sender in demo mode), phone second with the development sender otherwise, and no
 * phone at all when codes cannot be sent (SMTP without a gateway).
 */
export function signInMethods(ctx: Pick<ServiceContext, 'platform'>): { phone: 'first' | 'offered' | 'off' } {
	const channel = ctx.platform.sender.smsChannel ?? 'gateway';
	if (channel === 'none') return { phone: 'off' };
	if (channel === 'gateway' || ctx.platform.demo) return { phone: 'first' };
	return { phone: 'offered' };
}

export async function sendPhoneCode(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof phoneInput>>
): Promise<{ phone: string }> {
	const data = parseInput(phoneInput, input);
	// The cool-down first: a resend within a minute is refused with the seconds left, and counts
	// toward no other limit.
	await consumeRateLimit(ctx, 'otp:cooldown', data.phone, LIMITS.otpResendCooldown).catch((error) => {
		if (error instanceof AppError && error.code === 'RATE_LIMITED')
			throw new AppError('RATE_LIMITED', {
				messageKey: 'auth_phone_cooldown',
				retryAfterSeconds: error.retryAfterSeconds,
				params: error.params
			});
		throw error;
	});
	await consumeRateLimit(ctx, 'otp:client', ctx.clientKey ?? 'unknown', LIMITS.otpSendPerClient);
	await consumeRateLimit(ctx, 'otp:phone', data.phone, LIMITS.otpSendPerPhone);
	try {
		await authFor(ctx).api.sendPhoneNumberOTP({
			body: { phoneNumber: data.phone },
			headers: new Headers({ 'x-birge-locale': ctx.locale })
		});
	} catch (error) {
		mapAuthError(error);
	}
	return { phone: data.phone };
}

export async function verifyPhoneCode(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof phoneVerifyInput>>,
	web: WebIo
): Promise<AuthResult & { created: boolean }> {
	const data = parseInput(phoneVerifyInput, input);
	await consumeRateLimit(ctx, 'otp:verify', data.phone, LIMITS.otpVerifyPerPhone);
	// A number without an account becomes one when its code is verified (sign-up by phone).
	const existed = await phoneTaken(ctx.db, data.phone);
	try {
		const { headers, response } = await authFor(ctx).api.verifyPhoneNumber({
			body: { phoneNumber: data.phone, code: data.code },
			headers: web.headers,
			returnHeaders: true
		});
		const userId = (response as { user?: { id: string } | null }).user?.id;
		if (!userId) throw new AppError('INVALID', { messageKey: 'auth_phone_invalid_code' });
		return { userId, setCookies: cookiesOf(headers), created: !existed };
	} catch (error) {
		mapAuthError(error);
	}
}

export interface SessionInfo {
	sessionId: string;
	actor: Actor;
	user: { id: string; name: string; email: string | null; phone: string | null };
}

/** The signed-in user for a request, or null. Reads the session cookie; never sets one. */
export async function sessionFromHeaders(
	ctx: Pick<ServiceContext, 'db' | 'platform'>,
	headers: Headers
): Promise<SessionInfo | null> {
	const cookie = headers.get('cookie');
	if (!cookie || !cookie.includes('birge.session_token')) return null;
	const db = ctx.db;
	const result = await authFor(ctx)
		.api.getSession({ headers, query: { disableRefresh: true } })
		.catch(() => null);
	if (!result) return null;
	const user = result.user as { id: string; name: string; email: string; phoneNumber?: string | null };
	return {
		sessionId: result.session.id,
		actor: await loadActor(db, user.id),
		user: {
			id: user.id,
			name: user.name,
			email: isPlaceholderEmail(user.email) ? null : user.email,
			phone: user.phoneNumber ?? null
		}
	};
}

/** Her sessions, by id (a session's token never leaves this module: it is a bearer secret). */
export async function listMySessions(ctx: ServiceContext, web: WebIo) {
	requireUser(ctx);
	const sessions = await authFor(ctx).api.listSessions({ headers: web.headers });
	return sessions.map((s) => ({
		id: s.id,
		createdAt: s.createdAt,
		userAgent: s.userAgent ?? null
	}));
}

/** Signs out one of her own sessions by id; a session that is not hers is NOT_FOUND (and no audit). */
export async function revokeMySession(ctx: ServiceContext, sessionId: string, web: WebIo) {
	const userId = requireUser(ctx);
	const token = await sessionTokenOf(ctx.db, String(sessionId).slice(0, 200), userId);
	if (token === null) throw new AppError('NOT_FOUND', { messageKey: 'account_session_not_found' });
	await authFor(ctx).api.revokeSession({ body: { token }, headers: web.headers });
	await writeAudit(ctx, { action: 'account.session_revoke', entity: 'user', entityId: userId });
}

export async function revokeMyOtherSessions(ctx: ServiceContext, web: WebIo) {
	requireUser(ctx);
	await authFor(ctx).api.revokeOtherSessions({ headers: web.headers });
	await writeAudit(ctx, {
		action: 'account.session_revoke_others',
		entity: 'user',
		entityId: ctx.actor.userId
	});
}

/** CLI: creates (or promotes) a platform admin with an e-mail and password. */
export async function createAdmin(
	ctx: ServiceContext,
	input: { email: string; password: string; name?: string }
) {
	const data = parseInput(signUpInput, {
		name: input.name ?? 'Administrator',
		email: input.email,
		password: input.password
	});
	let user: { id: string } | null = await userByEmail(ctx.db, data.email);
	if (!user) {
		const created = await authFor(ctx).api.signUpEmail({
			body: { name: data.name, email: data.email, password: data.password }
		});
		user = { id: created.user.id };
	}
	await insertGrant(ctx.db, {
		id: randomUUID(),
		userId: user.id,
		role: 'platform_admin',
		country: null,
		organizationId: null,
		grantedBy: 'cli',
		createdAt: ctx.clock()
	});
	await writeAudit(ctx, {
		action: 'role.grant',
		entity: 'user',
		entityId: user.id,
		after: { role: 'platform_admin', by: 'cli' }
	});
	return { userId: user.id };
}
