import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { NODE_ENV_VARS, NODE_FLAGS } from '../scripts/node-flags.js';
import type { App } from '#lib/server/app';
import type { ServiceContext } from '#lib/server/core';

/**
 * End-to-end harness: the built server (build/, from `npm run build`) on a fresh embedded database
 * in a temporary directory and a free port, and Debian's Chromium driven by playwright-core.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI a missing browser fails the suite; on a developer machine the suite says why it skips. */
export function browserAvailable(): boolean {
	const present = fs.existsSync(CHROMIUM);
	if (!present && process.env.CI)
		throw new Error(`Chromium not found at ${CHROMIUM}: CI must run the end-to-end suite`);
	if (!present)
		console.warn(`Chromium not found at ${CHROMIUM}: end-to-end tests skipped (apt-get install chromium)`);
	return present;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export interface TestServer {
	url: string;
	dataDir: string;
	/** Messages the development sender wrote (SMS codes, e-mails with links). */
	outbox(): { kind: 'sms' | 'mail'; to: string; code?: string; url?: string; text: string }[];
	/** Server output so far (access log and errors), for assertions about logs. */
	output(): string;
	stop(): Promise<void>;
}

export interface StartServerOptions {
	/** Extra environment for the server process. */
	env?: Record<string, string>;
	/**
	 * Runs before the server starts, on the same (empty) data directory: the place to prepare
	 * accounts no UI creates yet (platform admins, coordinators), e.g. with `withApp`. PGlite is
	 * single-process, so this must finish (and close the database) before the server opens it.
	 */
	before?: (dataDir: string) => Promise<void>;
	/** The port to listen on (default: a free one), for an ORIGIN that must name it. */
	port?: number;
}

/**
 * Opens Birge on a data directory inside the test process (migrations and seeds run as at server
 * start), calls `fn` with the app and a context, and closes it. Only before the server starts.
 */
export async function withApp<T>(
	dataDir: string,
	fn: (app: App, ctx: ServiceContext) => Promise<T>,
	env: Record<string, string> = {}
): Promise<T> {
	const { startApp } = await import('#lib/server/app');
	const { loadConfig } = await import('#lib/server/config');
	const config = loadConfig({
		BIRGE_DATA_DIR: dataDir,
		BIRGE_SENDER: 'file',
		BIRGE_LOG_LEVEL: 'warn',
		NODE_ENV: 'production',
		...env
	});
	const app = await startApp({ config });
	try {
		return await fn(app, app.context({ clientKey: 'e2e-setup' }));
	} finally {
		await app.close();
	}
}

/** A person who signs in with e-mail and password in a journey. */
export interface Person {
	name: string;
	email: string;
	password: string;
}

/**
 * Inside `withApp`: a platform admin, then each person signed up with e-mail and password and given
 * a role in a country (no UI grants roles yet; the platform admin does it here). Returns the admin's
 * context, for more setup.
 */
export async function setUpPeople(
	ctx: ServiceContext,
	people: {
		person: Person;
		role?: 'coalition_coordinator' | 'care_editor';
		country?: 'KG' | 'KZ' | 'TJ' | 'UZ';
	}[]
): Promise<ServiceContext> {
	const { accounts } = await import('#lib/server/modules/accounts');
	const { userId: adminId } = await accounts.createAdmin(ctx, {
		email: 'admin@example.org',
		password: 'platform-admin-2026'
	});
	const adminCtx = { ...ctx, actor: await accounts.loadActor(ctx.db, adminId) };
	for (const { person, role, country } of people) {
		const { userId } = await accounts.signUpWithEmail(ctx, person, { headers: new Headers() });
		if (role) await accounts.grantRole(adminCtx, { userId, role, country: country ?? null });
	}
	return adminCtx;
}

/** A `before` for `startServer` that only sets up people (`setUpPeople`) on the data directory. */
export function withPeople(people: Parameters<typeof setUpPeople>[1]) {
	return (dataDir: string) => withApp(dataDir, async (_app, ctx) => void (await setUpPeople(ctx, people)));
}

/**
 * Inside `withApp`: the platform admin and a translator for one locale (the admin grants the role).
 */
export async function setUpTranslator(
	ctx: ServiceContext,
	translator: Person,
	locale: string
): Promise<void> {
	const admin = await setUpPeople(ctx, [{ person: translator }]);
	const { accounts } = await import('#lib/server/modules/accounts');
	const user = await accounts.findUserByEmail(ctx, translator.email);
	await accounts.grantRole(admin, { userId: user!.id, role: 'translator', locale });
}

/** Signs in through the form, as a person would; lands on her account page. */
export async function signIn(page: Page, url: string, who: { email: string; password: string }) {
	await page.goto(`${url}/en/auth/sign-in`);
	await page.fill('#field-email', who.email);
	await page.fill('#field-password', who.password);
	await page.click('#email-form button[type="submit"]');
	await page.waitForURL(/\/en\/account/);
}

export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
	if (!fs.existsSync('build/handler.js')) throw new Error('build/ is missing: run "npm run build" first');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-e2e-'));
	const env = options.env ?? {};
	if (options.before) await options.before(dataDir);
	const port = options.port ?? (await freePort());
	let output = '';
	const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, 'scripts/server.js'], {
		env: {
			...process.env,
			...NODE_ENV_VARS,
			DATABASE_URL: '',
			PORT: String(port),
			HOST: '127.0.0.1',
			BIRGE_DATA_DIR: dataDir,
			BIRGE_SENDER: 'file',
			BIRGE_LOG_LEVEL: 'warn',
			NODE_ENV: 'production',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		dataDir,
		outbox() {
			const file = path.join(dataDir, 'outbox.jsonl');
			if (!fs.existsSync(file)) return [];
			return fs
				.readFileSync(file, 'utf8')
				.trim()
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line));
		},
		output: () => output,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** `extraArgs`: more Chromium switches (e.g. a host resolver rule for an ORIGIN that is not loopback). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless=new',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
			...extraArgs
		]
	});
}

const scriptlessContexts = new WeakSet<BrowserContext>();

export async function newContext(
	browser: Browser,
	options: { javaScript?: boolean; locale?: string } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		javaScriptEnabled: options.javaScript ?? true,
		locale: options.locale ?? 'ru-RU',
		viewport: { width: 390, height: 844 }
	});
	if (options.javaScript === false) scriptlessContexts.add(context);
	return context;
}

const axeSource = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page and fails on any serious or critical violation. axe is injected through
 * the DevTools protocol, so the page's CSP stays on. A JavaScript-off page cannot run axe itself: its
 * rendered HTML is checked in a scripted twin page on the same origin, with the same stylesheet.
 */
export async function expectAccessible(page: Page) {
	let target = page;
	let twin: BrowserContext | null = null;
	if (scriptlessContexts.has(page.context())) {
		const html = await page.content();
		const browser = page.context().browser()!;
		twin = await browser.newContext({ viewport: { width: 390, height: 844 } });
		target = await twin.newPage();
		await target.goto(new URL('/robots.txt', page.url()).toString());
		await target.setContent(html, { waitUntil: 'load' });
	}
	const session = await target.context().newCDPSession(target);
	await session.send('Runtime.evaluate', { expression: axeSource });
	const { result } = await session.send('Runtime.evaluate', {
		expression: `axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))`,
		awaitPromise: true,
		returnByValue: true
	});
	await session.detach();
	await twin?.close();
	const violations = JSON.parse(result.value as string) as {
		id: string;
		impact: string;
		help: string;
		nodes: string[];
	}[];
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious, `${page.url()}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

/** Records every request a page makes to a host other than the server's. */
export function watchForeignRequests(page: Page, serverUrl: string): string[] {
	const foreign: string[] = [];
	const host = new URL(serverUrl).host;
	page.on('request', (req) => {
		const url = new URL(req.url());
		if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) foreign.push(req.url());
	});
	return foreign;
}

/** A journey's server and browser, started together in `beforeAll`: `({ server, browser } = await startJourney())`. */
export async function startJourney(
	options: StartServerOptions = {}
): Promise<{ server: TestServer; browser: Browser }> {
	const server = await startServer(options);
	return { server, browser: await launchBrowser() };
}

/** Stops what `startJourney` started (either may be missing when `beforeAll` failed), in `afterAll`. */
export async function stopJourney(server: TestServer | undefined, browser: Browser | undefined) {
	await browser?.close();
	await server?.stop();
}

/** Clicks and waits for the page it leads to (a form's POST and its redirect). */
export async function submit(page: Page, selector: string) {
	await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Full-page screenshots at a 360-px phone width into `dir`, for a person to look at (not committed). */
export function phoneShots(dir: string) {
	return async (page: Page, name: string) => {
		fs.mkdirSync(dir, { recursive: true });
		await page.setViewportSize({ width: 360, height: 800 });
		await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
	};
}
