import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '#lib/server/db';
import {
	assignment,
	balance,
	kit,
	ledgerEntry,
	maker,
	material,
	network,
	order,
	pattern,
	report,
	type EntryKind,
	type ReportStatus
} from './schema';

/**
 * The production module's Drizzle reads and writes: the locking reads and ledger writes whose order and
 * locks carry the rules (one earning per report, stock never negative, balance = sum of entries), and the
 * reads of the queue, the orders and the dashboard. No business rules here; the use cases decide.
 */

/** Locks a report row for the rest of the transaction (two coordinators accepting it wait in line). */
export async function lockReport(db: Db, reportId: string) {
	const [row] = await db.select().from(report).where(eq(report.id, reportId)).for('update');
	return row ?? null;
}

export async function lockAssignment(db: Db, assignmentId: string) {
	const [row] = await db.select().from(assignment).where(eq(assignment.id, assignmentId)).for('update');
	return row ?? null;
}

export async function lockMaterial(db: Db, materialId: string) {
	const [row] = await db.select().from(material).where(eq(material.id, materialId)).for('update');
	return row ?? null;
}

/** Locks (creating it if needed) a maker's running balance row. */
export async function lockBalance(db: Db, makerId: string, networkId: string, at: Date) {
	await db.insert(balance).values({ makerId, networkId, updatedAt: at }).onConflictDoNothing();
	const [row] = await db.select().from(balance).where(eq(balance.makerId, makerId)).for('update');
	return row;
}

export interface NewEntry {
	networkId: string;
	makerId: string;
	kind: EntryKind;
	amountMinor: number;
	currency: string;
	reportId?: string | null;
	pieces?: number | null;
	rateMinor?: number | null;
	corrects?: number | null;
	method?: (typeof ledgerEntry.$inferInsert)['method'];
	reference?: string | null;
	paidOn?: string | null;
	reason?: string | null;
	overBalanceReason?: string | null;
	at: Date;
	by: string | null;
}

/**
 * Appends one entry and moves the running balance in the same transaction (the caller holds the
 * balance lock). `paid` says whether the amount counts as paid out (payouts and their corrections).
 */
export async function appendEntry(db: Db, entry: NewEntry, paid: boolean) {
	const [row] = await db.insert(ledgerEntry).values(entry).returning();
	await db
		.update(balance)
		.set({
			earnedMinor: paid ? sql`${balance.earnedMinor}` : sql`${balance.earnedMinor} + ${entry.amountMinor}`,
			paidMinor: paid ? sql`${balance.paidMinor} - ${entry.amountMinor}` : sql`${balance.paidMinor}`,
			balanceMinor: sql`${balance.balanceMinor} + ${entry.amountMinor}`,
			entries: sql`${balance.entries} + 1`,
			updatedAt: entry.at
		})
		.where(eq(balance.makerId, entry.makerId));
	return row;
}

export async function entryById(db: Db, networkId: string, entryId: number) {
	const [row] = await db
		.select()
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.id, entryId), eq(ledgerEntry.networkId, networkId)));
	return row ?? null;
}

/** The balance read: one row, never a sum over her history. */
export async function balanceOf(db: Db, makerId: string) {
	const [row] = await db.select().from(balance).where(eq(balance.makerId, makerId));
	return row ?? null;
}

/** The whole-history sum, for reconciliation checks and tests (not for page views). */
export async function summedBalance(db: Db, makerId: string) {
	const [row] = await db
		.select({
			total: sql<string>`coalesce(sum(${ledgerEntry.amountMinor}), 0)`,
			n: sql<number>`count(*)::int`
		})
		.from(ledgerEntry)
		.where(eq(ledgerEntry.makerId, makerId));
	return { total: Number(row.total), entries: row.n };
}

// ---- plain reads by id (the use cases check access on what they return)

/** The report an idempotency key already made on an assignment, if any. */
export async function reportByKey(db: Db, assignmentId: string, clientKey: string) {
	const [row] = await db
		.select({ id: report.id })
		.from(report)
		.where(and(eq(report.assignmentId, assignmentId), eq(report.clientKey, clientKey)));
	return row ?? null;
}

export async function assignmentById(db: Db, id: string) {
	const [row] = await db.select().from(assignment).where(eq(assignment.id, id));
	return row ?? null;
}

export async function makerById(db: Db, id: string) {
	const [row] = await db.select().from(maker).where(eq(maker.id, id));
	return row ?? null;
}

export async function networkById(db: Db, id: string) {
	const [row] = await db.select().from(network).where(eq(network.id, id));
	return row ?? null;
}

export async function orderById(db: Db, id: string) {
	const [row] = await db.select().from(order).where(eq(order.id, id));
	return row ?? null;
}

/** Accepted pieces of an order, from its assignments' running totals. */
export async function orderAcceptedPieces(db: Db, orderId: string): Promise<number> {
	const [{ total }] = await db
		.select({ total: sql<number>`coalesce(sum(${assignment.acceptedPieces}), 0)::int` })
		.from(assignment)
		.where(eq(assignment.orderId, orderId));
	return total;
}

// ---- the queue of reports to check

export interface QueueRead {
	status: ReportStatus;
	makerId?: string;
	orderId?: string;
	page: number;
}

/**
 * Reports of an order: the order's assignments' ids first (an init plan, evaluated once), then their
 * reports through the report's assignment index (a few hundred rows to sort, not a walk of the queue).
 */
function ofOrder(networkId: string, orderId: string) {
	return sql`${report.assignmentId} = any(array(select ${assignment.id} from ${assignment} where ${assignment.orderId} = ${orderId} and ${assignment.networkId} = ${networkId}))`;
}

/**
 * One page of the queue: the page's ids in the queue index's order (a small plan whatever the
 * network's size; waiting reports oldest first, checked ones newest first), joined to their details in
 * the same statement.
 */
export async function queuePage(db: Db, networkId: string, filter: QueueRead, pageSize: number) {
	const where = and(
		eq(report.networkId, networkId),
		eq(report.status, filter.status),
		filter.makerId ? eq(report.makerId, filter.makerId) : undefined,
		filter.orderId ? ofOrder(networkId, filter.orderId) : undefined
	);
	const ascending = filter.status === 'pending';
	const page = db
		.select({ id: report.id, createdAt: report.createdAt })
		.from(report)
		.where(where)
		.orderBy(
			...(ascending ? [asc(report.createdAt), asc(report.id)] : [desc(report.createdAt), desc(report.id)])
		)
		.limit(pageSize)
		.offset((filter.page - 1) * pageSize)
		.as('page');
	return db
		.select({
			id: report.id,
			pieces: report.pieces,
			acceptedPieces: report.acceptedPieces,
			createdAt: report.createdAt,
			status: report.status,
			rejectReason: report.rejectReason,
			photoFileId: report.photoFileId,
			makerId: report.makerId,
			makerName: maker.name,
			orderId: assignment.orderId,
			assignmentQuantity: assignment.quantity,
			title: pattern.title
		})
		.from(page)
		.innerJoin(report, eq(report.id, page.id))
		.innerJoin(assignment, eq(assignment.id, report.assignmentId))
		.innerJoin(maker, eq(maker.id, report.makerId))
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.orderBy(...(ascending ? [asc(page.createdAt), asc(page.id)] : [desc(page.createdAt), desc(page.id)]));
}

/**
 * How many reports the queue holds. Waiting ones: the sum of the assignments' `pending_reports`
 * counters (kept in the report and review transactions, under the assignment's row lock), so the count
 * reads a network's assignments, not its reports. Checked ones: counted up to `cap`.
 */
export async function queueCount(
	db: Db,
	networkId: string,
	filter: Omit<QueueRead, 'page'>,
	cap: number
): Promise<{ count: number; more: boolean }> {
	if (filter.status === 'pending') {
		const [row] = await db
			.select({ n: sql<number>`coalesce(sum(${assignment.pendingReports}), 0)::int` })
			.from(assignment)
			.where(
				and(
					eq(assignment.networkId, networkId),
					filter.makerId ? eq(assignment.makerId, filter.makerId) : undefined,
					filter.orderId ? eq(assignment.orderId, filter.orderId) : undefined
				)
			);
		return { count: row.n, more: false };
	}
	const capped = await db.execute(sql`select count(*)::int as n from (
		select 1 from ${report}
		where ${report.networkId} = ${networkId} and ${report.status} = ${filter.status}
			${filter.makerId ? sql`and ${report.makerId} = ${filter.makerId}` : sql``}
			${filter.orderId ? sql`and ${ofOrder(networkId, filter.orderId)}` : sql``}
		limit ${cap + 1}) c`);
	const n = Number(rowsOf<{ n: number }>(capped)[0]?.n ?? 0);
	return { count: Math.min(n, cap), more: n > cap };
}

// ---- orders

/** A network's orders (open first, newest first; at most 200) with assigned and accepted pieces. */
export async function ordersWithProgress(db: Db, networkId: string) {
	return db
		.select({
			id: order.id,
			quantity: order.quantity,
			dueDate: order.dueDate,
			status: order.status,
			shopProductRef: order.shopProductRef,
			title: pattern.title,
			assigned: sql<number>`coalesce((select sum(${assignment.quantity}) from ${assignment} where ${assignment.orderId} = ${order.id} and ${assignment.status} not in ('declined', 'returned')), 0)::int`,
			accepted: sql<number>`coalesce((select sum(${assignment.acceptedPieces}) from ${assignment} where ${assignment.orderId} = ${order.id}), 0)::int`
		})
		.from(order)
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(eq(order.networkId, networkId))
		.orderBy(asc(order.status), desc(order.createdAt))
		.limit(200);
}

export async function orderWithTitle(db: Db, networkId: string, orderId: string) {
	const [row] = await db
		.select({ order, title: pattern.title })
		.from(order)
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(and(eq(order.id, orderId), eq(order.networkId, networkId)));
	return row ?? null;
}

/** An order's assignments with their makers' names and progress. */
export async function orderAssignments(db: Db, orderId: string) {
	return db
		.select({
			id: assignment.id,
			makerId: assignment.makerId,
			name: maker.name,
			quantity: assignment.quantity,
			dueDate: assignment.dueDate,
			status: assignment.status,
			reportedPieces: assignment.reportedPieces,
			acceptedPieces: assignment.acceptedPieces
		})
		.from(assignment)
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.where(eq(assignment.orderId, orderId))
		.orderBy(asc(maker.name));
}

export async function patternInNetwork(db: Db, networkId: string, patternId: string) {
	const [row] = await db
		.select({ id: pattern.id })
		.from(pattern)
		.where(and(eq(pattern.id, patternId), eq(pattern.networkId, networkId)));
	return row ?? null;
}

export async function makersInNetwork(db: Db, networkId: string, makerIds: string[]) {
	if (!makerIds.length) return [];
	return db
		.select({ id: maker.id, status: maker.status })
		.from(maker)
		.where(and(eq(maker.networkId, networkId), inArray(maker.id, makerIds)));
}

export async function kitsOfPattern(db: Db, networkId: string, patternId: string, kitIds: string[]) {
	if (!kitIds.length) return [];
	return db
		.select()
		.from(kit)
		.where(and(eq(kit.networkId, networkId), eq(kit.patternId, patternId), inArray(kit.id, kitIds)));
}

// ---- the dashboard

/** The dashboard's counts in one statement: small grouped scans of the network's rows. */
export async function dashboardCounts(db: Db, networkId: string, today: string) {
	const [row] = rowsOf<Record<string, number | string>>(
		await db.execute(sql`select m.*, o.*, a.*, b.*, s.*
		from (select count(*) filter (where ${maker.status} = 'active')::int as makers_active, count(*)::int as makers_total
			from ${maker} where ${maker.networkId} = ${networkId}) m,
		(select count(*) filter (where ${order.status} = 'open')::int as orders_open,
			count(*) filter (where ${order.status} = 'completed')::int as orders_completed,
			count(*) filter (where ${order.status} = 'open' and ${order.dueDate} < ${today})::int as orders_overdue
			from ${order} where ${order.networkId} = ${networkId}) o,
		(select coalesce(sum(${assignment.pendingReports}), 0)::int as waiting_reports,
			coalesce(sum(${assignment.reportedPieces} - ${assignment.acceptedPieces}), 0)::int as waiting_pieces,
			coalesce(sum(${assignment.acceptedPieces}), 0)::int as work_accepted,
			coalesce(sum(${assignment.quantity} - ${assignment.acceptedPieces}) filter (where ${assignment.status} in ('offered', 'accepted')), 0)::int as work_open
			from ${assignment} where ${assignment.networkId} = ${networkId}) a,
		(select coalesce(sum(greatest(${balance.balanceMinor}, 0)), 0)::text as owed,
			coalesce(sum(${balance.earnedMinor}), 0)::text as earned, coalesce(sum(${balance.paidMinor}), 0)::text as paid
			from ${balance} where ${balance.networkId} = ${networkId}) b,
		(select count(*) filter (where ${material.onHand} = 0)::int as materials_empty
			from ${material} where ${material.networkId} = ${networkId}) s`)
	);
	return row;
}
