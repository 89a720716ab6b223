import { it } from 'vitest';
import fs from 'node:fs';
import { launchBrowser, newContext, startServer } from './harness';
import zlib from 'node:zlib';

it('shots', async () => {
	const server = await startServer();
	const browser = await launchBrowser();
	const ctx = await newContext(browser, { javaScript: false });
	const page = await ctx.newPage();
	for (const [name, url] of [['list', '/ru/coalitions'], ['kg', '/ru/coalitions/kg'], ['tj', '/en/coalitions/tj'], ['item', '/ky/coalitions/uz/items/uz-reported-1'], ['members', '/uz/coalitions/kg/members']]) {
		await page.goto(server.url + url);
		await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
		const html = await (await fetch(server.url + url)).text();
		fs.appendFileSync('/tmp/sizes.txt', `${name} ${html.length} br=${zlib.brotliCompressSync(html).length} gz=${zlib.gzipSync(html).length}\n`);
	}
	fs.writeFileSync('/tmp/api.json', await (await fetch(server.url + '/api/v1/coalitions/tj/recommendations?lang=ru')).text());
	await browser.close();
	await server.stop();
}, 120000);
