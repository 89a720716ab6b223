import { asc, eq } from 'drizzle-orm';
import { enqueueJob, type ServiceContext } from '../../../core';
import { productById, shopById, type ProductRow } from '../queries';
import type { ExportResult, StepOutcome } from './client';
import type { PriceTaskOutcome, WildberriesClient } from './client-wildberries';
import { clientFor } from './accounts';
import { marketplaceFollowupJob } from './export-job';
import { LISTING_CURRENCIES } from './listings';
import { accountOf, cardsFor } from './product-card';
import { exportFollowup, exportResult, exportRun } from './schema';
import { sendWildberriesMediaAndPrices } from './wildberries-after';
import { recordSentPrice, restoreHeldPrice } from './sent-price';

/**
 * What follows a Wildberries run by itself (docs/marketplaces.md §The follow-up): a card that had no
 * nmID yet is looked up again and, once found, gets its photos and price; a price sent is matched to
 * the prices task's outcome (`/api/v2/history/tasks`, then `/api/v2/history/goods/task` for the goods
 * with errors): accepted, or held with Wildberries' own words (the price quarantine…). Rounds wait
 * longer each time and stop after the last (bounded); each outcome is a new row of the append-only
 * `shops_export_followup`, the newest per step being the step's outcome.
 */

/** The waits before each round (seconds): about 80 minutes in all, then the page says export again. */
export const FOLLOWUP_DELAYS_SECONDS = [60, 120, 300, 600, 1200, 2400] as const;

/** Queues round `round` of a run's follow-up; false when the rounds are used up. */
export async function scheduleFollowup(ctx: ServiceContext, runId: string, round: number): Promise<boolean> {
	const delay = FOLLOWUP_DELAYS_SECONDS[round];
	if (delay === undefined) return false;
	await enqueueJob(
		ctx,
		marketplaceFollowupJob,
		{ runId, round },
		{ key: `${runId}:followup:${round}`, runAt: new Date(ctx.clock().getTime() + delay * 1000) }
	);
	return true;
}

/** Whether a step still has something to learn: a card without its nmID, or a price task not read yet. */
export function isOpen(step: StepOutcome | null | undefined): boolean {
	return !!step && (step.state === 'waiting' || (step.state === 'sent' && !!step.taskIds?.length));
}

export interface RunSteps {
	productId: string;
	offerIds: string[];
	media: StepOutcome | null;
	price: StepOutcome | null;
}

/** Each result of a run with its photos and price as they stand now (the newest follow-up wins). */
export async function runSteps(ctx: ServiceContext, runId: string): Promise<RunSteps[]> {
	const results = await ctx.db
		.select()
		.from(exportResult)
		.where(eq(exportResult.runId, runId))
		.orderBy(asc(exportResult.id));
	const later = await ctx.db
		.select()
		.from(exportFollowup)
		.where(eq(exportFollowup.runId, runId))
		.orderBy(asc(exportFollowup.id));
	return results.map((r) => {
		const steps: RunSteps = { productId: r.productId, offerIds: r.offerIds, media: r.media, price: r.price };
		for (const f of later) if (f.productId === r.productId) steps[f.step] = f.outcome;
		return steps;
	});
}

/** A sent price against its tasks' outcomes: accepted, held (Wildberries' words), or null (not yet). */
function priceOutcome(price: StepOutcome, offerIds: string[], tasks: PriceTaskOutcome[]): StepOutcome | null {
	if (tasks.some((t) => !t.processed)) return null;
	const errors: { message: string; offerId?: string }[] = [];
	let held = false;
	for (const task of tasks) {
		if (!task.processed) continue;
		if (task.status === 3) continue;
		if (task.status === 4) {
			held = true;
			continue;
		}
		const mine = task.goods.filter((g) =>
			price.nmIds?.length ? price.nmIds.includes(g.nmID) : !!g.vendorCode && offerIds.includes(g.vendorCode)
		);
		// Status 5: goods without errors were updated and the others are listed; 6: none was updated.
		if (task.status === 6 && !mine.length) held = true;
		for (const g of mine)
			if (!g.accepted) {
				held = true;
				if (g.errorText) errors.push({ message: g.errorText, offerId: g.vendorCode });
			}
	}
	const cancelled = tasks.some((t) => t.processed && t.status === 4);
	return {
		...price,
		state: held ? 'held' : 'accepted',
		problems: cancelled
			? [{ field: 'price', code: 'price_task_cancelled', params: {}, severity: 'error' }]
			: [],
		errors
	};
}

/** One round of a run's follow-up (the job's body); schedules the next while something is open. */
export async function runFollowup(ctx: ServiceContext, runId: string, round: number) {
	const [run] = await ctx.db.select().from(exportRun).where(eq(exportRun.id, runId));
	if (!run || run.marketplace !== 'wildberries') return { skipped: true };
	const s = await shopById(ctx, run.shopId);
	const account = s ? await accountOf(ctx, s.id, 'wildberries') : null;
	if (!s || s.takedown || !account?.credentials) return { stopped: true };
	const steps = (await runSteps(ctx, runId)).filter((st) => isOpen(st.media) || isOpen(st.price));
	if (!steps.length) return { done: true };
	const client = clientFor(ctx, account) as WildberriesClient;
	const settings = { currency: account.currency ?? LISTING_CURRENCIES.wildberries[0] };
	const record = (productId: string, step: 'media' | 'price', outcome: StepOutcome) =>
		ctx.db.insert(exportFollowup).values({ runId, productId, step, outcome, createdAt: ctx.clock() });
	let open = 0;

	// Cards that had no nmID: look again; once found, their photos and price go as after the run.
	const waiting = steps.filter((st) => st.media?.state === 'waiting' || st.price?.state === 'waiting');
	if (waiting.length) {
		const products = (await Promise.all(waiting.map((w) => productById(ctx, w.productId)))).filter(
			(p): p is ProductRow => !!p && p.shopId === s.id
		);
		const cards = await cardsFor(ctx, s, products);
		const items = products.map((p) => {
			const card = cards.get(p.id)!;
			const w = waiting.find((x) => x.productId === p.id)!;
			const result: ExportResult = {
				productCode: card.productCode,
				offerIds: w.offerIds,
				status: 'accepted',
				problems: [],
				errors: []
			};
			return { result, card, productId: p.id };
		});
		await sendWildberriesMediaAndPrices(client, settings, items);
		for (const { result, productId } of items) {
			if (!result.media || result.media.state === 'waiting') {
				open++;
				continue;
			}
			await record(productId, 'media', result.media);
			if (result.price) await record(productId, 'price', result.price);
			if (isOpen(result.price)) open++;
			await recordSentPrice(ctx, productId, result.price);
		}
	}

	// Prices sent before this round: what the prices task made of them.
	const tasks = new Map<number, PriceTaskOutcome>();
	for (const st of steps) {
		const price = st.price;
		if (price?.state !== 'sent' || !price.taskIds?.length) continue;
		const outcomes: PriceTaskOutcome[] = [];
		for (const id of price.taskIds) {
			if (!tasks.has(id)) tasks.set(id, await client.priceTaskOutcome(id));
			outcomes.push(tasks.get(id)!);
		}
		const outcome = priceOutcome(price, st.offerIds, outcomes);
		if (outcome) await record(st.productId, 'price', outcome);
		else open++;
		// Held back: Wildberries still shows the price this one was to replace.
		if (outcome?.state === 'held') await restoreHeldPrice(ctx, st.productId, price);
	}
	const next = open > 0 && (await scheduleFollowup(ctx, runId, round + 1));
	return { open, next };
}
