import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import {
	assignment,
	kit,
	ledgerEntry,
	maker,
	material,
	order,
	pattern,
	report,
	stockMovement
} from '../schema';

/** Reads of the records: the register of home work (exports.ts) and the reconciliation of materials. */

/** A network's makers (whole rows), in the order they joined. */
export async function makersByJoining(db: Db, networkId: string) {
	return db.select().from(maker).where(eq(maker.networkId, networkId)).orderBy(asc(maker.createdAt));
}

/** The work given out: every assignment of a network with its pattern, in the order given. */
export async function workGivenOut(db: Db, networkId: string) {
	return db
		.select({
			id: assignment.id,
			makerId: assignment.makerId,
			givenOn: assignment.createdAt,
			dueDate: assignment.dueDate,
			quantity: assignment.quantity,
			accepted: assignment.acceptedPieces,
			title: pattern.title
		})
		.from(assignment)
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(eq(assignment.networkId, networkId))
		.orderBy(asc(assignment.createdAt));
}

/** Gross earnings and the highest rate per assignment, from the ledger's earnings. */
export async function earningsByAssignment(db: Db, networkId: string) {
	return db
		.select({
			assignmentId: report.assignmentId,
			gross: sql<string>`sum(${ledgerEntry.amountMinor})`,
			rate: sql<number>`max(${ledgerEntry.rateMinor})`
		})
		.from(ledgerEntry)
		.innerJoin(report, eq(report.id, ledgerEntry.reportId))
		.where(and(eq(ledgerEntry.networkId, networkId), eq(ledgerEntry.kind, 'earning')))
		.groupBy(report.assignmentId);
}

/** Material costs per assignment: what went out net, at the recorded unit costs. */
export async function materialCostsByAssignment(db: Db, networkId: string, assignmentIds: string[]) {
	if (!assignmentIds.length) return [];
	return db
		.select({
			assignmentId: stockMovement.assignmentId,
			cost: sql<string>`sum(-${stockMovement.delta} * coalesce(${material.unitCostMinor}, 0))`
		})
		.from(stockMovement)
		.innerJoin(material, eq(material.id, stockMovement.materialId))
		.where(and(eq(stockMovement.networkId, networkId), inArray(stockMovement.assignmentId, assignmentIds)))
		.groupBy(stockMovement.assignmentId);
}

/** Deductions (negative adjustments) and payouts per maker of a network. */
export async function deductionsAndPayouts(db: Db, networkId: string) {
	return db
		.select({
			makerId: ledgerEntry.makerId,
			deductions: sql<string>`coalesce(-sum(case when ${ledgerEntry.kind} = 'adjustment' and ${ledgerEntry.amountMinor} < 0 then ${ledgerEntry.amountMinor} end), 0)`,
			paid: sql<string>`coalesce(-sum(case when ${ledgerEntry.kind} = 'payout' then ${ledgerEntry.amountMinor} end), 0)`
		})
		.from(ledgerEntry)
		.where(eq(ledgerEntry.networkId, networkId))
		.groupBy(ledgerEntry.makerId);
}

/** Materials issued, returned and written off per assignment and material (of one order, when given). */
export async function stockMovedByAssignment(db: Db, networkId: string, orderId?: string) {
	return db
		.select({
			assignmentId: stockMovement.assignmentId,
			materialId: stockMovement.materialId,
			issued: sql<number>`coalesce(sum(case when ${stockMovement.kind} = 'issued' then ${stockMovement.quantity} end), 0)::int`,
			returned: sql<number>`coalesce(sum(case when ${stockMovement.kind} = 'returned' then ${stockMovement.quantity} end), 0)::int`,
			lost: sql<number>`coalesce(sum(case when ${stockMovement.kind} = 'written_off' then ${stockMovement.quantity} end), 0)::int`
		})
		.from(stockMovement)
		.innerJoin(assignment, eq(assignment.id, stockMovement.assignmentId))
		.where(and(eq(stockMovement.networkId, networkId), orderId ? eq(assignment.orderId, orderId) : undefined))
		.groupBy(stockMovement.assignmentId, stockMovement.materialId);
}

/** A network's assignments with their makers, accepted pieces and kits (for the reconciliation). */
export async function assignmentsWithKits(db: Db, networkId: string) {
	return db
		.select({
			id: assignment.id,
			orderId: assignment.orderId,
			makerId: assignment.makerId,
			makerName: maker.name,
			accepted: assignment.acceptedPieces,
			status: assignment.status,
			kitId: assignment.kitId,
			kitPieces: kit.pieces
		})
		.from(assignment)
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.innerJoin(order, eq(order.id, assignment.orderId))
		.leftJoin(kit, eq(kit.id, assignment.kitId))
		.where(eq(assignment.networkId, networkId));
}
