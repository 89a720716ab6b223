import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '#lib/server/db';
import { rowsOf } from '#lib/server/db';
import { log } from '#lib/server/log';
import { ANONYMOUS, createContext, type ServiceContext } from '../context';
import type { Platform } from '../platform';
import { AppError } from '../errors';
import { fieldErrors } from '../validation';

/**
 * Durable jobs: one API for on-demand and scheduled work, one table queue (`core_job`) that is safe
 * with any number of processes on PostgreSQL (rows are claimed with `FOR UPDATE SKIP LOCKED` and held
 * for a lease) and serves the embedded PGlite the same way. A scheduled job is one row per period
 * (`key` = the period's start), so it fires once per period however many runners there are. Runs
 * are at least once: a process that dies mid-job leaves a lease that runs out, and another runner
 * runs the job again — handlers must be idempotent.
 */

export interface JobRetries {
	/** Attempts in all, the first included (default 5). */
	attempts?: number;
	/** Delay before the second attempt; doubles each time (default 30 s). */
	backoffSeconds?: number;
	/** The longest delay between attempts (default 1 h). */
	maxBackoffSeconds?: number;
}

export interface JobRunInfo {
	attempt: number;
	/** The job row's key: the idempotency key, or the period start (ISO) of a scheduled run. */
	key: string | null;
}

export interface JobDefinition<P = Record<string, never>> {
	/** `<module>.<what>`, unique across modules. */
	name: string;
	/** Validates the payload when the job is queued and again when it runs. */
	payload?: z.ZodType<P>;
	/** Scheduled: one run per period of this many seconds (periods start at the Unix epoch). */
	everySeconds?: number;
	retries?: JobRetries;
	/** How long a run may hold its claim without renewing it (renewed while it runs; default 120 s). */
	leaseSeconds?: number;
	run(ctx: ServiceContext, payload: P, info: JobRunInfo): Promise<unknown>;
}

/** A job definition whose payload type is not known here (registry lists, runners). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list holds jobs of every payload type; each validates its own
export type AnyJob = JobDefinition<any>;

export function defineJob<P = Record<string, never>>(job: JobDefinition<P>): JobDefinition<P> {
	if (!/^[a-z][a-z0-9_-]*\.[a-z0-9_.-]+$/.test(job.name)) throw new Error(`bad job name ${job.name}`);
	if (job.everySeconds !== undefined && !(job.everySeconds >= 1)) throw new Error(`bad schedule ${job.name}`);
	return job;
}

/**
 * The context a job handler receives, built the same way in the web process, the worker, the CLI and
 * tests: the platform acting for nobody (anonymous actor: a job that needs rights checks them through
 * the data it is given, never through a user's session), Russian as the default language (a handler
 * that writes to a person uses her language), and the runner's clock.
 */
export function jobContext(platform: Platform, db: Db, clock: () => Date = () => new Date()): ServiceContext {
	return createContext(db, platform, { actor: ANONYMOUS, locale: 'ru', clock });
}

function parsePayload<P>(job: JobDefinition<P>, payload: unknown): P {
	if (!job.payload) return (payload ?? {}) as P;
	const result = job.payload.safeParse(payload ?? {});
	if (!result.success) throw new AppError('INVALID', { fields: fieldErrors(result.error) });
	return result.data;
}

export interface EnqueueOptions {
	/** Same (job, key), one job: a second enqueue returns the first job's id with `created: false`. */
	key?: string;
	runAt?: Date;
}

/**
 * Queues a run of `job` in the caller's transaction (so it is queued only if the change that caused
 * it commits). The payload is validated first: bad input throws INVALID and queues nothing.
 */
export async function enqueueJob<P>(
	ctx: ServiceContext,
	job: JobDefinition<P>,
	payload: P,
	options: EnqueueOptions = {}
): Promise<{ id: number; created: boolean }> {
	const parsed = parsePayload(job, payload);
	const now = ctx.clock();
	const inserted = rowsOf<{ id: number }>(
		await ctx.db.execute(sql`
			insert into core_job (name, key, payload, run_at, max_attempts, created_at)
			values (${job.name}, ${options.key ?? null}, ${JSON.stringify(parsed ?? {})}::jsonb,
				${(options.runAt ?? now).toISOString()}, ${job.retries?.attempts ?? 5}, ${now.toISOString()})
			on conflict (name, key) do nothing
			returning id`)
	);
	if (inserted[0]) return { id: Number(inserted[0].id), created: true };
	const [existing] = rowsOf<{ id: number }>(
		await ctx.db.execute(
			sql`select id from core_job where name = ${job.name} and key = ${options.key ?? null}`
		)
	);
	return { id: Number(existing.id), created: false };
}

/** The start of the period of `everySeconds` that contains `at`. */
export function periodStart(at: Date, everySeconds: number): Date {
	const ms = everySeconds * 1000;
	return new Date(Math.floor(at.getTime() / ms) * ms);
}

export function backoffSeconds(job: AnyJob, attempt: number): number {
	const base = job.retries?.backoffSeconds ?? 30;
	const max = job.retries?.maxBackoffSeconds ?? 3600;
	return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

interface ClaimedRow {
	id: number;
	name: string;
	key: string | null;
	payload: unknown;
	attempts: number;
	max_attempts: number;
}

export interface RunnerOptions {
	/** Identifies this runner in `locked_by` (default: host, pid and a random suffix). */
	workerId?: string;
	/** Jobs run at once by this runner (default 2). */
	concurrency?: number;
}

/**
 * One runner's view of the queue: `tick()` queues the current period of every scheduled job (once per
 * period across processes), then claims and runs due jobs until none is left. The web process and the
 * worker call it on a timer (`startJobs`); tests call it directly with their clock.
 */
export class JobRunner {
	readonly workerId: string;
	private readonly jobs = new Map<string, AnyJob>();
	private readonly concurrency: number;
	private readonly scheduled = new Map<string, number>();
	private halted = false;

	/** Makes a running `tick` return after the jobs it is running (shutdown). */
	halt(): void {
		this.halted = true;
	}

	constructor(
		private readonly makeCtx: () => ServiceContext,
		jobs: readonly AnyJob[],
		options: RunnerOptions = {}
	) {
		for (const j of jobs) {
			if (this.jobs.has(j.name)) throw new Error(`two jobs named ${j.name}`);
			this.jobs.set(j.name, j);
		}
		this.concurrency = Math.max(1, options.concurrency ?? 2);
		this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
	}

	/** Queues the current period's row of each scheduled job (no-op when it exists). */
	async schedule(): Promise<void> {
		const ctx = this.makeCtx();
		const now = ctx.clock();
		for (const j of this.jobs.values()) {
			if (!j.everySeconds) continue;
			const start = periodStart(now, j.everySeconds);
			// This process already queued this period (the insert would be a no-op anyway).
			if (this.scheduled.get(j.name) === start.getTime()) continue;
			const end = new Date(start.getTime() + j.everySeconds * 1000);
			await ctx.db.execute(sql`
				insert into core_job (name, key, payload, run_at, max_attempts, keep_until, created_at)
				values (${j.name}, ${start.toISOString()}, '{}'::jsonb, ${now.toISOString()},
					${j.retries?.attempts ?? 3}, ${end.toISOString()}, ${now.toISOString()})
				on conflict (name, key) do nothing`);
			this.scheduled.set(j.name, start.getTime());
		}
	}

	/** Claims up to `limit` due jobs this runner knows (skipping rows other runners hold). */
	async claim(limit: number): Promise<ClaimedRow[]> {
		const ctx = this.makeCtx();
		const now = ctx.clock();
		const names = [...this.jobs.keys()];
		if (!names.length) return [];
		// A crashed run that used its last attempt is not run again.
		await ctx.db.execute(sql`
			update core_job set state = 'failed', finished_at = ${now.toISOString()}, locked_by = null,
				last_error = coalesce(last_error, 'lease expired')
			where state = 'running' and locked_until < ${now.toISOString()} and attempts >= max_attempts`);
		const lease = new Date(now.getTime() + 120_000);
		const rows = rowsOf<ClaimedRow>(
			await ctx.db.execute(sql`
				update core_job set state = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
					locked_until = ${lease.toISOString()}
				where id in (
					select id from core_job
					where name in (${sql.join(
						names.map((n) => sql`${n}`),
						sql`, `
					)})
						and ((state = 'queued' and run_at <= ${now.toISOString()})
							or (state = 'running' and locked_until < ${now.toISOString()}))
					order by run_at, id
					limit ${limit}
					for update skip locked)
				returning id, name, key, payload, attempts, max_attempts`)
		);
		// Leases per job (the claim above used a default): set each job's own now.
		for (const r of rows) {
			const j = this.jobs.get(r.name)!;
			if (j.leaseSeconds && j.leaseSeconds !== 120) await this.renew(Number(r.id), j, now);
		}
		return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
	}

	private async renew(id: number, j: AnyJob, now = this.makeCtx().clock()): Promise<void> {
		const until = new Date(now.getTime() + (j.leaseSeconds ?? 120) * 1000);
		await this.makeCtx().db.execute(
			sql`update core_job set locked_until = ${until.toISOString()} where id = ${id} and locked_by = ${this.workerId} and state = 'running'`
		);
	}

	/** Runs one claimed job and records the outcome (done, queued again after a backoff, or failed). */
	async runClaimed(row: ClaimedRow): Promise<'done' | 'retry' | 'failed'> {
		const j = this.jobs.get(row.name)!;
		const ctx = this.makeCtx();
		const leaseMs = (j.leaseSeconds ?? 120) * 1000;
		const heartbeat = setInterval(
			() => void this.renew(row.id, j).catch(() => {}),
			Math.max(1000, leaseMs / 3)
		);
		heartbeat.unref();
		try {
			// postgres.js hands jsonb to drizzle's raw queries as text; PGlite parses it.
			const raw = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
			const payload = parsePayload(j, raw);
			await j.run(ctx, payload, { attempt: row.attempts, key: row.key });
			clearInterval(heartbeat);
			await ctx.db.execute(sql`
				update core_job set state = 'done', finished_at = ${ctx.clock().toISOString()},
					locked_until = null, last_error = null
				where id = ${row.id} and locked_by = ${this.workerId}`);
			return 'done';
		} catch (error) {
			clearInterval(heartbeat);
			// The message only: a payload may hold personal data, and is never logged.
			const message = (error instanceof Error ? `${error.name}: ${error.message}` : 'error').slice(0, 500);
			const invalid = error instanceof AppError && error.code === 'INVALID';
			const now = this.makeCtx().clock();
			if (!invalid && row.attempts < row.max_attempts) {
				const next = new Date(now.getTime() + backoffSeconds(j, row.attempts) * 1000);
				await ctx.db.execute(sql`
					update core_job set state = 'queued', run_at = ${next.toISOString()}, locked_by = null,
						locked_until = null, last_error = ${message}
					where id = ${row.id} and locked_by = ${this.workerId}`);
				log.warn('job failed, will retry', { job: row.name, attempt: row.attempts, error: message });
				return 'retry';
			}
			await ctx.db.execute(sql`
				update core_job set state = 'failed', finished_at = ${now.toISOString()},
					locked_until = null, last_error = ${message}
				where id = ${row.id} and locked_by = ${this.workerId}`);
			log.error('job failed', { job: row.name, attempt: row.attempts, error: message });
			return 'failed';
		}
	}

	/** Schedules, then claims and runs due jobs until none is due. Returns how many ran. */
	async tick(maxRounds = 100): Promise<number> {
		await this.schedule();
		let ran = 0;
		for (let round = 0; round < maxRounds && !this.halted; round++) {
			const rows = await this.claim(this.concurrency);
			if (!rows.length) return ran;
			await Promise.all(rows.map((r) => this.runClaimed(r)));
			ran += rows.length;
		}
		return ran;
	}
}

/**
 * Removes finished jobs whose key no longer needs to deduplicate: a scheduled run's row a day after
 * its period ended, other finished or failed rows after `days`.
 */
export async function pruneJobs(ctx: ServiceContext, days = 14): Promise<void> {
	const now = ctx.clock();
	const dayAgo = new Date(now.getTime() - 86400_000).toISOString();
	const cutoff = new Date(now.getTime() - days * 86400_000).toISOString();
	await ctx.db.execute(sql`
		delete from core_job
		where (state = 'done' and keep_until < ${dayAgo})
			or (state in ('done', 'failed') and finished_at < ${cutoff}
				and (keep_until is null or keep_until < ${now.toISOString()}))`);
}

export interface StartJobsOptions extends RunnerOptions {
	/** How often an idle runner looks for work (default 2 s). */
	pollMs?: number;
}

/**
 * Runs `jobs` in this process until stopped: the web process (unless BIRGE_JOBS=off) and
 * `npm run worker`. Returns a stop function that waits for the running tick.
 */
export function startJobs(
	platform: Platform,
	db: Db,
	jobs: readonly AnyJob[],
	options: StartJobsOptions = {}
): { runner: JobRunner; stop: () => Promise<void> } {
	const runner = new JobRunner(() => jobContext(platform, db), jobs, options);
	let stopped = false;
	let current: Promise<unknown> = Promise.resolve();
	let timer: NodeJS.Timeout | undefined;
	const loop = () => {
		if (stopped) return;
		current = runner
			.tick()
			.catch((error) => log.error('job runner failed', { error }))
			.finally(() => {
				if (!stopped) {
					timer = setTimeout(loop, options.pollMs ?? 2000);
					timer.unref();
				}
			});
	};
	// As before jobs moved to the queue: the first look a few seconds after start, off the start-up path.
	timer = setTimeout(loop, 5000);
	timer.unref();
	return {
		runner,
		stop: async () => {
			stopped = true;
			runner.halt();
			clearTimeout(timer);
			await current;
		}
	};
}
