import type { Actions, PageServerLoad } from './$types';
import { accounts } from '#lib/server/modules/accounts';
import { shops } from '#lib/server/modules/shops';
import { authHeaders, field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { config } from '#lib/server/config';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const user = requireSignIn(event);
	const sessions = await accounts.listMySessions(locals.ctx, { headers: authHeaders(event) });
	const organizations = await accounts.myOrganizations(locals.ctx);
	return {
		welcome: url.searchParams.has('welcome'),
		me: { name: user.name, email: user.email, phone: user.phone },
		roles: ['entrepreneur', ...new Set(locals.ctx.actor.grants.map((g) => g.role))],
		organizations,
		shopsModerator: shops.canModerateShops(locals.ctx),
		telegram: await telegramSection(locals.ctx),
		telegramLogin: await telegramLoginSection(locals.ctx, url),
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.id === locals.sessionId,
			createdAt: s.createdAt.toISOString(),
			// Session ids only: a token is a bearer secret and never reaches a page.
			device: s.userAgent ? describeAgent(s.userAgent) : null
		}))
	};
};

/** The Telegram section: shown when a bot is configured (or she is still linked to one). */
async function telegramSection(ctx: App.Locals['ctx']) {
	const linked = await accounts.myTelegram(ctx);
	const cfg = config();
	if (!cfg.TELEGRAM_BOT_TOKEN && !linked) return null;
	return { linkedAt: linked?.linkedAt.toISOString() ?? null, bot: cfg.TELEGRAM_BOT_USERNAME ?? null };
}

/** Sign in with Telegram: shown when configured (or while her account still has it). */
async function telegramLoginSection(ctx: App.Locals['ctx'], url: URL) {
	const enabled = accounts.telegramLoginEnabled(ctx);
	const linked = await accounts.myTelegramLogin(ctx);
	if (!enabled && !linked) return null;
	const result = url.searchParams.get('telegram');
	return {
		enabled,
		linkedAt: linked?.linkedAt.toISOString() ?? null,
		result: result === 'linked' || result === 'failed' ? result : null
	};
}

/** A short device label ("Chrome on Android") instead of the raw user agent. */
function describeAgent(agent: string): string {
	const browser = /Edg\//.test(agent)
		? 'Edge'
		: /Firefox\//.test(agent)
			? 'Firefox'
			: /Chrom(e|ium)\//.test(agent)
				? 'Chrome'
				: /Safari\//.test(agent)
					? 'Safari'
					: 'Browser';
	const os = /Android/.test(agent)
		? 'Android'
		: /iPhone|iPad/.test(agent)
			? 'iOS'
			: /Windows/.test(agent)
				? 'Windows'
				: /Mac OS X/.test(agent)
					? 'macOS'
					: /Linux/.test(agent)
						? 'Linux'
						: '';
	return os ? `${browser} · ${os}` : browser;
}

export const actions: Actions = {
	revoke: async (event) => {
		const form = await readForm(event.request);
		try {
			await accounts.revokeMySession(event.locals.ctx, field(form, 'session'), {
				headers: authHeaders(event)
			});
		} catch (error) {
			return formFailure(error, event.locals.locale, form);
		}
		return { revoked: true };
	},
	revokeOthers: async (event) => {
		const form = await readForm(event.request);
		try {
			await accounts.revokeMyOtherSessions(event.locals.ctx, { headers: authHeaders(event) });
		} catch (error) {
			return formFailure(error, event.locals.locale, form);
		}
		return { revokedOthers: true };
	},
	telegramCode: async (event) => {
		requireSignIn(event);
		try {
			const { code, expiresAt } = await accounts.createTelegramCode(event.locals.ctx);
			const minutes = Math.round((expiresAt.getTime() - Date.now()) / 60_000);
			return { telegram: { code, minutes } };
		} catch (error) {
			return formFailure(error, event.locals.locale, new FormData());
		}
	},
	telegramUnlink: async (event) => {
		requireSignIn(event);
		try {
			await accounts.unlinkMyTelegram(event.locals.ctx);
		} catch (error) {
			return formFailure(error, event.locals.locale, new FormData());
		}
		return { telegram: { unlinked: true } };
	},
	telegramLoginUnlink: async (event) => {
		requireSignIn(event);
		try {
			await accounts.unlinkTelegramLogin(event.locals.ctx);
		} catch (error) {
			return formFailure(error, event.locals.locale, new FormData());
		}
		return { telegramLogin: { unlinked: true } };
	}
};
