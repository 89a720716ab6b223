import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import { memorySender } from '#lib/server/modules/accounts';
import { deliverReminders } from './jobs';
import type { TestDb } from '#lib/server/testing';
import { programs } from './index';
import { openProgramsDb, programsActors } from './testing';

// Saved programs, reminders and the calendar feed (split from the former programs.integration.spec.ts; shared set-up in ./testing.ts).
let db: TestDb;
beforeAll(async () => {
	db = await openProgramsDb();
});
afterAll(async () => db?.close());
const { anon, entrepreneur, kgCoordinator } = programsActors(() => db);

describe('saved programs, reminders and the calendar feed', () => {
	it('queues reminders 14 and 3 days before a deadline, once each, and delivers them', async () => {
		const coord = kgCoordinator();
		await programs.createProgram(coord, {
			slug: 'demo-deadline-grant',
			country: 'KG',
			kinds: ['grant'],
			status: 'open',
			title: { en: 'Demo grant with a deadline', ru: 'Демо-грант со сроком' },
			deadlines: { rolling: false, dates: [{ date: '2026-12-10' }] }
		});
		await programs.publishProgram(coord, 'demo-deadline-grant');
		const user = entrepreneur();
		await programs.saveProgram(user, 'demo-deadline-grant');
		const count = async () =>
			Number(
				rowsOf<{ n: number }>(
					await db.handle.db.execute(
						sql`select count(*)::int as n from core_notification_outbox where template = 'programs.reminder'`
					)
				)[0].n
			);
		expect(await count()).toBe(0); // 18 days before: nothing yet
		const at = (d: string) => db.ctx({ now: new Date(`${d}T08:00:00Z`) });
		await programs.queueReminders(at('2026-11-26')); // 14 days before
		await programs.queueReminders(at('2026-11-27'));
		expect(await count()).toBe(1);
		await programs.queueReminders(at('2026-12-07')); // 3 days before
		await programs.queueReminders(at('2026-12-08'));
		expect(await count()).toBe(2);
		const sender = memorySender();
		const sent = await deliverReminders(at('2026-12-08'), sender, 'http://localhost');
		expect(sent).toBe(2);
		expect(sender.mail[0].to).toBe('u-ent@example.org');
		expect(sender.mail[0].text).toContain('/ru/programs/demo-deadline-grant');
		expect(await deliverReminders(at('2026-12-08'), sender, 'http://localhost')).toBe(0);
	});

	it('sorts by deadline: upcoming soonest first, then past ones, then programs without a date', async () => {
		const coord = kgCoordinator();
		for (const [slug, date] of [
			['demo-sort-past', '2026-10-01'],
			['demo-sort-late', '2027-03-01'],
			['demo-sort-soon', '2026-11-30']
		] as const) {
			await programs.createProgram(coord, {
				slug,
				country: 'KG',
				kinds: ['subsidy'],
				status: 'open',
				title: { en: `Demo ${slug}` },
				deadlines: { rolling: false, dates: [{ date }] }
			});
			await programs.publishProgram(coord, slug);
		}
		const result = await programs.findPrograms(anon(), { kind: 'subsidy', country: 'KG', sort: 'deadline' });
		const order = result.items.map((i) => i.slug);
		const at = (slug: string) => order.indexOf(slug);
		expect(at('demo-sort-soon')).toBeLessThan(at('demo-sort-late'));
		expect(at('demo-sort-late')).toBeLessThan(at('demo-sort-past'));
		const undated = result.items.filter((i) => !i.lastDeadline).map((i) => at(i.slug));
		for (const position of undated) expect(position).toBeGreaterThan(at('demo-sort-past'));
		expect(result.total).toBe(order.length);
	});

	it('serves her saved deadlines as iCalendar under a private token', async () => {
		const user = entrepreneur();
		const token = await programs.feedToken(user);
		const ics = await programs.calendarFeed(anon('ru'), token, 'http://localhost');
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('DTSTART;VALUE=DATE:20261210');
		expect(ics).toContain('Демо-грант со сроком');
		expect(await programs.calendarFeed(anon(), 'x'.repeat(32), 'http://localhost')).toBeNull();
		const rotated = await programs.feedToken(user, { rotate: true });
		expect(rotated).not.toBe(token);
		expect(await programs.calendarFeed(anon(), token, 'http://localhost')).toBeNull();
	});
});
