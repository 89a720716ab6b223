import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { balance, coordinator, ledgerEntry, maker, network } from '../schema';

/** Reads of the ledger and the running balances (the writes are in work.ts). */

/** The correction that names an entry, if one was made. */
export async function correctionOf(db: Db, entryId: number) {
	const [row] = await db
		.select({ id: ledgerEntry.id })
		.from(ledgerEntry)
		.where(eq(ledgerEntry.corrects, entryId));
	return row ?? null;
}

/**
 * One statement: her profile's account and network, her running-balance row, and whether `userId`
 * coordinates the network (the use case decides access on it).
 */
export async function balanceWithAccess(db: Db, makerId: string, userId: string) {
	const [row] = await db
		.select({
			userId: maker.userId,
			organizationId: network.organizationId,
			currency: network.currency,
			earnedMinor: balance.earnedMinor,
			paidMinor: balance.paidMinor,
			balanceMinor: balance.balanceMinor,
			isCoordinator: sql<boolean>`exists (select 1 from ${coordinator} where ${coordinator.networkId} = ${network.id} and ${coordinator.userId} = ${userId})`
		})
		.from(maker)
		.innerJoin(network, eq(network.id, maker.networkId))
		.leftJoin(balance, eq(balance.makerId, maker.id))
		.where(eq(maker.id, makerId));
	return row ?? null;
}

/** A maker's latest entries, newest first. */
export async function entriesOf(db: Db, makerId: string, limit: number) {
	return db
		.select()
		.from(ledgerEntry)
		.where(eq(ledgerEntry.makerId, makerId))
		.orderBy(desc(ledgerEntry.id))
		.limit(limit);
}

/** The sum of a maker's entries before a moment (a statement's opening balance). */
export async function sumBefore(db: Db, makerId: string, before: Date): Promise<number> {
	const [{ opening }] = await db
		.select({ opening: sql<string>`coalesce(sum(${ledgerEntry.amountMinor}), 0)` })
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.makerId, makerId), lt(ledgerEntry.at, before)));
	return Number(opening);
}

/** A maker's entries in [from, to), oldest first. */
export async function entriesBetween(db: Db, makerId: string, from: Date, to: Date) {
	return db
		.select()
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.makerId, makerId), gte(ledgerEntry.at, from), lt(ledgerEntry.at, to)))
		.orderBy(asc(ledgerEntry.id));
}

/** Every entry of a network (in [from, to) when given), oldest first, with the maker's name. */
export async function networkEntries(db: Db, networkId: string, bounds: [Date, Date] | null) {
	return db
		.select({ entry: ledgerEntry, name: maker.name })
		.from(ledgerEntry)
		.innerJoin(maker, eq(maker.id, ledgerEntry.makerId))
		.where(
			and(
				eq(ledgerEntry.networkId, networkId),
				bounds ? gte(ledgerEntry.at, bounds[0]) : undefined,
				bounds ? lt(ledgerEntry.at, bounds[1]) : undefined
			)
		)
		.orderBy(asc(ledgerEntry.id));
}
