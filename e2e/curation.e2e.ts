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

const run = browserAvailable();
const COORDINATOR = {
	name: 'Coordinator KG',
	email: 'coordinator.kg@example.org',
	password: 'coordinator-pass-2026'
};
const STAFF = { name: 'Staff KG', email: 'staff.kg@example.org', password: 'issyk-kul-felt-2026' };
const SLUG = 'kg-msme-interest-free-loans';

// Skipped only on a developer machine without Chromium; CI fails instead (see harness).
describe.skipIf(!run)('programs curation journey', () => {
	let server: TestServer;
	let browser: Browser;

	beforeAll(async () => {
		({ server, browser } = await startJourney({
			// A coordinator and an organization's staff member in Kyrgyzstan, set up by the platform admin.
			before: (dir) =>
				withApp(dir, async (_app, ctx) => {
					const admin = await setUpPeople(ctx, [
						{ person: COORDINATOR, role: 'coalition_coordinator', country: 'KG' },
						{ person: STAFF }
					]);
					const { accounts } = await import('#lib/server/modules/accounts');
					const org = await accounts.createOrganization(admin, {
						slug: 'demo-kg-association',
						kind: 'business_association',
						name: { en: 'Demo association' },
						country: 'KG',
						demo: true
					});
					await accounts.addMemberByEmail(admin, {
						organizationId: org.id,
						email: STAFF.email,
						role: 'staff'
					});
				})
		}));
	});
	afterAll(() => stopJourney(server, browser));

	it('a staff edit to a published program waits for the coordinator; the public sees it once published', async () => {
		const publicTitle = async () => {
			const visitor = await newContext(browser, { javaScript: false });
			const page = await visitor.newPage();
			await page.goto(`${server.url}/en/programs/${SLUG}`);
			const title = await page.textContent('h1');
			await visitor.close();
			return title?.trim();
		};
		const before = await publicTitle();
		expect(before).toBeTruthy();

		// Staff, JavaScript off: the edit is saved as a revision.
		const staff = await (await newContext(browser, { javaScript: false })).newPage();
		await signIn(staff, server.url, STAFF);
		await staff.goto(`${server.url}/en/programs/curate/${SLUG}`);
		await staff.fill('input[name="title_en"]', 'Interest-free loans (edited)');
		await Promise.all([
			staff.waitForURL(/done=revision$/),
			staff.click('form[action="?/save"] button[type=submit]')
		]);
		expect(await staff.textContent('main')).toContain('Your changes are saved and wait for review');
		expect(await staff.textContent('main')).toContain('Changes by Staff KG');
		expect(await staff.locator('form[action="?/publishRevision"]').count()).toBe(0);
		expect(await staff.inputValue('input[name="title_en"]')).toBe('Interest-free loans (edited)');
		await expectAccessible(staff);
		expect(await publicTitle()).toBe(before);

		// The coordinator, JavaScript on: the curation list flags it; she publishes the changes.
		const coordinator = await (await newContext(browser, { javaScript: true })).newPage();
		await signIn(coordinator, server.url, COORDINATOR);
		await coordinator.goto(`${server.url}/en/programs/curate?state=in_review`);
		expect(await coordinator.textContent('main')).toContain('changes waiting for review');
		await expectAccessible(coordinator);
		await coordinator.goto(`${server.url}/en/programs/curate/${SLUG}`);
		await Promise.all([
			coordinator.waitForURL(/done=revision_published$/),
			coordinator.click('form[action="?/publishRevision"] button')
		]);
		expect(await coordinator.textContent('main')).toContain('The changes are published.');
		await expectAccessible(coordinator);
		expect(await publicTitle()).toBe('Interest-free loans (edited)');
	});
});
