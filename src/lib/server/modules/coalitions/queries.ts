import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import {
	coalition,
	comment,
	endorsement,
	file,
	member,
	proposer,
	recommendation,
	source,
	timelineEntry,
	type MemberStatus
} from './schema';
import { organization } from '../accounts/schema';
import type { Db } from '../../db';

/** Reads with no business rules. Organization names are read from the accounts module's table. */

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

export async function itemsOf(db: Db, coalitionIds: string[]) {
	if (coalitionIds.length === 0) return [];
	return db
		.select()
		.from(recommendation)
		.where(inArray(recommendation.coalitionId, coalitionIds))
		.orderBy(asc(recommendation.barrier), asc(recommendation.createdAt), asc(recommendation.id));
}

export async function itemById(db: Db, id: string) {
	const [row] = await db.select().from(recommendation).where(eq(recommendation.id, id));
	return row ?? null;
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

export async function endorsementCounts(db: Db, recommendationIds: string[]) {
	if (recommendationIds.length === 0) return new Map<string, number>();
	const rows = await db
		.select({ id: endorsement.recommendationId, n: count() })
		.from(endorsement)
		.where(inArray(endorsement.recommendationId, recommendationIds))
		.groupBy(endorsement.recommendationId);
	return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function endorsersOf(db: Db, recommendationId: string) {
	return db
		.select({
			organizationId: endorsement.organizationId,
			name: organization.name,
			demo: organization.demo,
			at: endorsement.createdAt
		})
		.from(endorsement)
		.innerJoin(organization, eq(organization.id, endorsement.organizationId))
		.where(eq(endorsement.recommendationId, recommendationId))
		.orderBy(asc(endorsement.createdAt));
}

export async function proposersOf(db: Db, recommendationId: string) {
	return db
		.select({ organizationId: proposer.organizationId, name: organization.name, demo: organization.demo })
		.from(proposer)
		.innerJoin(organization, eq(organization.id, proposer.organizationId))
		.where(eq(proposer.recommendationId, recommendationId));
}

export async function commentsOf(db: Db, recommendationId: string) {
	return db
		.select({ comment, organizationName: organization.name })
		.from(comment)
		.leftJoin(organization, eq(organization.id, comment.organizationId))
		.where(eq(comment.recommendationId, recommendationId))
		.orderBy(asc(comment.createdAt), asc(comment.id));
}

export async function memberCounts(db: Db) {
	const rows = await db
		.select({ id: member.coalitionId, n: count() })
		.from(member)
		.where(eq(member.status, 'member'))
		.groupBy(member.coalitionId);
	return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function membersOf(db: Db, coalitionId: string, statuses: MemberStatus[]) {
	return db
		.select({
			member,
			organizationName: organization.name,
			organizationDemo: organization.demo,
			organizationSlug: organization.slug
		})
		.from(member)
		.leftJoin(organization, eq(organization.id, member.organizationId))
		.where(and(eq(member.coalitionId, coalitionId), inArray(member.status, statuses)))
		.orderBy(desc(member.requestedAt));
}

export async function organizationById(db: Db, id: string) {
	const [row] = await db.select().from(organization).where(eq(organization.id, id));
	return row ?? null;
}

export async function organizationsByIds(db: Db, ids: string[]) {
	if (ids.length === 0) return [];
	return db.select().from(organization).where(inArray(organization.id, ids));
}
