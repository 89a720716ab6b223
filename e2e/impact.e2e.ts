import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	expectAccessible,
	launchBrowser,
	newContext,
	setUpPeople,
	signIn,
	startServer,
	withApp,
	type TestServer
} from './harness';

// Skipped only where Chromium is missing on a developer machine; in CI a missing browser fails (harness).
const run = browserAvailable();
const FIRST = { name: 'Coordinator A', email: 'coord.a@example.org', password: 'coordinator-a-2026' };
const SECOND = { name: 'Coordinator B', email: 'coord.b@example.org', password: 'coordinator-b-2026' };

const REACH_CSV = [
	'Канал,country,period,reach,impressions,source',
	'facebook,KG,2026-10,1200,5000,Meta Business Suite export',
	'radio,KG,2026-10,30000,,Broadcaster estimate'
].join('\n');

describe.skipIf(!run)('impact journey', () => {
	let server: TestServer;
	let browser: Browser;

	beforeAll(async () => {
		server = await startServer({
			before: (dir) =>
				withApp(dir, async (_app, ctx) => {
					const admin = await setUpPeople(ctx, [
						{ person: FIRST, role: 'coalition_coordinator', country: 'KG' },
						{ person: SECOND, role: 'coalition_coordinator', country: 'KG' }
					]);
					const { impact } = await import('#lib/server/modules/impact');
					const { id: resultId } = await impact.createResult(admin, {
						title: {
							en: 'Women use finance',
							ru: 'Женщины пользуются финансами',
							ky: 'Аялдар каржыны колдонот'
						}
					});
					await impact.createIndicator(admin, {
						resultId,
						title: {
							en: 'Women trained in financial literacy',
							ru: 'Женщины, обученные финансовой грамотности',
							ky: 'Каржылык сабаттуулукка окутулган аялдар'
						},
						unit: 'people',
						numericType: 'integer',
						direction: 'increase',
						dimensions: ['urban_rural', 'disability']
					});
				})
		});
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('reach CSV → a value with a breakdown → a second coordinator approves → public in Russian and Kyrgyz → XLSX and PDF', async () => {
		// A fresh install shows the initiative's reach as reported.
		const visitor = await newContext(browser, { javaScript: false });
		const pub = await visitor.newPage();
		await pub.goto(server.url + '/en/impact');
		expect(await pub.textContent('main')).toContain('5,000,000');
		expect(await pub.textContent('main')).toContain('not deduplicated');
		expect(await pub.locator('svg.impact-chart title').first().textContent()).toBe('Reach by channel');
		await expectAccessible(pub);

		// 1. The first coordinator imports reach from a CSV with a column mapping.
		const aContext = await newContext(browser, { javaScript: false });
		const a = await aContext.newPage();
		await signIn(a, server.url, FIRST);
		await a.goto(server.url + '/en/impact/manage/reach');
		await expectAccessible(a);
		await a.fill('#csv', REACH_CSV);
		await a.fill('#map-channel', 'Канал');
		await a.click('form[action="?/check"] button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('2 rows are ready to import');
		await a.click('form[action="?/apply"] button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('2 rows imported');

		// 2. She enters a value with a breakdown.
		await a.goto(server.url + '/en/impact/manage/value');
		await expectAccessible(a);
		await a.fill('#period', '2026');
		await a.fill('#total', 'N/A');
		await a.fill('#evidence', 'Course completion lists');
		await a.click('main button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('“N/A” or text is not a number');
		await a.fill('#total', '212');
		await a.fill('#parts-urban_rural', 'urban: 120\nrural: 92');
		await a.click('main button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('it waits for a second coordinator');
		await a.goto(server.url + '/en/impact/manage');
		expect(await a.textContent('main')).toContain('You entered this value');
		expect(await a.locator('button[value="approve"]').count()).toBe(0);

		// 3. The second coordinator approves.
		const bContext = await newContext(browser, { javaScript: false });
		const b = await bContext.newPage();
		await signIn(b, server.url, SECOND);
		await b.goto(server.url + '/en/impact/manage');
		await expectAccessible(b);
		await b.click('button[value="approve"]');
		await expect.poll(() => b.textContent('main')).toContain('Decision saved');

		// 4. The public sees it, in Russian and in Kyrgyz; the breakdown nobody gave is "not available".
		await pub.goto(server.url + '/ru/impact');
		const ru = (await pub.textContent('main'))!;
		expect(ru).toContain('Женщины, обученные финансовой грамотности');
		expect(ru).toContain('212');
		expect(ru).toContain('Город или село · rural: 92');
		expect(ru).toContain('Инвалидность: нет данных');
		expect(ru).toMatch(/1\s200/);
		await expectAccessible(pub);
		await pub.goto(server.url + '/ky/impact');
		const ky = (await pub.textContent('main'))!;
		expect(ky).toContain('Каржылык сабаттуулукка окутулган аялдар');
		expect(ky).toContain('Шаар же айыл · urban: 120');
		await expectAccessible(pub);

		// 5. The reports download.
		const xlsx = await visitor.request.get(server.url + '/ru/impact/report.xlsx?country=KG');
		expect(xlsx.status()).toBe(200);
		expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
		expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
		const pdf = await visitor.request.get(server.url + '/ky/impact/report.pdf?country=KG');
		expect(pdf.status()).toBe(200);
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

		// The API answers the same approved figures; the IATI file needs the configured organisation.
		const api = await visitor.request.get(server.url + '/api/v1/impact/indicators?country=KG');
		const body = (await api.json()) as { indicators: { rows: { total: { value: number } }[] }[] };
		expect(body.indicators.flatMap((i) => i.rows.map((r) => r.total.value))).toContain(212);
		expect((await visitor.request.get(server.url + '/api/v1/impact/iati?country=KG')).status()).toBe(409);

		// Stories page answers with its filters.
		await pub.goto(server.url + '/en/stories?kind=video');
		expect(await pub.textContent('main')).toContain('No stories match');
		await expectAccessible(pub);
	});
});
