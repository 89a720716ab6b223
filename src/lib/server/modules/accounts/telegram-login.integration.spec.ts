import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { and, eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { createContext, type ServiceContext } from '#lib/server/core';
import { authAccount, authUser } from '#lib/server/db/schema';
import { accounts } from '.';

/**
 * Sign in with Telegram against a local OpenID Connect provider (oidc-provider from npm) standing in
 * for oauth.telegram.org: the full redirect → provider → callback → session, a first sign-in that
 * creates the account, linking from a signed-in account, and unlinking.
 */

let db: TestDb;
let server: http.Server;
let issuer = '';
const CALLBACK = 'http://localhost:3000/api/auth/callback/telegram';

beforeAll(async () => {
	server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: '7000000001',
				client_secret: 'test-secret-of-the-local-provider',
				redirect_uris: [CALLBACK],
				grant_types: ['authorization_code'],
				response_types: ['code'],
				token_endpoint_auth_method: 'client_secret_post'
			}
		],
		// Telegram puts the profile claims in the ID token (it has no e-mail).
		conformIdTokenClaims: false,
		claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
		findAccount: async (_ctx: unknown, id: string) => ({
			accountId: id,
			claims: async () => ({ sub: id, name: `Aigul ${id}`, preferred_username: `aigul${id}` })
		}),
		pkce: { required: () => true },
		cookies: { keys: ['a-local-test-key'] }
	});
	server.on('request', provider.callback());
	db = await createTestDb({
		platform: {
			telegramLogin: {
				clientId: '7000000001',
				clientSecret: 'test-secret-of-the-local-provider',
				discoveryUrl: `${issuer}/.well-known/openid-configuration`,
				scopes: ['openid', 'profile']
			}
		}
	});
});
afterAll(async () => {
	server?.close();
	await db?.close();
});

const ctxOf = (locale: 'ru' | 'en' = 'en'): ServiceContext =>
	createContext(db.handle.db, db.platform, { locale });

/** A tiny browser: a cookie jar per origin and manual redirects. */
function browser() {
	const jars = new Map<string, Map<string, string>>();
	const jar = (url: string) => {
		const origin = new URL(url).origin;
		if (!jars.has(origin)) jars.set(origin, new Map());
		return jars.get(origin)!;
	};
	const keep = (url: string, setCookies: string[]) => {
		for (const c of setCookies) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			if (/max-age=0/i.test(c) || value === '') jar(url).delete(name);
			else jar(url).set(name, value);
		}
	};
	const cookie = (url: string) => [...jar(url)].map(([k, v]) => `${k}=${v}`).join('; ');
	return {
		keep,
		cookie,
		async go(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
			const response = await fetch(url, {
				method: init.method ?? 'GET',
				redirect: 'manual',
				headers: {
					cookie: cookie(url),
					...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
				},
				body: init.form ? new URLSearchParams(init.form).toString() : undefined
			});
			keep(url, response.headers.getSetCookie());
			const location = response.headers.get('location');
			return { response, location: location ? new URL(location, url).toString() : null };
		}
	};
}

/** Walks the provider's pages (its development login and consent forms) to the redirect back to us. */
async function throughProvider(b: ReturnType<typeof browser>, authorizeUrl: string, telegramId: string) {
	let url: string | null = authorizeUrl;
	for (let hops = 0; hops < 12 && url; hops++) {
		if (url.startsWith(CALLBACK)) return url;
		const interaction = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
		if (interaction) {
			const page = await b.go(url);
			const html = await page.response.text();
			const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'login';
			url = (
				await b.go(url, {
					method: 'POST',
					form: prompt === 'login' ? { prompt, login: telegramId, password: 'x' } : { prompt }
				})
			).location;
			continue;
		}
		url = (await b.go(url)).location;
	}
	throw new Error(`the provider did not redirect back (stopped at ${url})`);
}

/** Runs a whole flow that started with `start` (sign-in or link) and returns Birge's final answer. */
async function complete(
	b: ReturnType<typeof browser>,
	start: { url: string; setCookies: string[] },
	telegramId: string
) {
	b.keep(CALLBACK, start.setCookies);
	const back = await throughProvider(b, start.url, telegramId);
	const answer = await accounts.finishTelegramSignIn(
		ctxOf(),
		new Request(back, { headers: { cookie: b.cookie(CALLBACK) } })
	);
	b.keep(CALLBACK, answer.headers.getSetCookie());
	return answer;
}

describe('sign in with Telegram (OpenID Connect)', () => {
	it('is off without configuration', async () => {
		const bare = await createTestDb();
		try {
			const ctx = createContext(bare.handle.db, bare.platform, { locale: 'en' });
			expect(accounts.telegramLoginEnabled(ctx)).toBe(false);
			await expect(accounts.startTelegramSignIn(ctx, { headers: new Headers() })).rejects.toMatchObject({
				code: 'NOT_FOUND'
			});
		} finally {
			await bare.close();
		}
	});

	it('creates an account on the first sign-in, with a session, and signs the same account in again', async () => {
		const b = browser();
		const start = await accounts.startTelegramSignIn(ctxOf(), { headers: new Headers() });
		const authorize = new URL(start.url);
		expect(authorize.origin).toBe(issuer);
		expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorize.searchParams.get('nonce')).toBeTruthy();
		expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(
			expect.arrayContaining(['openid', 'profile'])
		);

		const answer = await complete(b, start, '424242');
		expect(answer.status).toBe(302);
		expect(answer.headers.get('location')).toBe('http://localhost:3000/en/account?welcome=telegram');
		const session = await accounts.sessionFromHeaders(ctxOf(), new Headers({ cookie: b.cookie(CALLBACK) }));
		expect(session?.user.name).toBe('Aigul 424242');
		const [account] = await db.handle.db
			.select()
			.from(authAccount)
			.where(and(eq(authAccount.providerId, 'telegram'), eq(authAccount.accountId, '424242')));
		expect(account.userId).toBe(session!.actor.userId);

		// A second sign-in from another browser: the same account, no new user.
		const again = browser();
		const second = await complete(
			again,
			await accounts.startTelegramSignIn(ctxOf(), { headers: new Headers() }),
			'424242'
		);
		expect(second.headers.get('location')).toBe('http://localhost:3000/en/account');
		const other = await accounts.sessionFromHeaders(ctxOf(), new Headers({ cookie: again.cookie(CALLBACK) }));
		expect(other?.actor.userId).toBe(session!.actor.userId);
		expect((await db.handle.db.select().from(authUser).where(eq(authUser.name, 'Aigul 424242'))).length).toBe(
			1
		);

		// Her only way in: unlinking is refused and changes nothing.
		const her = { ...ctxOf(), actor: session!.actor };
		await expect(accounts.unlinkTelegramLogin(her)).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(await accounts.myTelegramLogin(her)).not.toBeNull();
	});

	it('links Telegram to the account she is signed in to, then unlinks it from the account page', async () => {
		const b = browser();
		const email = 'dinara@example.org';
		const signedUp = await accounts.signUpWithEmail(
			ctxOf(),
			{ name: 'Dinara', email, password: 'a long password 1' },
			{ headers: new Headers() }
		);
		b.keep(CALLBACK, signedUp.setCookies);
		const session = await accounts.sessionFromHeaders(ctxOf(), new Headers({ cookie: b.cookie(CALLBACK) }));
		const her = { ...ctxOf(), actor: session!.actor };
		expect(await accounts.myTelegramLogin(her)).toBeNull();

		const start = await accounts.startTelegramLink(her, {
			headers: new Headers({ cookie: b.cookie(CALLBACK) })
		});
		const answer = await complete(b, start, '515151');
		expect(answer.headers.get('location')).toBe('http://localhost:3000/en/account?telegram=linked');
		expect(await accounts.myTelegramLogin(her)).not.toBeNull();
		const [user] = await db.handle.db.select().from(authUser).where(eq(authUser.id, session!.actor.userId!));
		expect(user.email).toBe(email);

		// Signing in with that Telegram now opens her account.
		const phone = browser();
		await complete(phone, await accounts.startTelegramSignIn(ctxOf(), { headers: new Headers() }), '515151');
		const viaTelegram = await accounts.sessionFromHeaders(
			ctxOf(),
			new Headers({ cookie: phone.cookie(CALLBACK) })
		);
		expect(viaTelegram?.actor.userId).toBe(session!.actor.userId);

		// She has a password: the Telegram sign-in can go.
		expect(await accounts.unlinkTelegramLogin(her)).toBe(true);
		expect(await accounts.myTelegramLogin(her)).toBeNull();
		expect(await accounts.unlinkTelegramLogin(her)).toBe(false);
	});

	it('refuses a callback that does not come from a flow it started', async () => {
		const b = browser();
		const start = await accounts.startTelegramSignIn(ctxOf(), { headers: new Headers() });
		const back = await throughProvider(b, start.url, '616161');
		// No state cookie: Better Auth sends her to the error page, and no account is made.
		const answer = await accounts.finishTelegramSignIn(ctxOf(), new Request(back));
		expect(answer.status).toBe(302);
		expect(answer.headers.get('location')).toMatch(/error=/);
		expect(
			await db.handle.db
				.select()
				.from(authAccount)
				.where(and(eq(authAccount.providerId, 'telegram'), eq(authAccount.accountId, '616161')))
		).toHaveLength(0);
	});
});
