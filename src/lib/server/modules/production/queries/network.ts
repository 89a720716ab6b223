import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { assignment, coordinator, invitation, maker, network } from '../schema';

/** Reads of networks, coordinators, invitations and makers. */

/** Networks a user coordinates, or runs as staff or admin of one of `orgIds`, by name. */
export async function networksOf(db: Db, userId: string, orgIds: string[]) {
	return db
		.select({ id: network.id, name: network.name, country: network.country, demo: network.demo })
		.from(network)
		.where(
			or(
				sql`exists (select 1 from ${coordinator} where ${coordinator.networkId} = ${network.id} and ${coordinator.userId} = ${userId})`,
				orgIds.length ? inArray(network.organizationId, orgIds) : undefined
			)
		)
		.orderBy(asc(network.name));
}

/** A network's coordinators and co-coordinators. */
export async function coordinatorsOf(db: Db, networkId: string) {
	return db
		.select({ userId: coordinator.userId, role: coordinator.role })
		.from(coordinator)
		.where(eq(coordinator.networkId, networkId));
}

/** Locks an invitation that has not been revoked, by its code (the caller checks its expiry). */
export async function lockInvitation(db: Db, code: string) {
	const [row] = await db
		.select()
		.from(invitation)
		.where(and(eq(invitation.code, code), isNull(invitation.revokedAt)))
		.for('update');
	return row ?? null;
}

/** A user's maker profile in a network, if she has one. */
export async function makerOfUser(db: Db, networkId: string, userId: string) {
	const [row] = await db
		.select({ id: maker.id, status: maker.status })
		.from(maker)
		.where(and(eq(maker.networkId, networkId), eq(maker.userId, userId)));
	return row ?? null;
}

/** A network's makers as the coordinator's list shows them (by status, then name). */
export async function makerList(db: Db, networkId: string) {
	return db
		.select({
			id: maker.id,
			name: maker.name,
			regionCode: maker.regionCode,
			districtCode: maker.districtCode,
			village: maker.village,
			phone: maker.phone,
			status: maker.status,
			piecesPerWeek: maker.piecesPerWeek,
			hasAccount: sql<boolean>`${maker.userId} is not null`,
			demo: maker.demo
		})
		.from(maker)
		.where(eq(maker.networkId, networkId))
		.orderBy(asc(maker.status), asc(maker.name));
}

/** A maker's assignments still open (offered or accepted). */
export async function openAssignmentsOf(db: Db, makerId: string) {
	return db
		.select({ id: assignment.id })
		.from(assignment)
		.where(and(eq(assignment.makerId, makerId), inArray(assignment.status, ['offered', 'accepted'])));
}
