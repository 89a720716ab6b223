import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	launchBrowser,
	newContext,
	setUpPeople,
	signIn,
	startServer,
	withApp,
	type TestServer
} from './harness';
import { startEmulator, updates, type Emulator } from '../src/lib/server/bot/testing/emulator.ts';
import { webhookSecrets } from '../src/lib/server/bot/bot.ts';

// Skipped only where Chromium is missing on a developer machine; in CI a missing browser fails (harness).
const run = browserAvailable();
const maker = { name: 'Aigul', email: 'aigul@example.org', password: 'felt-maker-2026' };

/**
 * The bot with the built server: the account page's one-time code, linking from the chat through the
 * webhook (with both secrets), following a coalition in Telegram on its web page, unlinking on the web.
 */
describe.skipIf(!run)('telegram bot journey', () => {
	let server: TestServer;
	let browser: Browser;
	let emu: Emulator;

	beforeAll(async () => {
		emu = await startEmulator();
		const env = {
			TELEGRAM_BOT_TOKEN: emu.token,
			TELEGRAM_API_ROOT: emu.apiRoot,
			TELEGRAM_BOT_USERNAME: 'birge_test_bot',
			TELEGRAM_MODE: 'webhook'
		};
		server = await startServer({
			env,
			before: (dir) =>
				withApp(dir, async (_app, ctx) => void (await setUpPeople(ctx, [{ person: maker }])), env)
		});
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await emu?.close();
	});

	it('links her chat with the code from her account page, follows a coalition in Telegram, unlinks', async () => {
		// The server registered its webhook (with PGlite the bot runs in the web process).
		await expect.poll(() => emu.webhook?.url ?? '').toContain('/api/telegram/');
		const secret = fs.readFileSync(path.join(server.dataDir, 'secret'), 'utf8').trim();
		const secrets = webhookSecrets(secret, emu.token);
		const hook = `${server.url}/api/telegram/${secrets.path}`;
		const post = (body: unknown, header: string | null) =>
			fetch(hook, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(header ? { 'x-telegram-bot-api-secret-token': header } : {})
				},
				body: JSON.stringify(body)
			});
		expect((await post(updates.text(700, '/start'), null)).status).toBe(401);
		expect((await post(updates.text(700, '/start'), 'nope')).status).toBe(401);

		const context = await newContext(browser, { javaScript: false, locale: 'en-GB' });
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 800 });
		await signIn(page, server.url, maker);
		await page.click('form[action="?/telegramCode"] button');
		const notice = await page.locator('main .notice').first().textContent();
		const code = /: ([A-Z2-9]{8})\./.exec(notice ?? '')?.[1];
		expect(code).toBeTruthy();
		expect(await page.locator(`a[href="https://t.me/birge_test_bot?start=link_${code}"]`).count()).toBe(1);
		if (process.env.BIRGE_SCREENS) await page.screenshot({ path: '/tmp/bot-account.png', fullPage: true });

		expect(
			(await post(updates.text(700, `/start link_${code}`, { languageCode: 'en' }), secrets.header)).status
		).toBe(200);
		await emu.waitFor((c) => c.method === 'sendMessage' && String(c.payload.text).includes('is linked'));
		await page.goto(`${server.url}/en/account`);
		expect(await page.locator('form[action="?/telegramUnlink"]').count()).toBe(1);

		await page.goto(`${server.url}/en/coalitions/kg#follow`);
		await page.check('input[name="channel"][value="telegram"]');
		await page.click('form[action="?/follow"] button');
		await expect
			.poll(() => page.locator('#follow ~ p[role="status"], [role="status"]').allTextContents())
			.toEqual(expect.arrayContaining([expect.stringContaining('In Telegram')]));
		if (process.env.BIRGE_SCREENS) await page.screenshot({ path: '/tmp/bot-follow.png', fullPage: true });

		await page.goto(`${server.url}/en/account`);
		await page.click('form[action="?/telegramUnlink"] button');
		expect(await page.locator('form[action="?/telegramCode"]').count()).toBe(1);
		await context.close();
	});
});
