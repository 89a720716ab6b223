import { APIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { createAuth, PHONE_EMAIL_DOMAIN, type Auth } from './auth';
import { authUser } from './schema';
import {
	phoneInput,
	phoneVerifyInput,
	resetInput,
	resetRequestInput,
	signInInput,
	signUpInput
} from './inputs';
import { loadActor } from './organizations';
import type { Sender } from './sender';
import {
	AppError,
	consumeRateLimit,
	parseInput,
	requireUser,
	writeAudit,
	type Actor,
	type ServiceContext
} from '../../core';
import type { Db } from '../../db';
import type { App } from '../../app';

/**
 * Accounts: e-mail + password and phone + one-time code sign-in, sessions, password reset. Better
 * Auth does the cryptography and session storage; these functions add Birge's input rules, rate
 * limits (which also hold for server-side calls from form actions), audit and error messages.
 */

interface AccountsConfig {
	secret: string;
	baseURL: string;
	sender: Sender;
}

let settings: AccountsConfig | null = null;
const instances = new WeakMap<Db, Auth>();

/** Called once at start-up (web server, CLI, tests). */
export function configureAccounts(config: AccountsConfig) {
	settings = config;
}

/** The configured sender (log/file in development, SMTP in production), for modules' e-mails. */
export function currentSender(): Sender {
	if (!settings) throw new Error('accounts are not configured');
	return settings.sender;
}

export function authFor(db: Db): Auth {
	if (!settings) throw new Error('accounts are not configured');
	let auth = instances.get(db);
	if (!auth) {
		auth = createAuth({ db, ...settings });
		instances.set(db, auth);
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

const LIMITS = {
	signInPerAccount: { max: 10, windowSeconds: 15 * 60 },
	signInPerClient: { max: 50, windowSeconds: 15 * 60 },
	signUpPerClient: { max: 10, windowSeconds: 60 * 60 },
	otpSendPerPhone: { max: 3, windowSeconds: 15 * 60 },
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
	input: z.input<typeof signUpInput>,
	web: WebIo
): Promise<AuthResult> {
	const data = parseInput(signUpInput, input);
	await consumeRateLimit(ctx, 'signup:client', ctx.clientKey ?? 'unknown', LIMITS.signUpPerClient);
	try {
		const { headers, response } = await authFor(ctx.db).api.signUpEmail({
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
		mapAuthError(error);
	}
}

export async function signInWithEmail(
	ctx: ServiceContext,
	input: z.input<typeof signInInput>,
	web: WebIo
): Promise<AuthResult> {
	const data = parseInput(signInInput, input);
	await consumeRateLimit(ctx, 'signin:client', ctx.clientKey ?? 'unknown', LIMITS.signInPerClient);
	await consumeRateLimit(ctx, 'signin:account', data.email, LIMITS.signInPerAccount);
	try {
		const { headers, response } = await authFor(ctx.db).api.signInEmail({
			body: { email: data.email, password: data.password },
			headers: web.headers,
			returnHeaders: true
		});
		return { userId: response.user.id, setCookies: cookiesOf(headers) };
	} catch (error) {
		mapAuthError(error);
	}
}

export async function signOut(ctx: ServiceContext, web: WebIo): Promise<{ setCookies: string[] }> {
	try {
		const { headers } = await authFor(ctx.db).api.signOut({ headers: web.headers, returnHeaders: true });
		return { setCookies: cookiesOf(headers) };
	} catch {
		return { setCookies: [] };
	}
}

/** Always answers the same way, whether or not the e-mail has an account. */
export async function requestPasswordReset(
	ctx: ServiceContext,
	input: z.input<typeof resetRequestInput>,
	resetPageUrl: string
): Promise<void> {
	const data = parseInput(resetRequestInput, input);
	await consumeRateLimit(ctx, 'reset:account', data.email, LIMITS.resetPerAccount);
	if (data.email.endsWith(`@${PHONE_EMAIL_DOMAIN}`)) return;
	try {
		await authFor(ctx.db).api.requestPasswordReset({ body: { email: data.email, redirectTo: resetPageUrl } });
	} catch (error) {
		if (error instanceof APIError) return;
		throw error;
	}
}

export async function resetPassword(ctx: ServiceContext, input: z.input<typeof resetInput>): Promise<void> {
	const data = parseInput(resetInput, input);
	try {
		await authFor(ctx.db).api.resetPassword({ body: { token: data.token, newPassword: data.password } });
	} catch (error) {
		mapAuthError(error);
	}
	await writeAudit(ctx, { action: 'account.password_reset', entity: 'user', entityId: null });
}

export async function sendPhoneCode(
	ctx: ServiceContext,
	input: z.input<typeof phoneInput>
): Promise<{ phone: string }> {
	const data = parseInput(phoneInput, input);
	await consumeRateLimit(ctx, 'otp:client', ctx.clientKey ?? 'unknown', LIMITS.otpSendPerClient);
	await consumeRateLimit(ctx, 'otp:phone', data.phone, LIMITS.otpSendPerPhone);
	await authFor(ctx.db).api.sendPhoneNumberOTP({
		body: { phoneNumber: data.phone },
		headers: new Headers({ 'x-birge-locale': ctx.locale })
	});
	return { phone: data.phone };
}

export async function verifyPhoneCode(
	ctx: ServiceContext,
	input: z.input<typeof phoneVerifyInput>,
	web: WebIo
): Promise<AuthResult> {
	const data = parseInput(phoneVerifyInput, input);
	await consumeRateLimit(ctx, 'otp:verify', data.phone, LIMITS.otpVerifyPerPhone);
	try {
		const { headers, response } = await authFor(ctx.db).api.verifyPhoneNumber({
			body: { phoneNumber: data.phone, code: data.code },
			headers: web.headers,
			returnHeaders: true
		});
		const userId = (response as { user?: { id: string } | null }).user?.id;
		if (!userId) throw new AppError('INVALID', { messageKey: 'auth_phone_invalid_code' });
		return { userId, setCookies: cookiesOf(headers) };
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
	app: Pick<App, 'database'>,
	headers: Headers
): Promise<SessionInfo | null> {
	const cookie = headers.get('cookie');
	if (!cookie || !cookie.includes('birge.session_token')) return null;
	const db = app.database.db;
	const result = await authFor(db)
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
			email: user.email.endsWith(`@${PHONE_EMAIL_DOMAIN}`) ? null : user.email,
			phone: user.phoneNumber ?? null
		}
	};
}

export async function listMySessions(ctx: ServiceContext, web: WebIo) {
	requireUser(ctx);
	const sessions = await authFor(ctx.db).api.listSessions({ headers: web.headers });
	return sessions.map((s) => ({
		id: s.id,
		token: s.token,
		createdAt: s.createdAt,
		userAgent: s.userAgent ?? null
	}));
}

export async function revokeMySession(ctx: ServiceContext, sessionToken: string, web: WebIo) {
	requireUser(ctx);
	await authFor(ctx.db).api.revokeSession({ body: { token: sessionToken }, headers: web.headers });
	await writeAudit(ctx, { action: 'account.session_revoke', entity: 'user', entityId: ctx.actor.userId });
}

export async function revokeMyOtherSessions(ctx: ServiceContext, web: WebIo) {
	requireUser(ctx);
	await authFor(ctx.db).api.revokeOtherSessions({ headers: web.headers });
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
	let [user] = await ctx.db.select({ id: authUser.id }).from(authUser).where(eq(authUser.email, data.email));
	if (!user) {
		const created = await authFor(ctx.db).api.signUpEmail({
			body: { name: data.name, email: data.email, password: data.password }
		});
		user = { id: created.user.id };
	}
	const { roleGrant } = await import('./schema');
	const { randomUUID } = await import('node:crypto');
	await ctx.db
		.insert(roleGrant)
		.values({
			id: randomUUID(),
			userId: user.id,
			role: 'platform_admin',
			country: null,
			organizationId: null,
			grantedBy: 'cli',
			createdAt: ctx.clock()
		})
		.onConflictDoNothing();
	await writeAudit(ctx, {
		action: 'role.grant',
		entity: 'user',
		entityId: user.id,
		after: { role: 'platform_admin', by: 'cli' }
	});
	return { userId: user.id };
}
