import { eq } from 'drizzle-orm';
import { seedRun } from './schema';
import type { ServiceContext } from './context';
import { withDb } from './context';
import type { MessageKey } from '#lib/i18n/messages';
import { log } from '#lib/server/log';

/**
 * A seed: reference data (real, sourced: always) or demo data (labelled demo: only when demo data is
 * on). It runs once per (name, version) inside one transaction; bump the version to re-run it, so
 * seeds must be idempotent (upserts by stable keys).
 */
export interface Seed {
	name: string;
	version: string;
	kind: 'reference' | 'demo';
	run(ctx: ServiceContext): Promise<void>;
}

/** A periodic job (reminders, outbox delivery). Runs in the web process; must be idempotent. */
export interface Job {
	name: string;
	everySeconds: number;
	run(ctx: ServiceContext): Promise<void>;
}

/** An OpenAPI 3.1 path item, as a plain object (the module documents its own endpoints). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** What a module tells the platform about itself. */
export interface ModuleDefinition {
	/** One of the seven domains, or a platform module (core, accounts). */
	name: string;
	/** Shown on the home page; linked when `path` is set (the module has public pages). */
	home?: { title: MessageKey; summary: MessageKey; path?: string };
	seeds?: Seed[];
	jobs?: Job[];
	/** Its part of /api/v1/openapi.json. */
	openapi?: { paths: OpenApiPaths; schemas?: Record<string, unknown> };
}

export async function runSeeds(
	ctx: ServiceContext,
	modules: readonly ModuleDefinition[],
	options: { demo: boolean }
): Promise<string[]> {
	const ran: string[] = [];
	for (const mod of modules) {
		for (const seed of mod.seeds ?? []) {
			if (seed.kind === 'demo' && !options.demo) continue;
			const done = await ctx.db.select().from(seedRun).where(eq(seedRun.name, seed.name));
			if (done[0]?.version === seed.version) continue;
			await ctx.db.transaction(async (tx) => {
				const txCtx = withDb(ctx, tx);
				await seed.run(txCtx);
				await tx
					.insert(seedRun)
					.values({ name: seed.name, version: seed.version, ranAt: ctx.clock() })
					.onConflictDoUpdate({
						target: seedRun.name,
						set: { version: seed.version, ranAt: ctx.clock() }
					});
			});
			log.info('seed applied', { seed: seed.name, version: seed.version });
			ran.push(seed.name);
		}
	}
	return ran;
}

/**
 * Runs every module's jobs on their intervals until stopped. One run of a job at a time; a failing
 * run is logged and retried at the next tick.
 */
export function startJobs(
	makeCtx: () => ServiceContext,
	modules: readonly ModuleDefinition[]
): () => Promise<void> {
	const timers: NodeJS.Timeout[] = [];
	const running = new Set<Promise<void>>();
	for (const mod of modules) {
		for (const job of mod.jobs ?? []) {
			let busy = false;
			const tick = () => {
				if (busy) return;
				busy = true;
				const p = job
					.run(makeCtx())
					.catch((error) => log.error('job failed', { job: job.name, error }))
					.finally(() => {
						busy = false;
						running.delete(p);
					});
				running.add(p);
			};
			const timer = setInterval(tick, job.everySeconds * 1000);
			timer.unref();
			timers.push(timer);
			setTimeout(tick, 5000).unref();
		}
	}
	return async () => {
		timers.forEach(clearInterval);
		await Promise.allSettled([...running]);
	};
}
