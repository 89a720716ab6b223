export * from './context';
export * from './platform';
export * from './sender';
export * from './errors';
export * from './access';
export * from './audit';
export * from './text';
export * from './validation';
export * from './registry';
export * from './rate-limit';
export * from './idempotency';
export * from './outbox';
export * from './csv';
export * from './jobs';
export * from './indicators';
export { dataVersion } from './data-version';
export * from './crypto';
export * as reference from './reference';
export * as search from './search';
export * from './translation';
import { sql } from 'drizzle-orm';
import type { ModuleDefinition } from './registry';
import { referenceSeed } from './reference/seed';
import { defineJob, pruneJobs } from './jobs';
import { pruneRateLimits } from './rate-limit';
import { avifJob } from './images';
import { hsdsOpenApi } from './hsds';

/** Daily: finished jobs past their retention, expired rate-limit counters. */
const pruneJob = defineJob({
	name: 'core.prune',
	everySeconds: 86400,
	async run(ctx) {
		await pruneJobs(ctx);
		await pruneRateLimits(ctx);
	}
});

/** Every ten minutes: the data-version log shrinks to its last row (the version changes, once). */
const pruneDataChangesJob = defineJob({
	name: 'core.prune-data-changes',
	everySeconds: 600,
	async run(ctx) {
		await ctx.db.execute(
			sql`delete from core_data_change where txid < (select max(txid) from core_data_change)`
		);
	}
});

export const coreModule: ModuleDefinition = {
	name: 'core',
	seeds: [referenceSeed],
	jobs: [pruneJob, avifJob, pruneDataChangesJob],
	openapi: hsdsOpenApi
};

/** The seven domains Birge is built around, in the order the home page presents them. */
export const DOMAINS = [
	'programs',
	'learning',
	'shops',
	'production',
	'coalitions',
	'care',
	'impact'
] as const;
export type Domain = (typeof DOMAINS)[number];
export { moduleJobs } from './jobs/modules';
export * from './hsds';
