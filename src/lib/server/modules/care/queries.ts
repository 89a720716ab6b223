import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { careConfirmation, careService } from './schema';
import type { Db } from '../../db';

/**
 * The care module's reads and writes, in Drizzle, with no business rules (what may be shown and
 * who may change it are decided in directory.ts, review.ts and access.ts).
 */

export type ServiceRow = typeof careService.$inferSelect;

/** Entries in state `published` (optionally of one country), by id. */
export async function publishedServices(db: Db, country?: string) {
	const where = country
		? and(eq(careService.state, 'published'), eq(careService.country, country))
		: eq(careService.state, 'published');
	return db.select().from(careService).where(where).orderBy(asc(careService.id));
}

/** Every entry of these countries, whatever its state (the review queue). */
export async function servicesOfCountries(db: Db, countries: string[]) {
	if (countries.length === 0) return [];
	return db
		.select()
		.from(careService)
		.where(inArray(careService.country, countries))
		.orderBy(asc(careService.country), asc(careService.id));
}

export async function serviceById(db: Db, id: string) {
	const [row] = await db.select().from(careService).where(eq(careService.id, id));
	return row ?? null;
}

export async function updateService(db: Db, id: string, set: Partial<typeof careService.$inferInsert>) {
	await db.update(careService).set(set).where(eq(careService.id, id));
}

/** Back to review, unless retired meanwhile. */
export async function returnToReview(db: Db, id: string, reason: string, at: Date) {
	await db
		.update(careService)
		.set({ state: 'review', reviewReason: reason, updatedAt: at })
		.where(and(eq(careService.id, id), ne(careService.state, 'retired')));
}

/** An entry's confirmation history, newest first. */
export async function confirmationsOf(db: Db, serviceId: string) {
	return db
		.select()
		.from(careConfirmation)
		.where(eq(careConfirmation.serviceId, serviceId))
		.orderBy(desc(careConfirmation.id));
}

/** Appends to the history (never updated or deleted). */
export async function insertConfirmation(db: Db, row: typeof careConfirmation.$inferInsert) {
	await db.insert(careConfirmation).values(row);
}
