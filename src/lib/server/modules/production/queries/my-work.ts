import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { assignment, kit, maker, network, order, pattern, report, shipment } from '../schema';

/** Reads of the maker's own pages: everything is selected by her own account or her profiles' ids. */

/** Her maker profiles (one per network she works in), by network name. */
export async function makersOfUser(db: Db, userId: string) {
	return db
		.select({
			id: maker.id,
			networkId: maker.networkId,
			status: maker.status,
			network: network.name,
			demo: network.demo
		})
		.from(maker)
		.innerJoin(network, eq(network.id, maker.networkId))
		.where(eq(maker.userId, userId))
		.orderBy(asc(network.name));
}

/** The assignments of her profiles with their patterns (at most 100). */
export async function assignmentsOfMakers(db: Db, makerIds: string[]) {
	return db
		.select({
			id: assignment.id,
			makerId: assignment.makerId,
			quantity: assignment.quantity,
			dueDate: assignment.dueDate,
			status: assignment.status,
			reportedPieces: assignment.reportedPieces,
			acceptedPieces: assignment.acceptedPieces,
			title: pattern.title,
			instructions: pattern.instructions,
			videoLinks: pattern.videoLinks
		})
		.from(assignment)
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(inArray(assignment.makerId, makerIds))
		.orderBy(asc(assignment.status), asc(assignment.dueDate))
		.limit(100);
}

/** An assignment's reports, newest first. */
export async function reportsOfAssignment(db: Db, assignmentId: string) {
	return db
		.select({
			id: report.id,
			pieces: report.pieces,
			acceptedPieces: report.acceptedPieces,
			status: report.status,
			rejectReason: report.rejectReason,
			reworkRequested: report.reworkRequested,
			createdAt: report.createdAt
		})
		.from(report)
		.where(eq(report.assignmentId, assignmentId))
		.orderBy(desc(report.createdAt));
}

/** Kits sent to her profiles, latest first (at most 100). */
export async function shipmentsOfMakers(db: Db, makerIds: string[]) {
	return db
		.select({
			id: shipment.id,
			kitId: shipment.kitId,
			kits: shipment.kits,
			sentOn: shipment.sentOn,
			how: shipment.how,
			name: kit.name,
			pieces: kit.pieces
		})
		.from(shipment)
		.innerJoin(kit, eq(kit.id, shipment.kitId))
		.where(inArray(shipment.makerId, makerIds))
		.orderBy(desc(shipment.sentOn))
		.limit(100);
}
