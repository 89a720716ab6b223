import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { AppError, enqueueJob, writeAudit, type ServiceContext } from '../../../core';
import { productById, productsOfShop, shopById, type ProductRow, type ShopRow } from '../queries';
import { product as productTable } from '../schema';
import { MARKETPLACES, type MarketplaceId, type Problem } from './card';
import type { ExportRequest, ExportResult } from './client';
import { clientFor } from './accounts';
import { wholeMajor } from './units';
import { EXPORT_ATTEMPTS, marketplaceExportJob } from './export-job';
import { LISTING_CURRENCIES, validateFor } from './listings';
import { loadMaps, rulesFor } from './maps';
import { accountOf, cardsFor, editableShop } from './product-card';
import { exportResult, exportRun, marketplaceListing } from './schema';
import { translateProblems, type TranslatedProblem } from './validate';
import { isMediaProblem } from './validate-wildberries';
import type { WildberriesClient } from './client-wildberries';
import { sendWildberriesMediaAndPrices } from './wildberries-after';
import { recordSentPrice } from './sent-price';
import { isOpen, runSteps, scheduleFollowup } from './followup';
import type { StepOutcome } from './client';
import { kaspiSheet, sheetCsv, sheetXlsx, uzumSheet } from './sheets';

/**
 * Export runs (issue 13 §4): a run per shop and marketplace, queued as the `shops.marketplace-export`
 * job; the job validates each product, sends the valid ones through the client, keeps a per-product
 * result (append-only) and moves the run's progress as it goes. A price missing in this marketplace's
 * currency blocks this export only: the other marketplaces' listings are other runs. On Wildberries an
 * accepted card's photos and price follow in their own calls (wildberries-after.ts): a bad photo stops
 * the photos, not the card, and each result keeps the media and price outcomes apart.
 */

async function enabledProducts(
	ctx: ServiceContext,
	s: ShopRow,
	marketplace: MarketplaceId
): Promise<ProductRow[]> {
	const rows = await ctx.db
		.select({ productId: marketplaceListing.productId })
		.from(marketplaceListing)
		.innerJoin(productTable, eq(productTable.id, marketplaceListing.productId))
		.where(
			and(
				eq(productTable.shopId, s.id),
				eq(marketplaceListing.marketplace, marketplace),
				eq(marketplaceListing.enabled, true)
			)
		);
	const ids = new Set(rows.map((r) => r.productId));
	return (await productsOfShop(ctx, s.id, false)).filter((p) => ids.has(p.id) && p.status !== 'archived');
}

/** Owners and co-owners: queue an export of the shop's enabled listings; a run already going is returned. */
export async function startExport(
	ctx: ServiceContext,
	shopSlug: string,
	marketplace: string
): Promise<string> {
	const s = await editableShop(ctx, shopSlug);
	if (marketplace !== 'wildberries' && marketplace !== 'ozon')
		throw new AppError('INVALID', { messageKey: 'marketplaces_no_api' });
	const account = await accountOf(ctx, s.id, marketplace);
	if (!account?.credentials) throw new AppError('INVALID', { messageKey: 'marketplaces_no_credentials' });
	const products = await enabledProducts(ctx, s, marketplace);
	if (!products.length) throw new AppError('INVALID', { messageKey: 'marketplaces_nothing_enabled' });
	return ctx.db.transaction(async (tx) => {
		const tctx = { ...ctx, db: tx };
		// A double submit (or a second click while it runs) joins the run already going.
		const [going] = await tx
			.select({ id: exportRun.id })
			.from(exportRun)
			.where(
				and(
					eq(exportRun.shopId, s.id),
					eq(exportRun.marketplace, marketplace),
					inArray(exportRun.state, ['queued', 'running'])
				)
			)
			.for('update');
		if (going) return going.id;
		const id = randomUUID();
		await tx.insert(exportRun).values({
			id,
			shopId: s.id,
			marketplace,
			total: products.length,
			requestedBy: ctx.actor.userId,
			createdAt: ctx.clock()
		});
		await enqueueJob(tctx, marketplaceExportJob, { runId: id }, { key: id });
		await writeAudit(tctx, { action: 'shops.export.start', entity: 'shops_export_run', entityId: id });
		return id;
	});
}

/** The job's body: idempotent (a product already recorded in this run is not sent again). */
export async function runExport(ctx: ServiceContext, runId: string, attempt = EXPORT_ATTEMPTS) {
	const [run] = await ctx.db.select().from(exportRun).where(eq(exportRun.id, runId));
	if (!run || run.state === 'done' || run.state === 'failed') return { skipped: true };
	const marketplace = run.marketplace;
	const s = await shopById(ctx, run.shopId);
	const account = s ? await accountOf(ctx, s.id, marketplace) : null;
	const finish = (state: 'done' | 'failed', failure: string | null = null) =>
		ctx.db.update(exportRun).set({ state, failure, finishedAt: ctx.clock() }).where(eq(exportRun.id, runId));
	if (!s || s.takedown || !account?.credentials) {
		await finish('failed', s?.takedown ? 'taken_down' : 'no_credentials');
		return { failed: true };
	}
	await ctx.db.update(exportRun).set({ state: 'running' }).where(eq(exportRun.id, runId));
	const recorded = new Set(
		(
			await ctx.db
				.select({ productId: exportResult.productId })
				.from(exportResult)
				.where(eq(exportResult.runId, runId))
		).map((r) => r.productId)
	);
	const products = (await enabledProducts(ctx, s, marketplace)).filter((p) => !recorded.has(p.id));
	const cards = await cardsFor(ctx, s, products);
	const maps = await loadMaps(ctx, s.id);
	const listings = await ctx.db
		.select()
		.from(marketplaceListing)
		.where(
			and(
				eq(marketplaceListing.marketplace, marketplace),
				inArray(marketplaceListing.productId, products.map((p) => p.id).concat(['']))
			)
		);
	const byCode = new Map<string, ProductRow>();
	const requests: ExportRequest[] = [];
	const blocked: { product: ProductRow; problems: Problem[] }[] = [];
	for (const p of products) {
		const card = cards.get(p.id)!;
		const row = listings.find((l) => l.productId === p.id);
		const problems = await validateFor(ctx, marketplace, card, row, p.category, maps, account);
		// Wildberries takes the photos in a call of their own after the card: they do not block the card.
		const blocking = problems.filter(
			(pr) => pr.severity === 'error' && !(marketplace === 'wildberries' && isMediaProblem(pr))
		);
		if (blocking.length) blocked.push({ product: p, problems });
		else {
			byCode.set(card.productCode, p);
			requests.push({ card, category: rulesFor(maps, p.category, marketplace, row) });
		}
	}
	const record = async (
		productId: string,
		r: Pick<ExportResult, 'status' | 'offerIds' | 'problems' | 'errors' | 'media' | 'price'>
	) => {
		await ctx.db
			.insert(exportResult)
			.values({
				runId,
				productId,
				status: r.status,
				offerIds: r.offerIds,
				problems: r.problems,
				errors: r.errors,
				media: r.media ?? null,
				price: r.price ?? null,
				createdAt: ctx.clock()
			})
			.onConflictDoNothing();
	};
	for (const b of blocked)
		await record(b.product.id, { status: 'blocked', offerIds: [], problems: b.problems, errors: [] });
	const base = recorded.size + blocked.length;
	await ctx.db.update(exportRun).set({ done: base }).where(eq(exportRun.id, runId));
	if (requests.length) {
		let client;
		try {
			client = clientFor(ctx, account);
		} catch {
			await finish('failed', 'no_credentials');
			return { failed: true };
		}
		let last = Promise.resolve();
		let results: ExportResult[];
		try {
			results = await client.exportCards(requests, (done) => {
				last = last.then(async () => {
					await ctx.db
						.update(exportRun)
						.set({ done: base + done })
						.where(eq(exportRun.id, runId));
				});
			});
			await last;
		} catch (error) {
			// The clients turn the marketplaces' answers into per-card results; what reaches here is the
			// host itself failing. Retry later (the job's attempts); on the last one the run fails.
			await last;
			if (attempt < EXPORT_ATTEMPTS) throw error;
			await finish('failed', 'unreachable');
			return { failed: true };
		}
		if (marketplace === 'wildberries') {
			const settings = { currency: account.currency ?? LISTING_CURRENCIES.wildberries[0] };
			await sendWildberriesMediaAndPrices(
				client as WildberriesClient,
				settings,
				results.flatMap((result) => {
					const p = byCode.get(result.productCode);
					return p ? [{ result, card: cards.get(p.id)! }] : [];
				})
			);
		}
		for (const r of results) {
			const p = byCode.get(r.productCode);
			if (!p) continue;
			await record(p.id, r);
			// The price Wildberries now has: the next cut to a third or less of it is warned of.
			if (marketplace === 'wildberries') await recordSentPrice(ctx, p.id, r.price);
		}
	}
	await ctx.db.update(exportRun).set({ done: run.total }).where(eq(exportRun.id, runId));
	await finish('done');
	// Cards without their nmID yet and prices whose task is not read: the follow-up looks again later.
	if (
		marketplace === 'wildberries' &&
		(await runSteps(ctx, runId)).some((st) => isOpen(st.media) || isOpen(st.price))
	)
		await scheduleFollowup(ctx, runId, 0);
	return { sent: requests.length, blocked: blocked.length };
}

export interface RunView {
	id: string;
	marketplace: MarketplaceId;
	state: string;
	total: number;
	done: number;
	failure: string | null;
	createdAt: string;
	results: {
		product: string;
		title: string;
		status: string;
		offerIds: string[];
		problems: TranslatedProblem[];
		errors: { message: string; field?: string; offerId?: string }[];
		media: StepView | null;
		price: StepView | null;
	}[];
}

/** A Wildberries photos or price outcome, in her language. */
export interface StepView {
	state: StepOutcome['state'];
	problems: TranslatedProblem[];
	errors: { message: string; field?: string; offerId?: string }[];
	amount?: string;
	currency?: string;
}

function stepView(step: StepOutcome | null, locale: string): StepView | null {
	if (!step) return null;
	return {
		state: step.state,
		problems: translateProblems(step.problems, locale as Parameters<typeof translateProblems>[1]),
		errors: step.errors.map((e) => ({ message: e.message, field: e.field, offerId: e.offerId })),
		...(step.amountMinor !== undefined && step.currency
			? { amount: majorText(step.amountMinor, step.currency), currency: step.currency }
			: {})
	};
}

function majorText(amountMinor: number, currency: string): string {
	const major = wholeMajor(amountMinor, currency);
	return major === null ? String(amountMinor) : String(major);
}

/** A run with its per-product results, in her language (owners and co-owners of its shop). */
export async function exportRunView(ctx: ServiceContext, shopSlug: string, runId: string): Promise<RunView> {
	const s = await editableShop(ctx, shopSlug);
	const [run] = await ctx.db
		.select()
		.from(exportRun)
		.where(and(eq(exportRun.id, runId), eq(exportRun.shopId, s.id)));
	if (!run) throw new AppError('NOT_FOUND');
	const rows = await ctx.db
		.select()
		.from(exportResult)
		.where(eq(exportResult.runId, runId))
		.orderBy(asc(exportResult.id));
	// Photos and price as the follow-up left them (the result rows are append-only).
	const now = new Map((await runSteps(ctx, runId)).map((st) => [st.productId, st]));
	const results = [];
	for (const r of rows) {
		const steps = now.get(r.productId);
		const p = await productById(ctx, r.productId);
		results.push({
			product: p?.slug ?? '',
			title: p
				? (p.title[ctx.locale as 'ru'] ??
					p.title.ru ??
					Object.values(p.title).find((v) => typeof v === 'string') ??
					p.slug)
				: '',
			status: r.status,
			offerIds: r.offerIds,
			problems: translateProblems(r.problems, ctx.locale),
			errors: r.errors.map((e) => ({ message: e.message, field: e.field, offerId: e.offerId })),
			media: stepView(steps?.media ?? r.media, ctx.locale),
			price: stepView(steps?.price ?? r.price, ctx.locale)
		});
	}
	return {
		id: run.id,
		marketplace: run.marketplace,
		state: run.state,
		total: run.total,
		done: run.done,
		failure: run.failure,
		createdAt: run.createdAt.toISOString(),
		results
	};
}

/** The shop's last runs per marketplace (newest first). */
export async function exportRuns(ctx: ServiceContext, shopSlug: string) {
	const s = await editableShop(ctx, shopSlug);
	return ctx.db
		.select({
			id: exportRun.id,
			marketplace: exportRun.marketplace,
			state: exportRun.state,
			total: exportRun.total,
			done: exportRun.done,
			createdAt: exportRun.createdAt
		})
		.from(exportRun)
		.where(eq(exportRun.shopId, s.id))
		.orderBy(desc(exportRun.createdAt))
		.limit(20);
}

/** Kaspi and Uzum sheets (cards are made in their cabinets): every listed product with its problems. */
export async function marketplaceSheet(
	ctx: ServiceContext,
	shopSlug: string,
	marketplace: string,
	format: string
): Promise<{ filename: string; contentType: string; body: string | Uint8Array }> {
	const s = await editableShop(ctx, shopSlug);
	if ((marketplace !== 'kaspi' && marketplace !== 'uzum') || (format !== 'csv' && format !== 'xlsx'))
		throw new AppError('NOT_FOUND');
	const account = await accountOf(ctx, s.id, 'kaspi');
	const stores = account?.kaspiStoreIds ?? [];
	const products = await enabledProducts(ctx, s, marketplace);
	const cards = [...(await cardsFor(ctx, s, products, stores)).values()];
	const sheet =
		marketplace === 'kaspi' ? kaspiSheet(cards, ctx.locale, stores) : uzumSheet(cards, ctx.locale);
	const name = `${s.slug}-${marketplace}.${format}`;
	return format === 'csv'
		? { filename: name, contentType: 'text/csv; charset=utf-8', body: sheetCsv(sheet) }
		: {
				filename: name,
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				body: await sheetXlsx(sheet)
			};
}

export const EXPORTABLE = MARKETPLACES.filter((m) => m === 'wildberries' || m === 'ozon');
