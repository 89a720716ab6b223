import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { rowsOf } from '#lib/server/db';
import {
	defineJob,
	enqueueJob,
	JobRunner,
	jobContext,
	periodStart,
	pruneJobs,
	type AnyJob
} from '#lib/server/core';

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => db?.close());

/** A clock the test moves by hand. */
function manualClock(start: string) {
	let now = new Date(start).getTime();
	return {
		clock: () => new Date(now),
		advance: (seconds: number) => {
			now += seconds * 1000;
		}
	};
}

function runner(jobs: AnyJob[], clock: () => Date, workerId = 'w1') {
	return new JobRunner(() => jobContext(db.platform, db.handle.db, clock), jobs, { workerId });
}

async function jobRow(id: number) {
	const [row] = rowsOf<{ state: string; attempts: number; run_at: string | Date; last_error: string | null }>(
		await db.handle.db.execute(sql`select state, attempts, run_at, last_error from core_job where id = ${id}`)
	);
	return { ...row, attempts: Number(row.attempts), runAt: new Date(row.run_at) };
}

describe('jobs', () => {
	it('validates the payload when queued: bad input queues nothing', async () => {
		const job = defineJob({
			name: 'test.validated',
			payload: z.object({ programId: z.string().min(1) }),
			run: async () => {}
		});
		const ctx = jobContext(db.platform, db.handle.db);
		await expect(enqueueJob(ctx, job, { programId: '' })).rejects.toMatchObject({ code: 'INVALID' });
		const [n] = rowsOf<{ n: number }>(
			await db.handle.db.execute(sql`select count(*)::int as n from core_job where name = 'test.validated'`)
		);
		expect(Number(n.n)).toBe(0);
	});

	it('retries a failing job with a doubling backoff, then gives up', async () => {
		const t = manualClock('2026-03-01T10:00:00Z');
		let calls = 0;
		const job = defineJob({
			name: 'test.flaky',
			payload: z.object({ n: z.number() }),
			retries: { attempts: 3, backoffSeconds: 10 },
			run: async (_ctx, payload) => {
				calls++;
				expect(payload.n).toBe(7);
				throw new Error('upstream down');
			}
		});
		const r = runner([job], t.clock);
		const { id } = await enqueueJob(jobContext(db.platform, db.handle.db, t.clock), job, { n: 7 });
		expect(await r.tick()).toBe(1);
		let row = await jobRow(id);
		expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error: 'Error: upstream down' });
		expect(row.runAt.toISOString()).toBe('2026-03-01T10:00:10.000Z');
		t.advance(9);
		expect(await r.tick(), 'not due before its backoff').toBe(0);
		t.advance(1);
		expect(await r.tick()).toBe(1);
		row = await jobRow(id);
		expect(row).toMatchObject({ state: 'queued', attempts: 2 });
		expect(row.runAt.toISOString()).toBe('2026-03-01T10:00:30.000Z');
		t.advance(20);
		expect(await r.tick()).toBe(1);
		expect(await jobRow(id)).toMatchObject({ state: 'failed', attempts: 3 });
		t.advance(3600);
		expect(await r.tick()).toBe(0);
		expect(calls).toBe(3);
	});

	it('succeeds on a retry and records no error', async () => {
		const t = manualClock('2026-03-02T10:00:00Z');
		let calls = 0;
		const job = defineJob({
			name: 'test.second-time',
			retries: { backoffSeconds: 1 },
			run: async () => {
				if (++calls === 1) throw new Error('once');
			}
		});
		const r = runner([job], t.clock);
		const { id } = await enqueueJob(jobContext(db.platform, db.handle.db, t.clock), job, {});
		await r.tick();
		t.advance(1);
		await r.tick();
		expect(await jobRow(id)).toMatchObject({ state: 'done', attempts: 2, last_error: null });
	});

	it('deduplicates by idempotency key: one job, run once', async () => {
		const t = manualClock('2026-03-03T10:00:00Z');
		const seen: string[] = [];
		const job = defineJob({
			name: 'test.keyed',
			payload: z.object({ to: z.string() }),
			run: async (_ctx, p) => {
				seen.push(p.to);
			}
		});
		const ctx = jobContext(db.platform, db.handle.db, t.clock);
		const a = await enqueueJob(ctx, job, { to: 'first' }, { key: 'welcome:u1' });
		const b = await enqueueJob(ctx, job, { to: 'second' }, { key: 'welcome:u1' });
		const c = await enqueueJob(ctx, job, { to: 'other' }, { key: 'welcome:u2' });
		expect(a.created).toBe(true);
		expect(b).toEqual({ id: a.id, created: false });
		expect(c.created).toBe(true);
		await runner([job], t.clock).tick();
		expect(seen.sort()).toEqual(['first', 'other']);
		// Still deduplicated after it ran.
		expect((await enqueueJob(ctx, job, { to: 'third' }, { key: 'welcome:u1' })).created).toBe(false);
	});

	it('fires a scheduled job once per period, whatever the number of runners and ticks', async () => {
		const t = manualClock('2026-03-04T10:00:00Z');
		const periods: (string | null)[] = [];
		const job = defineJob({
			name: 'test.hourly',
			everySeconds: 3600,
			run: async (_ctx, _p, info) => {
				periods.push(info.key);
			}
		});
		const a = runner([job], t.clock, 'a');
		const b = runner([job], t.clock, 'b');
		await a.tick();
		await b.tick();
		await a.tick();
		t.advance(1800);
		await b.tick();
		await a.tick();
		expect(periods).toEqual(['2026-03-04T10:00:00.000Z']);
		t.advance(1800);
		await b.tick();
		await a.tick();
		t.advance(3600 * 3);
		await a.tick();
		await b.tick();
		// Periods with no tick (11:00–12:59 here) are not caught up: a schedule is "at most once per period".
		expect(periods).toEqual([
			'2026-03-04T10:00:00.000Z',
			'2026-03-04T11:00:00.000Z',
			'2026-03-04T14:00:00.000Z'
		]);
	});

	it('keeps a scheduled period row until the period ends, so pruning cannot make it fire twice', async () => {
		// The start of a 30-day period (periods count from the Unix epoch).
		const t = manualClock(periodStart(new Date('2026-04-01T00:00:00Z'), 30 * 86400).toISOString());
		let runs = 0;
		const job = defineJob({ name: 'test.monthly', everySeconds: 30 * 86400, run: async () => void runs++ });
		await runner([job], t.clock).tick();
		t.advance(20 * 86400);
		await pruneJobs(jobContext(db.platform, db.handle.db, t.clock), 14);
		await runner([job], t.clock, 'fresh process').tick();
		expect(runs).toBe(1);
	});

	it('runs a job again when the runner that claimed it died (its lease ran out)', async () => {
		const t = manualClock('2026-03-05T10:00:00Z');
		const ran: string[] = [];
		const job = defineJob({
			name: 'test.crash',
			leaseSeconds: 60,
			run: async (ctx) => {
				ran.push(ctx.clock().toISOString());
			}
		});
		const { id } = await enqueueJob(jobContext(db.platform, db.handle.db, t.clock), job, {});
		const dead = runner([job], t.clock, 'dead');
		const claimed = await dead.claim(1);
		expect(claimed.map((c) => c.id)).toEqual([id]);
		// The dead runner never finishes; another runner skips the row while the lease holds.
		const alive = runner([job], t.clock, 'alive');
		t.advance(59);
		expect(await alive.tick()).toBe(0);
		t.advance(2);
		expect(await alive.tick()).toBe(1);
		expect(ran).toEqual(['2026-03-05T10:01:01.000Z']);
		expect(await jobRow(id)).toMatchObject({ state: 'done', attempts: 2 });
		// The dead runner's late completion cannot overwrite what the live one recorded (a finished row
		// keeps who ran it).
		expect(await dead.runClaimed(claimed[0])).toBe('done');
		const [row] = rowsOf<{ locked_by: string | null }>(
			await db.handle.db.execute(sql`select locked_by from core_job where id = ${id}`)
		);
		expect(row.locked_by).toBe('alive');
	});

	it('fails a payload that no longer validates without retrying it', async () => {
		const t = manualClock('2026-03-06T10:00:00Z');
		const job = defineJob({
			name: 'test.schema-changed',
			payload: z.object({ count: z.number() }),
			run: async () => {}
		});
		await db.handle.db.execute(
			sql`insert into core_job (name, payload, run_at) values ('test.schema-changed', '{"count":"x"}'::jsonb, ${t.clock().toISOString()})`
		);
		await runner([job], t.clock).tick();
		const [row] = rowsOf<{ state: string; attempts: number }>(
			await db.handle.db.execute(sql`select state, attempts from core_job where name = 'test.schema-changed'`)
		);
		expect(row).toMatchObject({ state: 'failed' });
		expect(Number(row.attempts)).toBe(1);
	});
});
