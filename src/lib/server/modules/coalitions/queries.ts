import { and, asc, count, desc, eq, inArray, max } from 'drizzle-orm';
import {
	agenda,
	agendaVersion,
	coalition,
	comment,
	council,
	endorsement,
	file,
	initiative,
	member,
	proposer,
	recommendation,
	source,
	timelineEntry,
	type MemberStatus
} from './schema';
import type { Db } from '../../db';

/**
 * The coalitions module's reads and writes, in Drizzle, with no business rules. Organizations live
 * in the accounts module: their names are read through its index (`accounts.organizationsOf`),
 * never joined here. Writes take the caller's `db`, so they run in its transaction.
 */

export type CoalitionRow = typeof coalition.$inferSelect;
export type ItemRow = typeof recommendation.$inferSelect;
export type MemberRow = typeof member.$inferSelect;
export type EntryInsert = typeof timelineEntry.$inferInsert;

/* ------------------------------------------------------------ coalitions */

export async function coalitionBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(coalition).where(eq(coalition.slug, slug));
	return row ?? null;
}

export async function allCoalitions(db: Db) {
	return db.select().from(coalition).orderBy(asc(coalition.slug));
}

export async function allSources(db: Db) {
	return db.select().from(source).orderBy(asc(source.key));
}

export async function allInitiatives(db: Db) {
	return db.select().from(initiative).orderBy(asc(initiative.id));
}

export async function insertCoalition(db: Db, row: typeof coalition.$inferInsert) {
	await db.insert(coalition).values(row);
}

export async function setCoalitionProfile(db: Db, id: string, profile: CoalitionRow['profile'], at: Date) {
	await db.update(coalition).set({ profile, updatedAt: at }).where(eq(coalition.id, id));
}

/* --------------------------------------------------------------- council */

export async function councilOf(db: Db, coalitionId: string) {
	return db.select().from(council).where(eq(council.coalitionId, coalitionId));
}

export async function councilRoleOf(db: Db, coalitionId: string, userId: string) {
	const [row] = await db
		.select({ role: council.role })
		.from(council)
		.where(and(eq(council.coalitionId, coalitionId), eq(council.userId, userId)));
	return row?.role ?? null;
}

export async function upsertCouncil(db: Db, row: typeof council.$inferInsert) {
	await db
		.insert(council)
		.values(row)
		.onConflictDoUpdate({
			target: [council.coalitionId, council.userId],
			set: { role: row.role, displayName: row.displayName }
		});
}

/* --------------------------------------------------------------- members */

export async function memberCounts(db: Db) {
	const rows = await db
		.select({ id: member.coalitionId, n: count() })
		.from(member)
		.where(eq(member.status, 'member'))
		.groupBy(member.coalitionId);
	return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Memberships in these statuses, newest request first. */
export async function membersOf(db: Db, coalitionId: string, statuses: MemberStatus[]) {
	return db
		.select()
		.from(member)
		.where(and(eq(member.coalitionId, coalitionId), inArray(member.status, statuses)))
		.orderBy(desc(member.requestedAt), asc(member.id));
}

/** Which of these organizations are members (status `member`) of the coalition. */
export async function memberOrganizationIds(db: Db, coalitionId: string, organizationIds: string[]) {
	if (organizationIds.length === 0) return new Set<string>();
	const rows = await db
		.select({ organizationId: member.organizationId })
		.from(member)
		.where(
			and(
				eq(member.coalitionId, coalitionId),
				eq(member.status, 'member'),
				inArray(member.organizationId, organizationIds)
			)
		);
	return new Set(rows.map((r) => r.organizationId).filter((id): id is string => id !== null));
}

/** The organization's open (pending or member) membership, if any. */
export async function openMembership(db: Db, coalitionId: string, organizationId: string) {
	const [row] = await db
		.select()
		.from(member)
		.where(
			and(
				eq(member.coalitionId, coalitionId),
				eq(member.organizationId, organizationId),
				inArray(member.status, ['pending', 'member'])
			)
		);
	return row ?? null;
}

/** The organization's current membership (status `member`), if any. */
export async function currentMembership(db: Db, coalitionId: string, organizationId: string) {
	const [row] = await db
		.select()
		.from(member)
		.where(
			and(
				eq(member.coalitionId, coalitionId),
				eq(member.organizationId, organizationId),
				eq(member.status, 'member')
			)
		);
	return row ?? null;
}

export async function membershipById(db: Db, coalitionId: string, id: string) {
	const [row] = await db
		.select()
		.from(member)
		.where(and(eq(member.id, id), eq(member.coalitionId, coalitionId)));
	return row ?? null;
}

export async function insertMember(db: Db, row: typeof member.$inferInsert) {
	await db.insert(member).values(row);
}

export async function updateMember(db: Db, id: string, set: Partial<typeof member.$inferInsert>) {
	await db.update(member).set(set).where(eq(member.id, id));
}

/* --------------------------------------------------------------- agendas */

export async function agendasOf(db: Db, coalitionId: string) {
	return db.select().from(agenda).where(eq(agenda.coalitionId, coalitionId)).orderBy(asc(agenda.createdAt));
}

export async function agendaById(db: Db, coalitionId: string, id: string) {
	const [row] = await db
		.select()
		.from(agenda)
		.where(and(eq(agenda.id, id), eq(agenda.coalitionId, coalitionId)));
	return row ?? null;
}

export async function agendaVersionsOf(db: Db, agendaIds: string[]) {
	if (agendaIds.length === 0) return [];
	return db
		.select()
		.from(agendaVersion)
		.where(inArray(agendaVersion.agendaId, agendaIds))
		.orderBy(asc(agendaVersion.number));
}

export async function lastAgendaVersion(db: Db, agendaId: string): Promise<number> {
	const [{ n }] = await db
		.select({ n: max(agendaVersion.number) })
		.from(agendaVersion)
		.where(eq(agendaVersion.agendaId, agendaId));
	return n ?? 0;
}

export async function insertAgenda(db: Db, row: typeof agenda.$inferInsert) {
	await db.insert(agenda).values(row);
}

export async function insertAgendaVersion(db: Db, row: typeof agendaVersion.$inferInsert) {
	await db.insert(agendaVersion).values(row);
}

/* ------------------------------------------------- items and their timeline */

export async function itemsOf(db: Db, coalitionIds: string[]) {
	if (coalitionIds.length === 0) return [];
	return db
		.select()
		.from(recommendation)
		.where(inArray(recommendation.coalitionId, coalitionIds))
		.orderBy(asc(recommendation.barrier), asc(recommendation.createdAt), asc(recommendation.id));
}

export async function itemsOfAgenda(db: Db, agendaId: string) {
	return db
		.select()
		.from(recommendation)
		.where(eq(recommendation.agendaId, agendaId))
		.orderBy(asc(recommendation.createdAt), asc(recommendation.id));
}

export async function itemById(db: Db, id: string) {
	const [row] = await db.select().from(recommendation).where(eq(recommendation.id, id));
	return row ?? null;
}

export async function insertItem(db: Db, row: typeof recommendation.$inferInsert) {
	await db.insert(recommendation).values(row);
}

export async function updateItem(db: Db, id: string, set: Partial<typeof recommendation.$inferInsert>) {
	await db.update(recommendation).set(set).where(eq(recommendation.id, id));
}

export async function insertProposers(db: Db, recommendationId: string, organizationIds: string[]) {
	if (organizationIds.length === 0) return;
	await db
		.insert(proposer)
		.values(organizationIds.map((organizationId) => ({ recommendationId, organizationId })));
}

export async function proposersOf(db: Db, recommendationId: string) {
	return db
		.select({ organizationId: proposer.organizationId })
		.from(proposer)
		.where(eq(proposer.recommendationId, recommendationId))
		.orderBy(asc(proposer.organizationId));
}

export async function entriesOf(db: Db, recommendationIds: string[]) {
	if (recommendationIds.length === 0) return [];
	return db
		.select({
			entry: timelineEntry,
			fileName: file.name,
			fileType: file.contentType,
			sourceTitle: source.title,
			sourceUrl: source.url
		})
		.from(timelineEntry)
		.leftJoin(file, eq(file.id, timelineEntry.evidenceFileId))
		.leftJoin(source, eq(source.key, timelineEntry.evidenceSourceKey))
		.where(inArray(timelineEntry.recommendationId, recommendationIds))
		.orderBy(asc(timelineEntry.seq));
}

export async function entryOfItem(db: Db, entryId: string, recommendationId: string) {
	const [row] = await db
		.select({ id: timelineEntry.id })
		.from(timelineEntry)
		.where(and(eq(timelineEntry.id, entryId), eq(timelineEntry.recommendationId, recommendationId)));
	return row ?? null;
}

/** Appends one entry. The timeline has no update or delete here (and the database refuses both). */
export async function insertEntry(db: Db, row: EntryInsert) {
	await db.insert(timelineEntry).values(row);
}

/* ------------------------------------------------------------------ files */

export async function fileById(db: Db, id: string) {
	const [row] = await db.select().from(file).where(eq(file.id, id));
	return row ?? null;
}

export async function fileOfCoalition(db: Db, id: string, coalitionId: string) {
	const [row] = await db
		.select({ id: file.id })
		.from(file)
		.where(and(eq(file.id, id), eq(file.coalitionId, coalitionId)));
	return row ?? null;
}

export async function insertFile(db: Db, row: typeof file.$inferInsert) {
	await db.insert(file).values(row);
}

/* ---------------------------------------------------- endorsements, comments */

export async function endorsementCounts(db: Db, recommendationIds: string[]) {
	if (recommendationIds.length === 0) return new Map<string, number>();
	const rows = await db
		.select({ id: endorsement.recommendationId, n: count() })
		.from(endorsement)
		.where(inArray(endorsement.recommendationId, recommendationIds))
		.groupBy(endorsement.recommendationId);
	return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function endorsementsOf(db: Db, recommendationId: string) {
	return db
		.select({ organizationId: endorsement.organizationId, at: endorsement.createdAt })
		.from(endorsement)
		.where(eq(endorsement.recommendationId, recommendationId))
		.orderBy(asc(endorsement.createdAt), asc(endorsement.organizationId));
}

/** Inserts the endorsement unless the organization already endorsed; true when it was new. */
export async function insertEndorsement(db: Db, row: typeof endorsement.$inferInsert): Promise<boolean> {
	const inserted = await db
		.insert(endorsement)
		.values(row)
		.onConflictDoNothing()
		.returning({ id: endorsement.recommendationId });
	return inserted.length > 0;
}

export async function commentsOf(db: Db, recommendationId: string) {
	return db
		.select()
		.from(comment)
		.where(eq(comment.recommendationId, recommendationId))
		.orderBy(asc(comment.createdAt), asc(comment.id));
}

export async function insertComment(db: Db, row: typeof comment.$inferInsert) {
	await db.insert(comment).values(row);
}
