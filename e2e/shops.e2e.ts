import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	expectAccessible,
	launchBrowser,
	newContext,
	phoneShots,
	signIn,
	startServer,
	submit,
	withPeople,
	type TestServer
} from './harness';

// Skipped only where Chromium is missing on a developer machine; in CI a missing browser fails (harness).
const run = browserAvailable();
const maker = { name: 'Aida', email: 'aida@example.org', password: 'felt-maker-2026' };
/** Screenshots for a person to look at (not committed). */
const SHOTS = process.env.SHOPS_SHOTS ?? path.join(os.tmpdir(), 'birge-shops-shots');

const shot = phoneShots(SHOTS);

describe.skipIf(!run)('shops journey', () => {
	let server: TestServer;
	let browser: Browser;
	let photo: string;

	beforeAll(async () => {
		server = await startServer({
			before: withPeople([{ person: maker }])
		});
		browser = await launchBrowser();
		// A phone photo with the camera's name and a GPS position in its EXIF.
		photo = path.join(server.dataDir, 'IMG_0001.jpg');
		const bytes = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#a0522d' } })
			.jpeg({ quality: 85 })
			.withExif({
				IFD0: { Make: 'TestCam', Model: 'Her phone' },
				IFD3: {
					GPSLatitudeRef: 'N',
					GPSLatitude: '42/1 10/1 0/1',
					GPSLongitudeRef: 'E',
					GPSLongitude: '77/1 40/1 0/1'
				}
			})
			.toBuffer();
		fs.writeFileSync(photo, bytes);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('a maker opens a shop and publishes a product; a buyer finds it in Kyrgyz and asks; the maker accepts', async () => {
		// The maker: a shop, a product with a photo, a translation, published.
		const makerContext = await newContext(browser, { locale: 'ky-KG' });
		const m = await makerContext.newPage();
		await signIn(m, server.url, maker);
		await m.goto(`${server.url}/ky/my-shop`);
		await expectAccessible(m);
		await m.click(`a[href="/ky/my-shop/new"]`);
		await m.fill('input[name=slug]', 'barskoon-felt');
		await m.fill('input[name=name_ky]', 'Барскоон кийизи');
		await m.fill('textarea[name=story_ky]', 'Ысык-Көлдүн жээгиндеги Барскоон айылында кийиз басам.');
		await m.selectOption('select[name=region]', 'KG-Y');
		await m.check('input[name=delivery][value=post]');
		await expectAccessible(m);
		await submit(m, 'main form button[type=submit]');
		expect(new URL(m.url()).pathname).toBe('/ky/my-shop/barskoon-felt');

		await m.click('a[href="/ky/my-shop/barskoon-felt/products/new"]');
		await m.fill('input[name=slug]', 'felt-slippers');
		await m.fill('input[name=title_ky]', 'Кийиз тапочкалар');
		await m.fill('textarea[name=description_ky]', 'Кой жүнүнөн басылган жылуу тапочкалар.');
		await m.selectOption('select[name=category]', 'felt');
		await m.fill('input[name=price]', 'abc');
		await m.fill('input[name=leadTimeDays]', '7');
		await m.fill('input[name=variant_0_sku]', 'SLP-38');
		await m.fill('input[name=variant_0_barcode]', '4006381333932');
		await submit(m, 'main form button[type=submit]');
		// Bad input: a message per field in her language, nothing saved.
		expect(await m.textContent('main')).toContain('Нөлдөн жогору баа');
		expect(await m.textContent('main')).toContain('EAN-13');
		await expectAccessible(m);
		await m.fill('input[name=price]', '1500');
		await m.fill('input[name=variant_0_barcode]', '4006381333931');
		await submit(m, 'main form button[type=submit]');
		expect(new URL(m.url()).pathname).toBe('/ky/my-shop/barskoon-felt/products/felt-slippers');

		await m.setInputFiles('input[type=file]', photo);
		await m.fill('#photos input[name=alt_ky]', 'Күрөң кийиз тапочкалар');
		await submit(m, '#photos form[enctype] button[type=submit]');
		expect(await m.locator('#photos img').count()).toBe(1);
		// Her translation, then publish.
		await m.fill('input[name=title_ru]', 'Войлочные тапочки');
		await submit(m, 'section[aria-labelledby=card-h] button[type=submit]');
		await submit(m, 'button[name=status][value=published]');
		expect(await m.textContent('#status-h')).toContain('Жарыяланган');
		await expectAccessible(m);
		await shot(m, 'workspace-product');

		// The buyer, JavaScript off, in Kyrgyz: a misspelled word still finds it.
		const buyerContext = await newContext(browser, { javaScript: false, locale: 'ky-KG' });
		const b = await buyerContext.newPage();
		await b.goto(`${server.url}/ky/shops?q=${encodeURIComponent('тапочкалр')}`);
		// Hers, and the demo felt maker's (labelled demo).
		expect(await b.locator('.shops-card a[href="/ky/shops/barskoon-felt/felt-slippers"]').count()).toBe(1);
		expect(await b.locator('.shops-card .demo').count()).toBe((await b.locator('.shops-card').count()) - 1);
		await expectAccessible(b);
		await shot(b, 'catalogue');
		await submit(b, '.shops-card a[href="/ky/shops/barskoon-felt/felt-slippers"]');
		expect(new URL(b.url()).pathname).toBe('/ky/shops/barskoon-felt/felt-slippers');
		const html = await b.content();
		// The photo is served stripped: no EXIF in the bytes the buyer gets.
		const src = await b.getAttribute('.shops-gallery img', 'src');
		const served = Buffer.from(await (await fetch(`${server.url}${src}`)).arrayBuffer());
		expect((await sharp(served).metadata()).exif).toBeUndefined();
		expect(html).toContain('srcset=');
		expect(await b.textContent('main')).toContain('Онлайн төлөм жок');
		await expectAccessible(b);
		await shot(b, 'product');
		await b.fill('input[name=buyerName]', 'Гүлнара');
		await b.fill('input[name=contact]', '+996 555 000 111');
		await b.fill('input[name=city]', 'Каракол');
		await b.fill('input[name=quantity]', '2');
		await submit(b, '#request button[type=submit]');
		const privateLink = b.url();
		expect(new URL(privateLink).pathname).toMatch(/^\/ky\/shops\/requests\/[0-9a-f-]{36}\.[\w-]{32}$/);
		expect(await b.textContent('.shops-status')).toBe('Жаңы');
		await expectAccessible(b);
		await shot(b, 'private-link');
		// A second submit of the same form (back, send again) makes no second request.
		await b.goBack();
		await submit(b, '#request button[type=submit]');

		// The maker is told (the development outbox) and accepts.
		await expect
			.poll(
				async () => {
					const r = await fetch(`${server.url}/healthz`);
					void r;
					return server.outbox().filter((x) => x.kind === 'mail' && x.to === maker.email).length;
				},
				{ timeout: 90_000, interval: 1000 }
			)
			.toBeGreaterThan(0);
		await m.goto(`${server.url}/ky/my-shop/barskoon-felt/requests`);
		expect(await m.locator('tbody tr').count()).toBe(1);
		await submit(m, 'tbody tr a');
		expect(await m.textContent('main')).toContain('+996 555 000 111');
		await m.fill('textarea[name=note]', 'Бир жумада даяр болот');
		await submit(m, 'button[name=status][value=accepted]');
		expect(await m.textContent('.shops-status')).toBe('Кабыл алынды');
		await expectAccessible(m);
		await shot(m, 'workspace-request');

		// The buyer sees the new status and the note on her private link.
		await b.goto(privateLink);
		expect(await b.textContent('.shops-status')).toBe('Кабыл алынды');
		expect(await b.textContent('main')).toContain('Бир жумада даяр болот');

		// A page that reads Open Graph tags (as Telegram does) shows the title and the 1200×630 photo.
		const page = await (await fetch(`${server.url}/ky/shops/barskoon-felt/felt-slippers`)).text();
		const og = (p: string) => new RegExp(`<meta property="og:${p}" content="([^"]+)"`).exec(page)?.[1];
		expect(og('title')).toBe('Кийиз тапочкалар');
		expect(og('locale')).toBe('ky_KG');
		expect(og('image')).toMatch(/^http.*\/files\/[0-9a-f]{64}\.jpg$/);
		const preview = await buyerContext.newPage();
		await preview.setContent(
			`<article><h1>${og('title')}</h1><img id="og" src="${og('image')}" alt=""></article>`
		);
		await preview.waitForFunction(() => (document.getElementById('og') as HTMLImageElement).complete);
		expect(await preview.textContent('h1')).toBe('Кийиз тапочкалар');
		expect(
			await preview.evaluate(() => (document.getElementById('og') as HTMLImageElement).naturalWidth)
		).toBe(1200);
		expect(
			await preview.evaluate(() => (document.getElementById('og') as HTMLImageElement).naturalHeight)
		).toBe(630);

		// The API shows the same product.
		const api = await (
			await fetch(`${server.url}/api/v1/products?q=${encodeURIComponent('кийиз')}&lang=ky`)
		).json();
		const mine = api.items.find((i: { shop: string }) => i.shop === 'barskoon-felt');
		expect(mine).toMatchObject({ slug: 'felt-slippers', title: 'Кийиз тапочкалар', demo: false });
		expect(mine.url).toBe(`${server.url}/ky/shops/barskoon-felt/felt-slippers`);
		await makerContext.close();
		await buyerContext.close();
	}, 240_000);
});
