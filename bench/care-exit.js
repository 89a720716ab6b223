// Quick exit from /care: how long from the user's action (a click on the exit button, or the third
// Shift) until the neutral page's response has arrived, measured in Chromium against the built
// server. Prints the figures against the 300 ms budget; asserts nothing (e2e/care.e2e.ts checks
// that the exit works and that Back does not return).
//
//   npm run build && npx node bench/care-exit.js [--runs 20]
//
// (`npx node` runs the project's Node 24; the server is started with the same Node.)
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { ensureBuilt, startBirge } from './lib.js';

const BUDGET_MS = 300;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Math.max(1, Number(values.runs) || 20);

/** Measures, in the browser, how long from the action until the neutral page's response arrived. */
async function exitTiming(page, action, target) {
	const stamps = [];
	const onConsole = (m) => {
		const match = m.text().match(/^exit-action-at:(\d+(?:\.\d+)?)$/);
		if (match) stamps.push(Number(match[1]));
	};
	page.on('console', onConsole);
	await page.evaluate(() => {
		const log = (e) => console.log('exit-action-at:' + (performance.timeOrigin + e.timeStamp));
		window.addEventListener('click', log, true);
		window.addEventListener('keydown', log, true);
	});
	await action();
	await page.waitForURL(target);
	const timing = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0];
		return { origin: performance.timeOrigin, responseEnd: nav.responseEnd };
	});
	page.off('console', onConsole);
	if (stamps.length === 0) throw new Error('the action was not seen in the page');
	const actedAt = stamps[stamps.length - 1];
	if (timing.origin < actedAt - 1) throw new Error('the neutral page was loaded before the action');
	return timing.origin + timing.responseEnd - actedAt;
}

async function openCare(page, url, locale, country) {
	await page.goto(`${url}/${locale}/care?country=${country}`);
	await page.waitForSelector('main a.care-exit[data-quick-exit]');
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function summary(name, samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const over = sorted.filter((ms) => ms >= BUDGET_MS).length;
	return {
		exit: name,
		runs: sorted.length,
		'median ms': Math.round(quantile(sorted, 0.5)),
		'p95 ms': Math.round(quantile(sorted, 0.95)),
		'max ms': Math.round(sorted.at(-1)),
		[`over ${BUDGET_MS} ms`]: over
	};
}

ensureBuilt();
const server = await startBirge();
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--headless=new',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--disable-dev-shm-usage'
	]
});
try {
	const context = await browser.newContext({ locale: 'ru-RU' });
	const page = await context.newPage();
	// One visit first, so the figures do not include the server's first render of each page.
	await openCare(page, server.url, 'ru', 'UZ');
	await page.goto(`${server.url}/ru`);
	const button = [];
	const shift = [];
	for (let i = 0; i < runs; i++) {
		await openCare(page, server.url, 'ru', 'UZ');
		button.push(await exitTiming(page, () => page.click('main a.care-exit[data-quick-exit]'), /\/ru$/));
		await openCare(page, server.url, 'ky', 'KZ');
		shift.push(
			await exitTiming(
				page,
				async () => {
					for (let k = 0; k < 3; k++) await page.keyboard.press('Shift');
				},
				/\/ky$/
			)
		);
	}
	console.log(
		`Quick exit from /care, ms from the action to the neutral page's response (budget ${BUDGET_MS} ms):`
	);
	console.table([summary('button', button), summary('Shift ×3', shift)]);
	await context.close();
} finally {
	await browser.close();
	await server.stop();
}
