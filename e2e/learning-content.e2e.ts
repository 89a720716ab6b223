import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	browserAvailable,
	expectAccessible,
	newContext,
	signIn,
	setUpTranslator,
	startJourney,
	stopJourney,
	withApp,
	type TestServer
} from './harness';
import ky from '../messages/ky/learning.json';

// Skipped only where Chromium is missing on a developer machine; in CI a missing browser fails (harness).
const run = browserAvailable();
const ADMIN = { email: 'admin@example.org', password: 'platform-admin-2026' };
const TRANSLATOR = { name: 'Айгүл', email: 'translator@example.org', password: 'translator-ky-2026' };
const COURSE = 'business-money';
const LESSON = '02-cash-book';
const QUIZ = `${COURSE}/quiz-1`;

// Issue 18: learning's texts in the translation workspace, and a review there on the lesson page.
describe.skipIf(!run)('learning content in the reader’s language', () => {
	let server: TestServer;
	let browser: Browser;

	beforeAll(async () => {
		({ server, browser } = await startJourney({
			before: (dir) => withApp(dir, (_app, ctx) => setUpTranslator(ctx, TRANSLATOR, 'ky'))
		}));
	});
	afterAll(() => stopJourney(server, browser));

	it('a reviewer marks a lesson reviewed in the workspace, and the lesson page drops its draft note', async () => {
		const context = await newContext(browser, { javaScript: false, locale: 'ky-KG' });
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 800 });
		await page.goto(`${server.url}/ky/learn/${COURSE}/${LESSON}`);
		expect(await page.textContent('main')).toContain(ky.learning_draft_notice);

		await signIn(page, server.url, TRANSLATOR);
		const field = new URLSearchParams({
			to: 'ky',
			entity: 'learning.lesson',
			id: `${COURSE}/${LESSON}`,
			field: 'body'
		});
		await page.goto(`${server.url}/ky/translate?${field}`);
		await Promise.all([page.waitForNavigation(), page.click('form[action^="?/review"] button[type=submit]')]);
		expect(await page.textContent('[role=status]')).toBeTruthy();

		await page.goto(`${server.url}/ky/learn/${COURSE}/${LESSON}`);
		expect(await page.textContent('main')).not.toContain(ky.learning_draft_notice);
		await page.screenshot({ path: '/tmp/learning-lesson-reviewed-360.png', fullPage: true });
		// The next lesson is still a draft and keeps its note.
		await page.goto(`${server.url}/ky/learn/${COURSE}/03-cash-flow`);
		expect(await page.textContent('main')).toContain(ky.learning_draft_notice);
		await context.close();
	});

	it('lists a quiz’s questions and choices in the workspace, and a correction there is what learners read', async () => {
		const context = await newContext(browser, { javaScript: false, locale: 'ky-KG' });
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 800 });
		await signIn(page, server.url, TRANSLATOR);
		const field = new URLSearchParams({
			to: 'ky',
			entity: 'learning.quiz',
			id: QUIZ,
			field: 'questions.q1.prompt'
		});
		await page.goto(`${server.url}/ky/translate?${field}`);
		expect(await page.textContent('main')).toContain('questions.q1.prompt');
		await expectAccessible(page);
		await page.screenshot({ path: '/tmp/learning-quiz-workspace-360.png', fullPage: true });
		await page.fill('#text', 'Текшерилген суроо: бизнестин акчасы кайда?');
		await Promise.all([page.waitForNavigation(), page.click('form[action^="?/review"] button[type=submit]')]);

		await page.goto(`${server.url}/ky/learn/${COURSE}/03-cash-flow`);
		expect(await page.textContent('main')).toContain('Текшерилген суроо: бизнестин акчасы кайда?');
		await context.close();
	});

	it('shows a seeded quiz’s status per language in the quiz editor', async () => {
		const context = await newContext(browser, { javaScript: false, locale: 'en-GB' });
		const page = await context.newPage();
		await page.setViewportSize({ width: 360, height: 800 });
		await signIn(page, server.url, ADMIN);
		await page.goto(`${server.url}/en/learn/author/${COURSE}/03-cash-flow/quiz/quiz-1`);
		const main = (await page.textContent('main')) ?? '';
		expect(main).toContain('machine draft');
		await page.screenshot({ path: '/tmp/learning-quiz-editor-360.png', fullPage: true });
		await context.close();
	});
});
