import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { phoneNumber } from 'better-auth/plugins/phone-number';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { authAccount, authSession, authUser, authVerification } from './schema';
import { hashPassword, verifyPassword } from './password';
import type { Sender, TelegramLogin } from '../../core';
import type { Db } from '../../db';
import { t } from '#lib/i18n/messages';
import { isLocale } from '#lib/i18n/locales';
import { log } from '#lib/server/log';

export interface AuthOptions {
	db: Db;
	secret: string;
	/** Public origin, e.g. http://localhost:3000; decides Secure cookies. */
	baseURL: string;
	sender: Sender;
	/** Sign in with Telegram (OpenID Connect); null = not configured. */
	telegramLogin?: TelegramLogin | null;
}

/** Better Auth's provider id for Telegram's OpenID Connect login (its accounts' `provider_id`). */
export const TELEGRAM_PROVIDER = 'telegram';
/** A Telegram sign-up has no e-mail: a placeholder in a reserved domain (RFC 2606), never mailed. */
export const TELEGRAM_EMAIL_DOMAIN = 'telegram.birge.invalid';

/** A placeholder address (phone or Telegram sign-up): never shown, never mailed, never signed in with. */
export const isPlaceholderEmail = (email: string): boolean =>
	email.endsWith(`@${PHONE_EMAIL_DOMAIN}`) || email.endsWith(`@${TELEGRAM_EMAIL_DOMAIN}`);

/** The claims of an ID token that Better Auth has already verified (signature, issuer, audience, nonce). */
function claimsOf(idToken: string): Record<string, unknown> {
	const [, body] = idToken.split('.');
	return JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Telegram's login through Better Auth's generic OAuth plugin: discovery, PKCE, state and nonce,
 * the ID token verified against the provider's JWKS (`requireIdTokenVerification`). The profile is
 * read from the ID token (Telegram gives no e-mail); the account is keyed by `sub`.
 */
function telegramPlugin(login: TelegramLogin) {
	return genericOAuth({
		config: [
			{
				providerId: TELEGRAM_PROVIDER,
				name: 'Telegram',
				clientId: login.clientId,
				clientSecret: login.clientSecret,
				discoveryUrl: login.discoveryUrl,
				scopes: login.scopes,
				pkce: true,
				requireIdTokenVerification: true,
				async getUserInfo(tokens) {
					if (!tokens.idToken) return null;
					const claims = claimsOf(tokens.idToken);
					if (claims.sub === undefined || claims.sub === null) return null;
					return { ...claims, id: String(claims.sub), sub: String(claims.sub), emailVerified: false };
				},
				mapProfileToUser(profile) {
					const sub = String(profile.sub).replace(/[^A-Za-z0-9_-]/g, '');
					const name =
						[profile.name, profile.preferred_username, profile.given_name].find(
							(v): v is string => typeof v === 'string' && v.trim().length > 0
						) ?? 'Telegram';
					return {
						email: `tg-${sub}@${TELEGRAM_EMAIL_DOMAIN}`,
						emailVerified: false,
						name: name.trim().slice(0, 100),
						image: undefined
					};
				}
			}
		]
	});
}

/** Phone sign-up creates an account with a placeholder address in a reserved domain (RFC 2606). */
export const PHONE_EMAIL_DOMAIN = 'phone.birge.invalid';

/**
 * Better Auth, configured for Birge: argon2id passwords, phone one-time codes through the pluggable
 * sender, no IP tracking, no telemetry, its own rate limiter off (Birge's limits live in the
 * database and also cover server-side calls), its logger limited to errors without request data.
 */
export function createAuth(options: AuthOptions) {
	return betterAuth({
		appName: 'Birge',
		secret: options.secret,
		baseURL: options.baseURL,
		trustedOrigins: [options.baseURL],
		database: drizzleAdapter(options.db, {
			provider: 'pg',
			// Sign-up writes the user and her credential in one transaction (both engines).
			transaction: true,
			schema: { user: authUser, session: authSession, account: authAccount, verification: authVerification }
		}),
		telemetry: { enabled: false },
		rateLimit: { enabled: false },
		// Its messages may carry e-mails or SQL parameters in extra arguments: only the text is kept.
		logger: {
			level: 'error',
			log: (level, message) => log.error('auth', { detail: String(message).slice(0, 200), level })
		},
		// Phone numbers and tokens are stored hashed in the verification table.
		verification: { storeIdentifier: 'hashed' },
		// Linking Telegram to the account she is signed in to: its placeholder address never matches
		// hers, and Telegram vouches for no e-mail, so it is trusted for linking. That is safe because the
		// placeholder is unique to one Telegram account: no e-mail of someone else ever matches it.
		account: {
			accountLinking: { enabled: true, allowDifferentEmails: true, trustedProviders: ['telegram'] }
		},
		user: {
			additionalFields: { locale: { type: 'string', required: false, input: true } }
		},
		session: {
			expiresIn: 60 * 60 * 24 * 30,
			updateAge: 60 * 60 * 24,
			// Listing and revoking one's own sessions must work whatever the session's age.
			freshAge: 0
		},
		advanced: {
			cookiePrefix: 'birge',
			useSecureCookies: options.baseURL.startsWith('https:'),
			ipAddress: { disableIpTracking: true }
		},
		emailAndPassword: {
			enabled: true,
			minPasswordLength: 10,
			maxPasswordLength: 128,
			autoSignIn: true,
			resetPasswordTokenExpiresIn: 60 * 60,
			revokeSessionsOnPasswordReset: true,
			password: {
				hash: hashPassword,
				verify: ({ hash, password }) => verifyPassword(hash, password)
			},
			async sendResetPassword({ user, url, token }) {
				// `url` carries our page as callbackURL (/{locale}/auth/reset). Only its path is used: the
				// link is always built on the configured public origin, never on a host a request named.
				const callback = new URL(url).searchParams.get('callbackURL') ?? '/ru/auth/reset';
				const link = resetLink(options.baseURL, callback, token);
				const locale = link.pathname.split('/')[1];
				const l = isLocale(locale) ? locale : 'ru';
				await options.sender.sendMail({
					to: user.email,
					subject: t(l, 'auth_reset_mail_subject'),
					text: t(l, 'auth_reset_mail_body', { url: link.toString() }),
					url: link.toString()
				});
			}
		},
		plugins: [
			phoneNumber({
				otpLength: 6,
				expiresIn: 300,
				allowedAttempts: 3,
				phoneNumberValidator: (p) => /^\+[1-9]\d{6,14}$/.test(p),
				async sendOTP({ phoneNumber: to, code }, ctx) {
					const header = ctx?.headers?.get?.('x-birge-locale') ?? 'ru';
					const l = isLocale(header) ? header : 'ru';
					await options.sender.sendSms({ to, text: t(l, 'auth_phone_sms', { code }), code });
				},
				signUpOnVerification: {
					getTempEmail: (phone) => `${phone.replace(/\D/g, '')}@${PHONE_EMAIL_DOMAIN}`,
					getTempName: (phone) => phone
				}
			}),
			...(options.telegramLogin ? [telegramPlugin(options.telegramLogin)] : [])
		]
	});
}

export type Auth = ReturnType<typeof createAuth>;

/** The reset link: the configured origin, the locale's reset page and the token; nothing else. */
export function resetLink(baseURL: string, callback: string, token: string): URL {
	let locale = 'ru';
	try {
		const first = new URL(callback, 'http://birge.invalid').pathname.split('/')[1];
		if (isLocale(first)) locale = first;
	} catch {
		/* a malformed callback: the default locale */
	}
	const link = new URL(`/${locale}/auth/reset`, new URL(baseURL).origin);
	link.searchParams.set('token', token);
	return link;
}
