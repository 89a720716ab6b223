import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { createDb, rowsOf, type DbHandle } from '#lib/server/db';
import { defineJob, deliverDue, enqueueJob, JobRunner, jobContext } from '#lib/server/core';

/**
 * Many processes on one PostgreSQL: two workers, each with its own connection pool (as two processes
 * have), work the same queue at once. PGlite is one connection in one process, so there is nothing
 * concurrent to test there: this file runs only when DATABASE_URL points at PostgreSQL (CI does).
 */
const url = process.env.DATABASE_URL;

let db: TestDb;
const pools: DbHandle[] = [];
beforeAll(async () => {
	if (!url) return;
	db = await createTestDb();
	const [{ name }] = rowsOf<{ name: string }>(
		await db.handle.db.execute(sql`select current_database() as name`)
	);
	for (let i = 0; i < 2; i++) {
		const u = new URL(url);
		u.pathname = `/${name}`;
		pools.push(await createDb({ url: u.toString() }));
	}
});
afterAll(async () => {
	for (const p of pools) await p.close();
	await db?.close();
});

/** Yields to the event loop, so that the two workers' queries interleave. */
const yieldNow = () => new Promise((resolve) => setImmediate(resolve));

// Skipped without DATABASE_URL: see above (PGlite has a single connection).
describe.skipIf(!url)('two workers on one PostgreSQL', () => {
	it('deliver 1,000 queued notifications with no duplicate and none missing', async () => {
		await db.handle.db.execute(sql`
			insert into core_notification_outbox (channel, recipient, template, locale, dedupe_key)
			select 'email', 'user' || i || '@example.org', 'test.bulk', 'en', 'bulk:' || i
			from generate_series(1, 1000) i`);
		const captured: { worker: number; key: string }[] = [];
		const work = async (worker: number) => {
			const ctx = jobContext(db.platform, pools[worker].db);
			for (;;) {
				const sent = await deliverDue(
					ctx,
					async (message) => {
						await yieldNow();
						captured.push({ worker, key: message.dedupeKey! });
					},
					20,
					{ templatePrefix: 'test.' }
				);
				if (sent === 0) return;
			}
		};
		await Promise.all([work(0), work(1)]);
		const keys = captured.map((c) => c.key);
		expect(keys).toHaveLength(1000);
		expect(new Set(keys).size).toBe(1000);
		expect(captured.some((c) => c.worker === 0) && captured.some((c) => c.worker === 1)).toBe(true);
		const [left] = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_notification_outbox where sent_at is null`
			)
		);
		expect(Number(left.n)).toBe(0);
	});

	it('run 1,000 queued jobs once each, and a scheduled job once per period', async () => {
		const ran: { worker: number; i: number }[] = [];
		const periods: string[] = [];
		const notifyJob = (worker: number) =>
			defineJob({
				name: 'test.notify',
				payload: z.object({ i: z.number().int() }),
				run: async (_ctx, p) => {
					await yieldNow();
					ran.push({ worker, i: p.i });
				}
			});
		const jobsFor = (worker: number) => [
			notifyJob(worker),
			defineJob({
				name: 'test.schedule',
				everySeconds: 3600,
				run: async (_ctx, _p, info) => {
					periods.push(info.key!);
				}
			})
		];
		const ctx = jobContext(db.platform, db.handle.db);
		const notify = notifyJob(-1);
		for (let i = 0; i < 1000; i++) await enqueueJob(ctx, notify, { i }, { key: `n${i}` });
		const runners = [0, 1].map(
			(w) =>
				new JobRunner(() => jobContext(db.platform, pools[w].db), jobsFor(w), {
					workerId: `w${w}`,
					concurrency: 4
				})
		);
		// Each runner ticks until the queue is empty (a tick stops after 100 rounds).
		const work = async (r: JobRunner) => {
			while ((await r.tick()) > 0);
		};
		await Promise.all(runners.map(work));
		const seen = ran.map((r) => r.i);
		expect(seen).toHaveLength(1000);
		expect(new Set(seen).size).toBe(1000);
		expect(ran.some((r) => r.worker === 0) && ran.some((r) => r.worker === 1)).toBe(true);
		expect(periods).toHaveLength(1);
		const [states] = rowsOf<{ done: number; other: number }>(
			await db.handle.db.execute(
				sql`select count(*) filter (where state = 'done')::int as done, count(*) filter (where state <> 'done')::int as other from core_job`
			)
		);
		expect(states).toMatchObject({ done: 1001, other: 0 });
	});
});
