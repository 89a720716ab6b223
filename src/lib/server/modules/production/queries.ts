import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { assignment, balance, ledgerEntry, material, report, type EntryKind } from './schema';

/**
 * The production module's locking reads and its ledger writes: the few statements whose order and
 * locks carry the rules (one earning per report, stock never negative, balance = sum of entries).
 * No business rules here; the use cases decide.
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
