import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '#lib/server/db';
import {
	assignment,
	balance,
	coordinator,
	kit,
	ledgerEntry,
	maker,
	material,
	network,
	order,
	pattern,
	report,
	type EntryKind,
	type Pattern,
	type ReportStatus
} from '../schema';

/**
 * The work's reads and writes: the locking reads and ledger writes whose order and locks carry the
 * rules (one earning per report, stock never negative, balance = sum of entries), the reads of reports,
 * the queue, the orders and the dashboard, and of file owners. No business rules here.
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

/** A report's network, pieces and status (the bot's buttons carry its id only). */
export async function reportState(db: Db, reportId: string) {
	const [row] = await db
		.select({ networkId: report.networkId, pieces: report.pieces, status: report.status })
		.from(report)
		.where(eq(report.id, reportId));
	return row ?? null;
}

/** An order's pattern title. */
export async function orderTitle(db: Db, orderId: string) {
	const [row] = await db
		.select({ title: pattern.title })
		.from(order)
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(eq(order.id, orderId));
	return row ?? null;
}

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

/** A queue row as the queue statement returns it (created_at as epoch milliseconds). */
export interface QueueRow {
	id: string;
	pieces: number;
	acceptedPieces: number | null;
	createdAt: number;
	status: ReportStatus;
	rejectReason: string | null;
	photoFileId: string | null;
	makerId: string;
	makerName: string;
	orderId: string;
	assignmentQuantity: number;
	title: Pattern['title'];
}

/**
 * The queue in one statement (one round trip): the network with the reader's coordinator row (the
 * caller decides access on it, through `coordinatedNetwork`, before anything else is used), how many
 * reports the queue holds, and one page of them with their details.
 *
 * - The page: the report rows straight from the queue index (network, status, created_at, id) in its
 *   order, limit and offset applied there (waiting reports oldest first, checked ones newest first),
 *   then 25 key lookups each for the assignment, maker, order and pattern, aggregated to one JSON value.
 * - The count of waiting reports: the sum of the assignments' `pending_reports` counters (kept in the
 *   report and review transactions, under the assignment's row lock), so it reads a network's
 *   assignments, not its reports. Checked ones: counted up to `cap` (`cap + 1` means "more").
 */
export async function queueRead(
	db: Db,
	networkId: string,
	userId: string,
	filter: QueueRead,
	pageSize: number,
	cap: number
) {
	const dir = filter.status === 'pending' ? sql.raw('asc') : sql.raw('desc');
	const where = sql`${report.networkId} = ${networkId} and ${report.status} = ${filter.status}${
		filter.makerId ? sql` and ${report.makerId} = ${filter.makerId}` : sql``
	}${filter.orderId ? sql` and ${ofOrder(networkId, filter.orderId)}` : sql``}`;
	const count =
		filter.status === 'pending'
			? sql`select coalesce(sum(${assignment.pendingReports}), 0)::int from ${assignment}
				where ${assignment.networkId} = ${networkId}${
					filter.makerId ? sql` and ${assignment.makerId} = ${filter.makerId}` : sql``
				}${filter.orderId ? sql` and ${assignment.orderId} = ${filter.orderId}` : sql``}`
			: sql`select count(*)::int from (select 1 from ${report} where ${where} limit ${cap + 1}) c`;
	const page = sql`select coalesce(json_agg(json_build_object('id', x.id, 'pieces', x.pieces,
			'acceptedPieces', x.accepted_pieces, 'createdAt', x.created_ms, 'status', x.status,
			'rejectReason', x.reject_reason, 'photoFileId', x.photo_file_id, 'makerId', x.maker_id,
			'makerName', x.maker_name, 'orderId', x.order_id, 'assignmentQuantity', x.quantity, 'title', x.title)
			order by x.created_at ${dir}, x.id ${dir}), '[]')::text
		from (select p.id, p.pieces, p.accepted_pieces, p.created_at,
				(extract(epoch from p.created_at) * 1000)::float8 as created_ms, p.status, p.reject_reason,
				p.photo_file_id, p.maker_id, m.name as maker_name, a.order_id, a.quantity, pt.title
			from (select id, pieces, accepted_pieces, created_at, status, reject_reason, photo_file_id, maker_id,
					assignment_id
				from ${report} where ${where}
				order by created_at ${dir}, id ${dir} limit ${pageSize} offset ${(filter.page - 1) * pageSize}) p
			join ${assignment} a on a.id = p.assignment_id
			join ${maker} m on m.id = p.maker_id
			join ${order} o on o.id = a.order_id
			join ${pattern} pt on pt.id = o.pattern_id) x`;
	const [row] = await db
		.select({
			net: network,
			role: coordinator.role,
			total: sql<number>`(${count})`,
			page: sql<string>`(${page})`
		})
		.from(network)
		.leftJoin(coordinator, and(eq(coordinator.networkId, network.id), eq(coordinator.userId, userId)))
		.where(eq(network.id, networkId));
	if (!row) return null;
	return {
		net: row.net,
		role: row.role,
		total: Number(row.total),
		rows: JSON.parse(row.page) as QueueRow[]
	};
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

// ---- who may read a private file (files.ts)

/** A report photo's owner: the assignment's network and its maker's account. */
export async function assignmentOwner(db: Db, assignmentId: string) {
	const [row] = await db
		.select({ networkId: assignment.networkId, userId: maker.userId })
		.from(assignment)
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.where(eq(assignment.id, assignmentId));
	return row ?? null;
}

export async function patternNetwork(db: Db, patternId: string) {
	const [row] = await db
		.select({ networkId: pattern.networkId })
		.from(pattern)
		.where(eq(pattern.id, patternId));
	return row ?? null;
}

/** Whether a user, as an active maker, has an assignment of a pattern. */
export async function hasAssignmentOfPattern(db: Db, patternId: string, userId: string) {
	const rows = await db
		.select({ id: assignment.id })
		.from(assignment)
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.where(and(eq(order.patternId, patternId), eq(maker.userId, userId), inArray(maker.status, ['active'])))
		.limit(1);
	return rows.length > 0;
}
