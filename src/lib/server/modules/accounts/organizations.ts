import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	allOrganizations,
	deleteGrant,
	deleteMembership,
	grantsOf,
	grantsOfRole,
	insertGrant,
	insertOrganization,
	membersOfOrganization,
	membershipOf,
	membershipsOf,
	organizationBySlug,
	organizationsOfUser,
	upsertMembership,
	userByEmail
} from './queries';
import { grantInput, memberInput, organizationInput } from './inputs';
import {
	AppError,
	authoredText,
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
	const grants = await grantsOf(db, userId);
	const memberships = await membershipsOf(db, userId);
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
	const existing = await organizationBySlug(ctx.db, data.slug);
	if (existing) throw new AppError('CONFLICT', { fields: { slug: { key: 'error_conflict' } } });
	const row = {
		id: randomUUID(),
		slug: data.slug,
		kind: data.kind,
		name: authoredText(data.name, ctx),
		country: data.country ?? null,
		region: data.region ?? null,
		demo: data.demo ?? false,
		createdAt: ctx.clock(),
		updatedAt: ctx.clock()
	};
	await insertOrganization(ctx.db, row);
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
	return membersOfOrganization(ctx.db, organizationId);
}

/** Adds a member or changes a member's role: organization admins or platform admins. */
export async function setMember(ctx: ServiceContext, input: Unparsed<z.input<typeof memberInput>>) {
	const data = parseInput(memberInput, input);
	requireMember(ctx, data.organizationId, ['admin']);
	const before = await membershipOf(ctx.db, data.organizationId, data.userId);
	await upsertMembership(ctx.db, { ...data, createdAt: ctx.clock() });
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
	await deleteMembership(ctx.db, organizationId, userId);
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
		locale: data.role === 'translator' ? (data.locale ?? null) : null,
		grantedBy: ctx.actor.userId,
		createdAt: ctx.clock()
	};
	await insertGrant(ctx.db, row);
	await writeAudit(ctx, {
		action: 'role.grant',
		entity: 'user',
		entityId: data.userId,
		after: { role: row.role, country: row.country, organizationId: row.organizationId, locale: row.locale }
	});
}

export async function revokeRole(ctx: ServiceContext, input: Unparsed<z.input<typeof grantInput>>) {
	requireAdmin(ctx);
	const data = parseInput(grantInput, input);
	const rows = await grantsOfRole(ctx.db, data.userId, data.role);
	const match = rows.filter(
		(r) =>
			(r.country ?? null) === (data.country ?? null) &&
			(r.organizationId ?? null) === (data.organizationId ?? null) &&
			(r.locale ?? null) === (data.locale ?? null)
	);
	for (const r of match) await deleteGrant(ctx.db, r.id);
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
	const rows = await organizationsOfUser(ctx.db, userId);
	return rows.map((r) => ({ ...r, name: textIn(r.name, ctx.locale) }));
}

export async function getOrganizationBySlug(ctx: ServiceContext, slug: string) {
	return organizationBySlug(ctx.db, slug);
}

/** Every organization, for platform admins. */
export async function listOrganizations(ctx: ServiceContext) {
	requireAdmin(ctx);
	const rows = await allOrganizations(ctx.db);
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
	const user = await userByEmail(ctx.db, email);
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
