import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	expectAccessible,
	freePort,
	launchBrowser,
	newContext,
	startServer,
	type TestServer
} from './harness';

// Skipped only where Chromium is missing on a developer machine; in CI a missing browser fails (harness).
const run = browserAvailable();
const CLIENT_ID = '7000000001';
const CLIENT_SECRET = 'test-secret-of-the-local-provider';
const TELEGRAM_ID = '515151';

/**
 * Sign in with Telegram on the web, in Chromium with JavaScript off, against a local OpenID Connect
 * provider (oidc-provider from npm, set up as in accounts/telegram-login.integration.spec.ts) standing
 * in for oauth.telegram.org: the sign-in page's "Sign in with Telegram" → the provider's login and
 * consent pages → back on Birge with a new account and a session; signing out and in again reaches
 * the same account.
 */
describe.skipIf(!run)('sign in with Telegram on the web', () => {
	let server: TestServer;
	let browser: Browser;
	let oidc: http.Server;

	beforeAll(async () => {
		const port = await freePort();
		const callback = `http://127.0.0.1:${port}/api/auth/callback/telegram`;
		oidc = http.createServer();
		await new Promise<void>((resolve) => oidc.listen(0, '127.0.0.1', resolve));
		const issuer = `http://127.0.0.1:${(oidc.address() as AddressInfo).port}`;
		const provider = new Provider(issuer, {
			clients: [
				{
					client_id: CLIENT_ID,
					client_secret: CLIENT_SECRET,
					redirect_uris: [callback],
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
		oidc.on('request', provider.callback());
		server = await startServer({
			port,
			env: {
				TELEGRAM_LOGIN_CLIENT_ID: CLIENT_ID,
				TELEGRAM_LOGIN_CLIENT_SECRET: CLIENT_SECRET,
				TELEGRAM_LOGIN_DISCOVERY_URL: `${issuer}/.well-known/openid-configuration`,
				TELEGRAM_LOGIN_SCOPES: 'openid profile'
			}
		});
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		oidc?.close();
	});

	it('"Sign in with Telegram" → the provider → back signed in, with a new account; again: the same account', async () => {
		const context = await newContext(browser, { javaScript: false, locale: 'en-GB' });
		// The provider's development pages import a web font: nothing leaves this machine.
		await context.route(/^https:\/\//, (route) => route.abort());
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 800 });

		/** From Birge's sign-in page through the provider's login (any password) and consent forms. */
		const signInWithTelegram = async () => {
			await page.goto(`${server.url}/en/auth/sign-in`);
			await expectAccessible(page);
			if (process.env.BIRGE_SCREENS)
				await page.screenshot({ path: '/tmp/telegram-sign-in.png', fullPage: true });
			await page.getByRole('link', { name: 'Sign in with Telegram' }).click();
			for (let step = 0; step < 4 && !page.url().startsWith(server.url); step++) {
				expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
				if (await page.locator('input[name="login"]').count()) {
					await page.fill('input[name="login"]', TELEGRAM_ID);
					await page.fill('input[name="password"]', 'any');
				}
				await page.click('button[type="submit"]');
			}
		};

		await signInWithTelegram();
		// A first sign-in creates her account and opens it with the welcome notice.
		expect(page.url()).toBe(`${server.url}/en/account?welcome=telegram`);
		await expect.poll(() => page.locator('main').textContent()).toContain(`Aigul ${TELEGRAM_ID}`);
		expect(await page.locator('main .notice[role="status"]').count()).toBeGreaterThan(0);
		await expect
			.poll(() => page.locator('main').textContent())
			.toContain('You can sign in with Telegram (since');
		await expectAccessible(page);
		if (process.env.BIRGE_SCREENS)
			await page.screenshot({ path: '/tmp/telegram-account.png', fullPage: true });
		const cookies = await context.cookies(server.url);
		expect(cookies.some((c) => /session_token/.test(c.name))).toBe(true);

		// Signed out (a fresh browser), then in again: the same account, no second welcome.
		await context.clearCookies();
		await page.goto(`${server.url}/en/account`);
		expect(new URL(page.url()).pathname).toBe('/en/auth/sign-in');
		await signInWithTelegram();
		expect(page.url()).toBe(`${server.url}/en/account`);
		await expect.poll(() => page.locator('main').textContent()).toContain(`Aigul ${TELEGRAM_ID}`);
		await context.close();
	});
});
