import { and, asc, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { kit, kitLine, material, pattern, patternFile, rate } from '../schema';

/** Reads of patterns, piece rates, materials and kits. */

/** A pattern of the network (the whole row), or null. */
export async function patternRow(db: Db, networkId: string, patternId: string) {
	const [row] = await db
		.select()
		.from(pattern)
		.where(and(eq(pattern.id, patternId), eq(pattern.networkId, networkId)));
	return row ?? null;
}

/** A network's patterns, newest first. */
export async function patternsOf(db: Db, networkId: string) {
	return db.select().from(pattern).where(eq(pattern.networkId, networkId)).orderBy(desc(pattern.createdAt));
}

export async function patternFilesOf(db: Db, patternIds: string[]) {
	if (!patternIds.length) return [];
	return db.select().from(patternFile).where(inArray(patternFile.patternId, patternIds));
}

/**
 * The rates of a pattern valid on a day, for everybody or for this maker, the latest started first
 * (the use case picks her own, else the general one).
 */
export async function ratesValidOn(db: Db, patternId: string, makerId: string, day: string) {
	return db
		.select({ makerId: rate.makerId, rateMinor: rate.rateMinor })
		.from(rate)
		.where(
			and(
				eq(rate.patternId, patternId),
				lte(rate.validFrom, day),
				or(isNull(rate.validTo), gte(rate.validTo, day)),
				or(isNull(rate.makerId), eq(rate.makerId, makerId))
			)
		)
		.orderBy(desc(rate.validFrom), desc(rate.createdAt));
}

export async function patternDefaultRate(db: Db, patternId: string): Promise<number | null> {
	const [row] = await db
		.select({ rate: pattern.defaultRateMinor })
		.from(pattern)
		.where(eq(pattern.id, patternId));
	return row?.rate ?? null;
}

/** Every rate of a pattern (general ones and per-maker overrides), the latest first. */
export async function ratesOf(db: Db, patternId: string) {
	return db
		.select()
		.from(rate)
		.where(eq(rate.patternId, patternId))
		.orderBy(asc(rate.makerId), desc(rate.validFrom));
}

/** A network's materials by name. */
export async function materialsOf(db: Db, networkId: string) {
	return db.select().from(material).where(eq(material.networkId, networkId)).orderBy(asc(material.name));
}

/** A network's kits by name. */
export async function kitsOf(db: Db, networkId: string) {
	return db.select().from(kit).where(eq(kit.networkId, networkId)).orderBy(asc(kit.name));
}

/** The bill of materials of some kits, with the materials' names and units. */
export async function kitLinesWithMaterials(db: Db, kitIds: string[]) {
	if (!kitIds.length) return [];
	return db
		.select({
			kitId: kitLine.kitId,
			materialId: kitLine.materialId,
			quantity: kitLine.quantity,
			name: material.name,
			unit: material.unit
		})
		.from(kitLine)
		.innerJoin(material, eq(material.id, kitLine.materialId))
		.where(inArray(kitLine.kitId, kitIds));
}

/** One kit's bill of materials. */
export async function kitLines(db: Db, kitId: string) {
	return db.select().from(kitLine).where(eq(kitLine.kitId, kitId));
}

/** The bill-of-materials lines of every kit of a network. */
export async function networkKitLines(db: Db, networkId: string) {
	return db
		.select({ kitId: kitLine.kitId, materialId: kitLine.materialId, quantity: kitLine.quantity })
		.from(kitLine)
		.innerJoin(kit, eq(kit.id, kitLine.kitId))
		.where(eq(kit.networkId, networkId));
}
