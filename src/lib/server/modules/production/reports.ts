import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import {
	AppError,
	enqueue,
	parseInput,
	requireUser,
	withDb,
	writeAudit,
	type ServiceContext
} from '../../core';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { accounts } from '../accounts';
import { putImage } from '../../core/images';
import { deleteFile } from '../../core/files';
import { coordinatedNetwork, coordinatorRole, requireCoordinator } from './access';
import { rateOn } from './catalog';
import { tellMakers, type Decided } from './decisions';
import {
	queueFilter,
	reportInput,
	reviewInput,
	type QueueFilter,
	type ReportInput,
	type ReviewInput
} from './inputs';
import * as q from './queries';
import { assignment, order, report, type Network } from './schema';
import { shopStock } from '../shops';
import { pickText } from '../../core';

/** Offsets of the networks' countries from UTC (Kazakhstan has one zone, UTC+5, since March 2024). */
const UTC_OFFSET_HOURS: Record<string, number> = { KG: 6, KZ: 5, TJ: 5, UZ: 5 };

/** The calendar day in the network's country, for "the rate in force on the day". */
export function localDay(net: Pick<Network, 'country'>, at: Date): string {
	const offset = (UTC_OFFSET_HOURS[net.country] ?? 0) * 3600_000;
	return new Date(at.getTime() + offset).toISOString().slice(0, 10);
}

/**
 * She reports finished pieces (count and, if she has one, a photo) on one of her assignments; a
 * coordinator may report for a maker without a phone. Zero, negative or more than are left: INVALID,
 * nothing recorded. A photo that is not an image: INVALID (core images), nothing recorded.
 *
 * `key` (the form's hidden key, the API's Idempotency-Key, the bot's Telegram message) makes a repeat
 * one report: a second call with the same key on the same assignment records nothing and returns the
 * first report (`repeated: true`), even when the first has since used up what was left. The key is
 * looked up again under the assignment's lock, and a unique index on (assignment, key) is the last guard.
 */
export async function reportPieces(
	ctx: ServiceContext,
	raw: { [K in keyof ReportInput]?: unknown },
	photo?: { bytes: Uint8Array; name?: string | null } | null,
	key?: string | null
): Promise<{ id: string; repeated: boolean }> {
	const userId = requireUser(ctx);
	const input = parseInput(reportInput, raw);
	const clientKey = key ? key.slice(0, 200) : null;
	const a = await q.assignmentById(ctx.db, input.assignmentId);
	if (!a) throw new AppError('NOT_FOUND');
	const m = (await q.makerById(ctx.db, a.makerId))!;
	if (m.userId !== userId) {
		const net = (await q.networkById(ctx.db, a.networkId))!;
		if (!(await coordinatorRole(ctx, net))) throw new AppError('NOT_FOUND');
	}
	if (clientKey) {
		const first = await q.reportByKey(ctx.db, a.id, clientKey);
		if (first) return { id: first.id, repeated: true };
	}
	const check = (row: typeof a) => {
		if (!['offered', 'accepted'].includes(row.status))
			throw new AppError('CONFLICT', { messageKey: 'production_error_assignment_closed' });
		const left = row.quantity - row.reportedPieces;
		if (input.pieces > left)
			throw new AppError('INVALID', {
				fields: { pieces: { key: 'production_error_pieces_too_many', params: { max: left } } }
			});
	};
	check(a);
	const image =
		photo && photo.bytes.byteLength > 0
			? await putImage(ctx, {
					bytes: photo.bytes,
					ownerModule: 'production',
					ownerId: a.id,
					visibility: 'private',
					name: photo.name ?? null,
					field: 'photo'
				})
			: null;
	try {
		const result = await ctx.db.transaction(async (db) => {
			const locked = await q.lockAssignment(db, a.id);
			// A double submit that waited for the lock finds the first report here.
			const first = clientKey ? await q.reportByKey(db, a.id, clientKey) : null;
			if (first) return { id: first.id, repeated: true };
			check(locked!);
			const id = randomUUID();
			await db.insert(report).values({
				id,
				networkId: a.networkId,
				assignmentId: a.id,
				makerId: a.makerId,
				pieces: input.pieces,
				photoFileId: image?.id ?? null,
				note: input.note,
				clientKey,
				createdAt: ctx.clock()
			});
			await db
				.update(assignment)
				.set({
					reportedPieces: sql`${assignment.reportedPieces} + ${input.pieces}`,
					pendingReports: sql`${assignment.pendingReports} + 1`,
					status: 'accepted',
					respondedAt: locked!.respondedAt ?? ctx.clock()
				})
				.where(eq(assignment.id, a.id));
			await tellCoordinators(withDb(ctx, db), a, id, input.pieces);
			return { id, repeated: false };
		});
		// The repeat's photo is not kept: the first report has its own.
		if (result.repeated && image) await deleteFile(ctx, image.id).catch(() => {});
		return result;
	} catch (error) {
		if (image) await deleteFile(ctx, image.id).catch(() => {});
		throw error;
	}
}

/**
 * The network's coordinators who linked Telegram are told of a new report there (through the
 * outbox, in the report's transaction), with Accept / Reject buttons (jobs.ts). The message names the
 * pattern and the count, never the maker's name or photo.
 */
async function tellCoordinators(
	ctx: ServiceContext,
	a: { id: string; networkId: string; orderId: string },
	reportId: string,
	pieces: number
) {
	const rows = await q.coordinatorsOf(ctx.db, a.networkId);
	const chats = await accounts.telegramChatsOf(
		ctx,
		rows.map((r) => r.userId)
	);
	if (!chats.size) return;
	const contacts = await accounts.contactsOf(ctx, [...chats.keys()]);
	const p = await q.orderTitle(ctx.db, a.orderId);
	for (const [userId, chatId] of chats) {
		const l = contacts.get(userId)?.locale ?? '';
		const locale = (LOCALES as readonly string[]).includes(l) ? (l as Locale) : 'ru';
		await enqueue(ctx, {
			channel: 'telegram',
			recipient: chatId,
			template: 'production.telegram.report_new',
			locale,
			payload: {
				report: reportId,
				network: a.networkId,
				pattern: (p && pickText(p.title, locale)?.text) ?? '',
				pieces
			},
			dedupeKey: `production:report-new:tg:${reportId}:${userId}`
		});
	}
}

/** A report for one of its network's coordinators (NOT_FOUND for anybody else, or no such report). */
async function coordinatedReport(ctx: ServiceContext, reportId: string) {
	requireUser(ctx);
	if (reportId.length > 100) throw new AppError('NOT_FOUND');
	const r = await q.reportState(ctx.db, reportId);
	if (!r) throw new AppError('NOT_FOUND');
	await requireCoordinator(ctx, r.networkId);
	return r;
}

/**
 * Whether a report still waits for her review (the bot asks for a reject reason only then). Checks
 * she coordinates its network: NOT_FOUND otherwise.
 */
export async function reportPending(ctx: ServiceContext, reportId: string) {
	const r = await coordinatedReport(ctx, reportId);
	return { pending: r.status === 'pending', pieces: r.pieces };
}

/**
 * One report accepted or rejected (the bot's buttons carry the report id only): its network is looked
 * up and the review goes through reviewReports, which checks she coordinates it (NOT_FOUND otherwise,
 * and for a report that does not exist). An already-reviewed report comes back as `skipped: 1`.
 */
export async function reviewReport(
	ctx: ServiceContext,
	reportId: string,
	raw: { decision?: unknown; reason?: unknown }
) {
	const r = await coordinatedReport(ctx, reportId);
	const result = await reviewReports(ctx, r.networkId, { reportIds: [reportId], ...raw });
	return { ...result, pieces: r.pieces };
}

export interface ReviewResult {
	done: number;
	/** Reports already reviewed by someone else (or not in this network): left as they were. */
	skipped: number;
	earnedMinor: number;
	/** Pieces added to linked shop products' stock in this transaction. */
	shopStockAdded: number;
	/** Accepted reports whose linked product is gone or no longer sold from stock (no stock raised). */
	shopStockMissed: number;
}

/**
 * The coordinator accepts or rejects several reports at once, in one transaction. Each report row is
 * locked first (in id order), so two coordinators accepting the same report produce one earning: the
 * second finds it reviewed and skips it (and the ledger's unique index on the report is the second
 * guard). Accepted pieces earn at the rate in force on the day of acceptance.
 */
export async function reviewReports(
	ctx: ServiceContext,
	networkId: string,
	raw: { [K in keyof ReviewInput]?: unknown }
) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(reviewInput, raw);
	const ids = [...new Set(input.reportIds)].sort();
	return ctx.db.transaction(async (db) => {
		const txCtx = withDb(ctx, db);
		const result: ReviewResult = {
			done: 0,
			skipped: 0,
			earnedMinor: 0,
			shopStockAdded: 0,
			shopStockMissed: 0
		};
		const now = ctx.clock();
		const decided: Decided[] = [];
		// Every report is locked before anything else (in id order), so two batches never wait on each other.
		const locked = [];
		for (const reportId of ids) locked.push(await q.lockReport(db, reportId));
		for (const r of locked) {
			if (!r || r.networkId !== net.id || r.status !== 'pending') {
				result.skipped++;
				continue;
			}
			const a = (await q.lockAssignment(db, r.assignmentId))!;
			// A part of a report may pass the check: `acceptPieces` of its pieces earn, the rest are rejected.
			const acceptPieces =
				input.decision === 'reject' ? 0 : Math.min(input.acceptPieces ?? r.pieces, r.pieces);
			const rejected = r.pieces - acceptPieces;
			if (acceptPieces === 0) {
				await db
					.update(report)
					.set({
						status: 'rejected',
						acceptedPieces: 0,
						rejectReason: input.reason,
						reworkRequested: input.rework,
						reviewedBy: ctx.actor.userId,
						reviewedAt: now
					})
					.where(eq(report.id, r.id));
				await db
					.update(assignment)
					.set({
						reportedPieces: sql`${assignment.reportedPieces} - ${r.pieces}`,
						pendingReports: sql`${assignment.pendingReports} - 1`
					})
					.where(eq(assignment.id, a.id));
				decided.push({ ...notice(r), acceptedPieces: 0, earnedMinor: 0 });
				result.done++;
				continue;
			}
			const o = (await q.orderById(db, a.orderId))!;
			const rateMinor = await rateOn(db, o.patternId, r.makerId, localDay(net, now));
			const amount = rateMinor * acceptPieces;
			await db
				.update(report)
				.set({
					status: 'accepted',
					acceptedPieces: acceptPieces,
					rejectReason: rejected > 0 ? input.reason : null,
					reworkRequested: rejected > 0 && input.rework,
					reviewedBy: ctx.actor.userId,
					reviewedAt: now
				})
				.where(eq(report.id, r.id));
			const accepted = a.acceptedPieces + acceptPieces;
			await db
				.update(assignment)
				.set({
					acceptedPieces: accepted,
					reportedPieces: sql`${assignment.reportedPieces} - ${rejected}`,
					pendingReports: sql`${assignment.pendingReports} - 1`,
					status: accepted >= a.quantity ? 'done' : a.status
				})
				.where(eq(assignment.id, a.id));
			await q.lockBalance(db, r.makerId, net.id, now);
			await q.appendEntry(
				db,
				{
					networkId: net.id,
					makerId: r.makerId,
					kind: 'earning',
					amountMinor: amount,
					currency: net.currency,
					reportId: r.id,
					pieces: acceptPieces,
					rateMinor,
					at: now,
					by: ctx.actor.userId
				},
				false
			);
			result.earnedMinor += amount;
			// The linked shop product's stock rises in this transaction, once: the report row is locked
			// and was pending, so a second accept of the same report skips it above.
			if (o.shopProductRef) {
				const added = await shopStock.addStock(txCtx, o.shopProductRef, acceptPieces, {
					module: 'production',
					ref: r.id
				});
				if (added) result.shopStockAdded += acceptPieces;
				else result.shopStockMissed++;
			}
			const total = await q.orderAcceptedPieces(db, o.id);
			if (total >= o.quantity && o.status === 'open')
				await db.update(order).set({ status: 'completed', completedAt: now }).where(eq(order.id, o.id));
			decided.push({ ...notice(r), acceptedPieces: acceptPieces, earnedMinor: amount });
			result.done++;
		}
		await tellMakers(txCtx, net, decided, input.reason);
		await writeAudit(txCtx, {
			action: `production.report.${input.decision}`,
			entity: 'production_network',
			entityId: net.id,
			after: { reports: ids.length, done: result.done, skipped: result.skipped }
		});
		return result;
	});
}

const notice = (r: { id: string; makerId: string; assignmentId: string; pieces: number }) => ({
	reportId: r.id,
	makerId: r.makerId,
	assignmentId: r.assignmentId,
	pieces: r.pieces
});

export const QUEUE_PAGE = 25;
/** Checked reports are counted up to this many (the history only grows; a page view never counts it all). */
const COUNT_CAP = 2000;

/**
 * The queue of reports to check: filtered by status, maker, order; 25 a page, oldest first. One
 * statement reads the network with her coordinator row, the count and the page; access is decided on
 * its network row before anything else is used (NOT_FOUND for anybody but its coordinators).
 */
export async function listQueue(
	ctx: ServiceContext,
	networkId: string,
	raw: { [K in keyof QueueFilter]?: unknown } = {}
) {
	const userId = requireUser(ctx);
	const filter = queueFilter.parse(raw);
	const read = await q.queueRead(ctx.db, networkId, userId, filter, QUEUE_PAGE, COUNT_CAP);
	coordinatedNetwork(ctx, read);
	// Waiting reports are counted whole (from the counters); checked ones up to COUNT_CAP + 1.
	const more = filter.status !== 'pending' && read!.total > COUNT_CAP;
	const n = more ? COUNT_CAP : read!.total;
	return {
		filter,
		total: n,
		/** True when there are more than COUNT_CAP checked reports (the count stops there). */
		more,
		pages: Math.max(1, Math.ceil(n / QUEUE_PAGE)),
		reports: read!.rows.map((r) => ({
			...r,
			createdAt: new Date(r.createdAt).toISOString(),
			title: pickText(r.title, ctx.locale)?.text ?? ''
		}))
	};
}
