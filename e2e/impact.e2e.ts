import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	expectAccessible,
	newContext,
	setUpPeople,
	signIn,
	startJourney,
	stopJourney,
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

const SURVEY = [
	'type,name,label::en,label::ru,required',
	'select_one agree,q_voice,A woman can run a business,Женщина может вести бизнес,yes'
].join('\n');
const CHOICES = [
	'list_name,name,label::en,label::ru',
	...['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'].map(
		(l, i) => `agree,${i + 1},${l},${l}`
	)
].join('\n');

describe.skipIf(!run)('impact journey', () => {
	let server: TestServer;
	let browser: Browser;

	beforeAll(async () => {
		({ server, browser } = await startJourney({
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
		}));
	});
	afterAll(() => stopJourney(server, browser));

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
	}, 180_000);

	it('a story made on the page; a survey imported, answered on the web form and by an enumerator, its result suppressed under 5', async () => {
		const aContext = await newContext(browser, { javaScript: false });
		const a = await aContext.newPage();
		await signIn(a, server.url, FIRST);

		// A story: a featured person without consent is refused, with the message beside her row.
		await a.goto(server.url + '/en/impact/manage/stories');
		await expectAccessible(a);
		await a.selectOption('#f-kind', 'success_story');
		await a.fill('#f-title-en', 'The greenhouse in Naryn');
		await a.fill('#f-title-ru', 'Теплица в Нарыне');
		await a.fill('#f-date', '2026-10-05');
		await a.check('input[name="channels"][value="telegram"]');
		await a.fill('#f-people-0-name', 'Gulnara');
		await a.fill('#f-people-1-name', 'Her sister');
		await a.check('input[name="people.1.consent"]');
		await a.click('form.impact-story-form button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('consent');
		expect(await a.inputValue('#f-title-en')).toBe('The greenhouse in Naryn');
		await a.check('input[name="people.0.consent"]');
		await a.check('input[name="people.0.public"]');
		await a.click('form.impact-story-form button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('The story is saved.');
		const visitor = await newContext(browser, { javaScript: false });
		const pub = await visitor.newPage();
		await pub.goto(server.url + '/en/stories?channel=telegram');
		const stories = (await pub.textContent('main'))!;
		expect(stories).toContain('The greenhouse in Naryn');
		expect(stories).toContain('Gulnara');
		expect(stories).not.toContain('Her sister');

		// A survey: an XLSForm with skip logic is refused with the row and column; a plain one imports.
		await a.goto(server.url + '/en/impact/manage/surveys');
		await expectAccessible(a);
		const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
		await a.fill('#s-slug', 'voice-e2e');
		await a.setInputFiles(
			'#s-survey',
			csv('survey.csv', SURVEY.replace('required', 'required,relevant') + ',${x} = 1')
		);
		await a.setInputFiles('#s-choices', csv('choices.csv', CHOICES));
		await a.click('form[action="?/import"] button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('relevant is not supported by Birge');
		await a.setInputFiles('#s-survey', csv('survey.csv', SURVEY));
		await a.setInputFiles('#s-choices', csv('choices.csv', CHOICES));
		await a.click('form[action="?/import"] button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('The survey is imported.');
		await a.selectOption('#w-country', 'KG');
		await a.selectOption('#w-kind', 'baseline');
		await a.click('form[action="?/wave"] button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('The wave is open.');

		// An enumerator enters three respondents in a row, one empty form after another.
		await a.click('text=enter answers (enumerator)');
		await expectAccessible(a);
		for (const [i, v] of ['4', '5', '4'].entries()) {
			expect(await a.textContent('main')).toContain(`Respondent ${i + 1}`);
			await a.check(`input[name="q_voice"][value="${v}"]`);
			await a.click('main form button[type="submit"]');
			await expect
				.poll(() => a.textContent('main'))
				.toContain(`Respondents you have entered in this wave: ${i + 1}`);
		}
		const enumerator = a.url();

		// A woman answers on the public form, without JavaScript; a missing answer is named first.
		await a.goto(server.url + '/en/impact/manage/surveys');
		const formUrl = await a.getAttribute('a:text("public form")', 'href');
		await pub.goto(server.url + formUrl);
		await expectAccessible(pub);
		await pub.click('main form button[type="submit"]');
		await expect.poll(async () => (await pub.textContent('main'))?.toLowerCase()).toContain('required');
		await pub.check('input[name="q_voice"][value="2"]');
		await pub.click('main form button[type="submit"]');
		await expect.poll(() => pub.textContent('main')).toContain('your answers were saved');

		// Four respondents: the public result is suppressed; her own screen shows the counts.
		const resultsUrl = await a.getAttribute('a:text("public results")', 'href');
		await pub.goto(server.url + resultsUrl);
		await expectAccessible(pub);
		const hidden = (await pub.textContent('main'))!;
		expect(hidden).toContain('Respondents: fewer than 5 (hidden)');
		expect(hidden).not.toMatch(/mean \d/);
		await a.click('a:text("your screen, not suppressed")');
		await expectAccessible(a);
		const own = (await a.textContent('main'))!;
		expect(own).toContain('Respondents: 4');
		expect(own).toContain('mean 3.75');

		// A fifth respondent: n is shown publicly; the options under 5 stay hidden.
		await a.goto(enumerator);
		await a.check('input[name="q_voice"][value="5"]');
		await a.click('main form button[type="submit"]');
		await expect.poll(() => a.textContent('main')).toContain('Respondents you have entered in this wave: 4');
		await pub.goto(server.url + resultsUrl + '&fresh=1');
		const shown = (await pub.textContent('main'))!;
		expect(shown).toContain('Respondents: 5');
		expect(shown).toContain('mean 4');
		expect(await pub.locator('td:text("fewer than 5")').count()).toBeGreaterThan(0);
	}, 180_000);
});
