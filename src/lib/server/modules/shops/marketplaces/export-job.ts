import { z } from 'zod';
import { defineJob } from '../../../core';

/**
 * The export job, light on purpose: shops/index.ts lists it at every start, and the export layer
 * (clients, formats, exceljs) loads only when a run actually runs.
 */
/** Attempts of one run; the last one that cannot reach the host fails the run (runs.ts). */
export const EXPORT_ATTEMPTS = 3;

export const marketplaceExportJob = defineJob({
	name: 'shops.marketplace-export',
	payload: z.object({ runId: z.string().min(1).max(64) }),
	retries: { attempts: EXPORT_ATTEMPTS, backoffSeconds: 60 },
	leaseSeconds: 600,
	async run(ctx, { runId }, { attempt }) {
		const { runExport } = await import('./runs');
		return runExport(ctx, runId, attempt);
	}
});

/**
 * The follow-up of a Wildberries run, scheduled after it in rounds that wait longer each time
 * (followup.ts, `FOLLOWUP_DELAYS_SECONDS`): cards waiting for their nmID are looked up again (and get
 * their photos and price once found), and sent prices are matched to the prices task's outcome.
 */
export const marketplaceFollowupJob = defineJob({
	name: 'shops.marketplace-followup',
	payload: z.object({ runId: z.string().min(1).max(64), round: z.number().int().min(0).max(20) }),
	retries: { attempts: 3, backoffSeconds: 120 },
	leaseSeconds: 600,
	async run(ctx, { runId, round }) {
		const { runFollowup } = await import('./followup');
		return runFollowup(ctx, runId, round);
	}
});
