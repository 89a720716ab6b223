import { and, count, eq, ne } from 'drizzle-orm';
import { AppError, requireUser, writeAudit, type ServiceContext } from '../../core';
import { authAccount, authUser } from './schema';
import { TELEGRAM_PROVIDER } from './auth';
import { authFor, type WebIo } from './service';
import { isLocale } from '#lib/i18n/locales';

/**
 * Sign in with Telegram on the web: Telegram's OpenID Connect login through Better Auth's generic
 * OAuth plugin (configured in auth.ts when the platform has `telegramLogin`). A first sign-in
 * creates an account; started from her account page it links Telegram to the account she is
 * signed in to. Unlinking works from the account page and from the bot's /unlink, and never
 * removes her only way in.
 */

export interface TelegramRedirect {
	/** The provider's authorization URL (PKCE, state and nonce included). */
	url: string;
	/** The state cookie Better Auth sets for the callback. */
	setCookies: string[];
}

const notConfigured = () => new AppError('NOT_FOUND', { messageKey: 'accounts_telegram_login_off' });

export const telegramLoginEnabled = (ctx: Pick<ServiceContext, 'platform'>): boolean =>
	!!ctx.platform.telegramLogin;

/** A path on this site only (never another origin), in her language. */
function localPath(ctx: ServiceContext, next: string | null | undefined, fallback: string): string {
	const locale = isLocale(ctx.locale) ? ctx.locale : 'ru';
	const path = next && /^\/[A-Za-z0-9/_-]*$/.test(next) && !next.startsWith('//') ? next : fallback;
	return `${ctx.platform.origin}${path.replace('{locale}', locale)}`;
}

/** Starts a sign-in (or a sign-up: an unknown Telegram user gets a new account). */
export async function startTelegramSignIn(
	ctx: ServiceContext,
	web: WebIo,
	options: { next?: string | null } = {}
): Promise<TelegramRedirect> {
	if (!telegramLoginEnabled(ctx)) throw notConfigured();
	const { headers, response } = await authFor(ctx).api.signInSocial({
		body: {
			provider: TELEGRAM_PROVIDER,
			callbackURL: localPath(ctx, options.next, `/${ctx.locale}/account`),
			newUserCallbackURL: localPath(ctx, null, `/${ctx.locale}/account?welcome=telegram`),
			errorCallbackURL: localPath(ctx, null, `/${ctx.locale}/auth/sign-in?telegram=failed`),
			disableRedirect: true
		},
		headers: web.headers,
		returnHeaders: true
	});
	if (!response?.url) throw notConfigured();
	return { url: response.url, setCookies: headers?.getSetCookie?.() ?? [] };
}

/** Starts linking Telegram to the account she is signed in to (from her account page). */
export async function startTelegramLink(ctx: ServiceContext, web: WebIo): Promise<TelegramRedirect> {
	requireUser(ctx);
	if (!telegramLoginEnabled(ctx)) throw notConfigured();
	const { headers, response } = await authFor(ctx).api.linkSocialAccount({
		body: {
			provider: TELEGRAM_PROVIDER,
			callbackURL: localPath(ctx, null, `/${ctx.locale}/account?telegram=linked`),
			errorCallbackURL: localPath(ctx, null, `/${ctx.locale}/account?telegram=failed`),
			disableRedirect: true
		},
		headers: web.headers,
		returnHeaders: true
	});
	return { url: response.url, setCookies: headers?.getSetCookie?.() ?? [] };
}

/**
 * The provider's redirect back (`/api/auth/callback/telegram`): Better Auth checks the state, the
 * PKCE verifier and the ID token, then creates or links the account and sets the session cookie.
 * Its answer is a redirect to the page the flow started for (or the error page with `?error=`).
 */
export async function finishTelegramSignIn(ctx: ServiceContext, request: Request): Promise<Response> {
	if (!telegramLoginEnabled(ctx)) throw notConfigured();
	const url = new URL(request.url);
	if (url.pathname !== `/api/auth/callback/${TELEGRAM_PROVIDER}`) throw notConfigured();
	return authFor(ctx).handler(request);
}

/** Her Telegram sign-in, for the account page (null: not linked). */
export async function myTelegramLogin(ctx: ServiceContext): Promise<{ linkedAt: Date } | null> {
	const userId = requireUser(ctx);
	const [row] = await ctx.db
		.select({ linkedAt: authAccount.createdAt })
		.from(authAccount)
		.where(and(eq(authAccount.userId, userId), eq(authAccount.providerId, TELEGRAM_PROVIDER)));
	return row ?? null;
}

/**
 * Removes her Telegram sign-in. Refused (CONFLICT) when it is her only way in: no password or other
 * sign-in, and no phone number to get a code on.
 */
export async function unlinkTelegramLogin(ctx: ServiceContext): Promise<boolean> {
	const userId = requireUser(ctx);
	return ctx.db.transaction(async (tx) => {
		const [telegram] = await tx
			.select({ id: authAccount.id })
			.from(authAccount)
			.where(and(eq(authAccount.userId, userId), eq(authAccount.providerId, TELEGRAM_PROVIDER)));
		if (!telegram) return false;
		const [others] = await tx
			.select({ n: count() })
			.from(authAccount)
			.where(and(eq(authAccount.userId, userId), ne(authAccount.providerId, TELEGRAM_PROVIDER)));
		const [user] = await tx
			.select({ phone: authUser.phoneNumber })
			.from(authUser)
			.where(eq(authUser.id, userId));
		if (!Number(others?.n ?? 0) && !user?.phone)
			throw new AppError('CONFLICT', { messageKey: 'accounts_telegram_login_last' });
		await tx.delete(authAccount).where(eq(authAccount.id, telegram.id));
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'accounts.telegram_login_unlink', entity: 'user', entityId: userId }
		);
		return true;
	});
}
