import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { authUser, organization, organizationMember, roleGrant } from './schema';
import { grantInput, memberInput, organizationInput } from './inputs';
import {
	AppError,
	isPlatformAdmin,
	parseInput,
	requireMember,
	requireUser,
	textIn,
	writeAudit,
	type Actor,
	type Membership,
	type RoleGrant,
	type ServiceContext,
	type Unparsed
} from '../../core';
import type { Db } from '../../db';

/** The actor for a signed-in user: role grants and organization memberships. */
export async function loadActor(db: Db, userId: string): Promise<Actor> {
	const grants = await db
		.select({ role: roleGrant.role, country: roleGrant.country, organizationId: roleGrant.organizationId })
		.from(roleGrant)
		.where(eq(roleGrant.userId, userId));
	const memberships = await db
		.select({
			organizationId: organizationMember.organizationId,
			role: organizationMember.role,
			organizationKind: organization.kind,
			country: organization.country
		})
		.from(organizationMember)
		.innerJoin(organization, eq(organization.id, organizationMember.organizationId))
		.where(eq(organizationMember.userId, userId));
	return {
		userId,
		grants: grants as RoleGrant[],
		memberships: memberships as Membership[]
	};
}

function requireAdmin(ctx: ServiceContext) {
	requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
}

/** Platform admins create organizations. */
export async function createOrganization(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof organizationInput>>
) {
	requireAdmin(ctx);
	const data = parseInput(organizationInput, input);
	const existing = await ctx.db
		.select({ id: organization.id })
		.from(organization)
		.where(eq(organization.slug, data.slug));
	if (existing.length) throw new AppError('CONFLICT', { fields: { slug: { key: 'error_conflict' } } });
	const row = {
		id: randomUUID(),
		slug: data.slug,
		kind: data.kind,
		name: data.name,
		country: data.country ?? null,
		region: data.region ?? null,
		demo: data.demo ?? false,
		createdAt: ctx.clock(),
		updatedAt: ctx.clock()
	};
	await ctx.db.insert(organization).values(row);
	await writeAudit(ctx, {
		action: 'organization.create',
		entity: 'organization',
		entityId: row.id,
		after: row
	});
	return row;
}

/** Members of an organization: its admins (or platform admins) see the list. */
export async function listMembers(ctx: ServiceContext, organizationId: string) {
	requireMember(ctx, organizationId, ['admin', 'staff']);
	return ctx.db
		.select({ userId: organizationMember.userId, role: organizationMember.role, name: authUser.name })
		.from(organizationMember)
		.innerJoin(authUser, eq(authUser.id, organizationMember.userId))
		.where(eq(organizationMember.organizationId, organizationId))
		.orderBy(asc(authUser.name));
}

/** Adds a member or changes a member's role: organization admins or platform admins. */
export async function setMember(ctx: ServiceContext, input: Unparsed<z.input<typeof memberInput>>) {
	const data = parseInput(memberInput, input);
	requireMember(ctx, data.organizationId, ['admin']);
	const [before] = await ctx.db
		.select()
		.from(organizationMember)
		.where(
			and(
				eq(organizationMember.organizationId, data.organizationId),
				eq(organizationMember.userId, data.userId)
			)
		);
	await ctx.db
		.insert(organizationMember)
		.values({ ...data, createdAt: ctx.clock() })
		.onConflictDoUpdate({
			target: [organizationMember.organizationId, organizationMember.userId],
			set: { role: data.role }
		});
	await writeAudit(ctx, {
		action: 'organization.member.set',
		entity: 'organization',
		entityId: data.organizationId,
		before: before ? { userId: before.userId, role: before.role } : null,
		after: { userId: data.userId, role: data.role }
	});
}

export async function removeMember(ctx: ServiceContext, organizationId: string, userId: string) {
	const self = requireUser(ctx);
	if (self !== userId) requireMember(ctx, organizationId, ['admin']);
	await ctx.db
		.delete(organizationMember)
		.where(and(eq(organizationMember.organizationId, organizationId), eq(organizationMember.userId, userId)));
	await writeAudit(ctx, {
		action: 'organization.member.remove',
		entity: 'organization',
		entityId: organizationId,
		before: { userId }
	});
}

/** Grants a platform role (optionally limited to a country or organization): platform admins. */
export async function grantRole(ctx: ServiceContext, input: Unparsed<z.input<typeof grantInput>>) {
	requireAdmin(ctx);
	const data = parseInput(grantInput, input);
	const row = {
		id: randomUUID(),
		userId: data.userId,
		role: data.role,
		country: data.country ?? null,
		organizationId: data.organizationId ?? null,
		grantedBy: ctx.actor.userId,
		createdAt: ctx.clock()
	};
	await ctx.db.insert(roleGrant).values(row).onConflictDoNothing();
	await writeAudit(ctx, {
		action: 'role.grant',
		entity: 'user',
		entityId: data.userId,
		after: { role: row.role, country: row.country, organizationId: row.organizationId }
	});
}

export async function revokeRole(ctx: ServiceContext, input: Unparsed<z.input<typeof grantInput>>) {
	requireAdmin(ctx);
	const data = parseInput(grantInput, input);
	const rows = await ctx.db
		.select()
		.from(roleGrant)
		.where(and(eq(roleGrant.userId, data.userId), eq(roleGrant.role, data.role)));
	const match = rows.filter(
		(r) =>
			(r.country ?? null) === (data.country ?? null) &&
			(r.organizationId ?? null) === (data.organizationId ?? null)
	);
	for (const r of match) await ctx.db.delete(roleGrant).where(eq(roleGrant.id, r.id));
	await writeAudit(ctx, {
		action: 'role.revoke',
		entity: 'user',
		entityId: data.userId,
		before: { role: data.role, country: data.country ?? null }
	});
}

/** The signed-in user's own organizations, for her account page. */
export async function myOrganizations(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	const rows = await ctx.db
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
	return rows.map((r) => ({ ...r, name: textIn(r.name, ctx.locale) }));
}

export async function getOrganizationBySlug(ctx: ServiceContext, slug: string) {
	const [row] = await ctx.db.select().from(organization).where(eq(organization.slug, slug));
	return row ?? null;
}

/** Every organization, for platform admins. */
export async function listOrganizations(ctx: ServiceContext) {
	requireAdmin(ctx);
	const rows = await ctx.db.select().from(organization).orderBy(asc(organization.slug));
	return rows.map((r) => ({ ...r, displayName: textIn(r.name, ctx.locale) }));
}

/** Adds a member by e-mail (the person must have an account): organization admins or platform admins. */
export async function addMemberByEmail(
	ctx: ServiceContext,
	input: { organizationId: string; email: string; role: string }
) {
	requireMember(ctx, input.organizationId, ['admin']);
	const email = String(input.email ?? '')
		.trim()
		.toLowerCase();
	const [user] = await ctx.db.select({ id: authUser.id }).from(authUser).where(eq(authUser.email, email));
	if (!user)
		throw new AppError('NOT_FOUND', {
			fields: { email: { key: 'admin_no_such_account' } },
			messageKey: 'admin_no_such_account'
		});
	await setMember(ctx, {
		organizationId: input.organizationId,
		userId: user.id,
		role: input.role as 'member'
	});
	return { userId: user.id };
}
