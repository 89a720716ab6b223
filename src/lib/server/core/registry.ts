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

/** What a module tells the platform about itself. */
export interface ModuleDefinition {
	/** One of the seven domains, or a platform module (core, accounts). */
	name: string;
	/** Shown on the home page; linked when `path` is set (the module has public pages). */
	home?: { title: MessageKey; summary: MessageKey; path?: string };
	seeds?: Seed[];
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
