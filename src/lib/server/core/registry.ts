import { eq } from 'drizzle-orm';
import { seedRun } from './schema';
import type { ServiceContext } from './context';
import { withDb } from './context';
import type { MessageKey } from '#lib/i18n/messages';
import { log } from '#lib/server/log';
import type { AnyJob } from './jobs';
import type { DueForReview, IndicatorDefinition } from './indicators';
import type { EncryptedField } from './crypto';
import type { TranslatableEntity } from './translation/registry';

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

/**
 * A job (core/jobs): on demand (`enqueueJob`) or scheduled (`everySeconds`: once per period across
 * every process). Runs at least once, so it must be idempotent.
 */
export type Job = AnyJob;

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
	/** What the module counts, for dashboards and reports (core/indicators); read through snapshots. */
	indicators?: IndicatorDefinition[];
	/** What needs re-checking by staff (one queue across modules); filtered by the actor's rights. */
	dueForReview?: DueForReview;
	/** Columns holding values encrypted with core/crypto, re-encrypted by `birge rotate-secret`. */
	encryptedFields?: EncryptedField[];
	/** Its per-locale content (translation drafts, provenance, the translation workspace). */
	translatable?: TranslatableEntity[];
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
