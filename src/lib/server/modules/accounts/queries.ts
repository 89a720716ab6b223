import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import {
	authAccount,
	authSession,
	authUser,
	authVerification,
	organization,
	organizationMember,
	roleGrant
} from './schema';
import type { Db } from '../../db';

/**
 * The accounts module's reads and writes, in Drizzle, with no business rules (who may do what is
 * decided in service.ts and organizations.ts; Better Auth's own writes go through its API there).
 * Writes take the caller's `db`, so they run in its transaction.
 */

export type OrganizationRow = typeof organization.$inferSelect;

/* ----------------------------------------------------------------- users */

/** The user with exactly this e-mail (no normalization here), or null. */
export async function userByEmail(db: Db, email: string) {
	const [row] = await db
		.select({ id: authUser.id, name: authUser.name, locale: authUser.locale })
		.from(authUser)
		.where(eq(authUser.email, email));
	return row ?? null;
}

/** Whether an account has this phone number (E.164). */
export async function phoneTaken(db: Db, phone: string): Promise<boolean> {
	const [row] = await db.select({ id: authUser.id }).from(authUser).where(eq(authUser.phoneNumber, phone));
	return !!row;
}

/** How to reach these users (id, name, e-mail, phone, locale). Unknown ids are left out. */
export async function contactsByIds(db: Db, ids: readonly string[]) {
	if (ids.length === 0) return [];
	return db
		.select({
			id: authUser.id,
			name: authUser.name,
			email: authUser.email,
			phone: authUser.phoneNumber,
			locale: authUser.locale
		})
		.from(authUser)
		.where(inArray(authUser.id, [...ids]));
}

/**
 * Deletes the user with this e-mail if she has no credential (auth account) and no session.
 * Returns whether a row was deleted.
 */
export async function deleteUserWithoutCredentialOrSession(db: Db, email: string): Promise<boolean> {
	const deleted = await db
		.delete(authUser)
		.where(
			and(
				eq(authUser.email, email),
				sql`not exists (select 1 from ${authAccount} where ${authAccount.userId} = ${authUser.id})`,
				sql`not exists (select 1 from ${authSession} where ${authSession.userId} = ${authUser.id})`
			)
		)
		.returning({ id: authUser.id });
	return deleted.length > 0;
}

/* -------------------------------------------------------------- sessions */

/** The token of this session if it belongs to this user, or null. */
export async function sessionTokenOf(db: Db, sessionId: string, userId: string) {
	const [row] = await db
		.select({ token: authSession.token })
		.from(authSession)
		.where(and(eq(authSession.id, sessionId), eq(authSession.userId, userId)));
	return row?.token ?? null;
}

/* --------------------------------------------------------- verifications */

/** The verification with this identifier that has not expired at `now`, or null. */
export async function liveVerification(db: Db, identifier: string, now: Date) {
	const [row] = await db
		.select()
		.from(authVerification)
		.where(and(eq(authVerification.identifier, identifier), gt(authVerification.expiresAt, now)));
	return row ?? null;
}

export async function insertVerification(db: Db, row: typeof authVerification.$inferInsert) {
	await db.insert(authVerification).values(row);
}

export async function deleteVerificationsByIdentifier(db: Db, identifier: string) {
	await db.delete(authVerification).where(eq(authVerification.identifier, identifier));
}

export async function deleteVerification(db: Db, id: string) {
	await db.delete(authVerification).where(eq(authVerification.id, id));
}

/* ---------------------------------------------------------- role grants */

/** A user's role grants (role, country, organization). */
export async function grantsOf(db: Db, userId: string) {
	return db
		.select({
			role: roleGrant.role,
			country: roleGrant.country,
			organizationId: roleGrant.organizationId,
			locale: roleGrant.locale
		})
		.from(roleGrant)
		.where(eq(roleGrant.userId, userId));
}

/** A user's grants of one role, whatever their country or organization. */
export async function grantsOfRole(db: Db, userId: string, role: string) {
	return db
		.select()
		.from(roleGrant)
		.where(and(eq(roleGrant.userId, userId), eq(roleGrant.role, role)));
}

/** Inserts the grant unless the same one exists already. */
export async function insertGrant(db: Db, row: typeof roleGrant.$inferInsert) {
	await db.insert(roleGrant).values(row).onConflictDoNothing();
}

export async function deleteGrant(db: Db, id: string) {
	await db.delete(roleGrant).where(eq(roleGrant.id, id));
}

/* --------------------------------------------------------- organizations */

export async function organizationBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(organization).where(eq(organization.slug, slug));
	return row ?? null;
}

export async function allOrganizations(db: Db) {
	return db.select().from(organization).orderBy(asc(organization.slug));
}

/** Organizations by id (summary columns). Unknown ids are left out. */
export async function organizationsByIds(db: Db, ids: readonly string[]) {
	if (ids.length === 0) return [];
	return db
		.select({
			id: organization.id,
			slug: organization.slug,
			kind: organization.kind,
			name: organization.name,
			country: organization.country,
			demo: organization.demo
		})
		.from(organization)
		.where(inArray(organization.id, [...ids]));
}

export async function insertOrganization(db: Db, row: typeof organization.$inferInsert) {
	await db.insert(organization).values(row);
}

/* ------------------------------------------------- organization members */

/** A user's memberships, with each organization's kind and country. */
export async function membershipsOf(db: Db, userId: string) {
	return db
		.select({
			organizationId: organizationMember.organizationId,
			role: organizationMember.role,
			organizationKind: organization.kind,
			country: organization.country
		})
		.from(organizationMember)
		.innerJoin(organization, eq(organization.id, organizationMember.organizationId))
		.where(eq(organizationMember.userId, userId));
}

/** A user's organizations with her role in each. */
export async function organizationsOfUser(db: Db, userId: string) {
	return db
		.select({
			id: organization.id,
			slug: organization.slug,
			kind: organization.kind,
			name: organization.name,
			country: organization.country,
			demo: organization.demo,
			role: organizationMember.role
		})
		.from(organizationMember)
		.innerJoin(organization, eq(organization.id, organizationMember.organizationId))
		.where(eq(organizationMember.userId, userId));
}

/** An organization's members (user id, role, name), by name. */
export async function membersOfOrganization(db: Db, organizationId: string) {
	return db
		.select({ userId: organizationMember.userId, role: organizationMember.role, name: authUser.name })
		.from(organizationMember)
		.innerJoin(authUser, eq(authUser.id, organizationMember.userId))
		.where(eq(organizationMember.organizationId, organizationId))
		.orderBy(asc(authUser.name));
}

/** The user's membership of the organization, or null. */
export async function membershipOf(db: Db, organizationId: string, userId: string) {
	const [row] = await db
		.select()
		.from(organizationMember)
		.where(and(eq(organizationMember.organizationId, organizationId), eq(organizationMember.userId, userId)));
	return row ?? null;
}

/** Adds the membership, or changes its role if the user is a member already. */
export async function upsertMembership(db: Db, row: typeof organizationMember.$inferInsert) {
	await db
		.insert(organizationMember)
		.values(row)
		.onConflictDoUpdate({
			target: [organizationMember.organizationId, organizationMember.userId],
			set: { role: row.role }
		});
}

export async function deleteMembership(db: Db, organizationId: string, userId: string) {
	await db
		.delete(organizationMember)
		.where(and(eq(organizationMember.organizationId, organizationId), eq(organizationMember.userId, userId)));
}

/* ------------------------------------------------------------ translators */

/** Every translator grant with the person's name and e-mail. */
export async function translatorGrants(db: Db) {
	return db
		.select({
			id: roleGrant.id,
			userId: roleGrant.userId,
			name: authUser.name,
			email: authUser.email,
			locale: roleGrant.locale,
			createdAt: roleGrant.createdAt
		})
		.from(roleGrant)
		.innerJoin(authUser, eq(authUser.id, roleGrant.userId))
		.where(eq(roleGrant.role, 'translator'))
		.orderBy(asc(authUser.email), asc(roleGrant.locale));
}

/** A user's translator grants. */
export async function translatorGrantsOf(db: Db, userId: string) {
	return grantsOfRole(db, userId, 'translator');
}

/** One translator grant by id (null when absent or not a translator's). */
export async function translatorGrantById(db: Db, id: string) {
	const [row] = await db
		.select()
		.from(roleGrant)
		.where(and(eq(roleGrant.id, id), eq(roleGrant.role, 'translator')));
	return row ?? null;
}
