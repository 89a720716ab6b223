import * as q from './queries';
import {
	AppError,
	hasRole,
	isPlatformAdmin,
	isSignedIn,
	requireMember,
	requireUser,
	type ServiceContext
} from '../../core';

/**
 * Who may do what in a coalition. Checked inside every service call that needs it.
 * - Coordinators: council chair/coordinator of this coalition, a `coalition_coordinator` grant
 *   for its country (or for every country), or a platform admin. They change statuses, add
 *   timeline entries, review join requests, add recommendations.
 * - Member organizations: organizations whose membership is approved. Their staff and admins act
 *   for them (endorse, leave); any of their people read member contacts and the discussion.
 */

export interface CoalitionRef {
	id: string;
	country: string;
}

export async function isCoordinator(ctx: ServiceContext, c: CoalitionRef): Promise<boolean> {
	if (!isSignedIn(ctx.actor)) return false;
	if (hasRole(ctx.actor, 'coalition_coordinator', { country: c.country })) return true;
	const role = await q.councilRoleOf(ctx.db, c.id, ctx.actor.userId);
	return role === 'chair' || role === 'coordinator';
}

export async function requireCoordinator(ctx: ServiceContext, c: CoalitionRef): Promise<string> {
	const userId = requireUser(ctx);
	if (!(await isCoordinator(ctx, c)))
		throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_not_coordinator' });
	return userId;
}

/** Member organizations of the coalition the actor belongs to, with her role in each. */
export async function memberOrganizationsOf(ctx: ServiceContext, c: CoalitionRef) {
	const mine = ctx.actor.memberships;
	if (!isSignedIn(ctx.actor) || mine.length === 0) return [];
	const ids = await q.memberOrganizationIds(
		ctx.db,
		c.id,
		mine.map((m) => m.organizationId)
	);
	return mine.filter((m) => ids.has(m.organizationId));
}

/** Organizations the actor may act for in this coalition (staff or admin of a member org). */
export async function actingOrganizations(ctx: ServiceContext, c: CoalitionRef): Promise<string[]> {
	return (await memberOrganizationsOf(ctx, c))
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
}

/** Readers of member contacts and the discussion: coordinators, council and member organizations' people. */
export async function isInsider(ctx: ServiceContext, c: CoalitionRef): Promise<boolean> {
	if (!isSignedIn(ctx.actor)) return false;
	if (await isCoordinator(ctx, c)) return true;
	if (await q.councilRoleOf(ctx.db, c.id, ctx.actor.userId)) return true;
	return (await memberOrganizationsOf(ctx, c)).length > 0;
}

export async function requireInsider(ctx: ServiceContext, c: CoalitionRef): Promise<string> {
	const userId = requireUser(ctx);
	if (!(await isInsider(ctx, c)))
		throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_members_only' });
	return userId;
}

/** Council roles are set by platform admins or by the coalition's chair. */
export async function requireChair(ctx: ServiceContext, c: CoalitionRef): Promise<string> {
	const userId = requireUser(ctx);
	if (isPlatformAdmin(ctx.actor)) return userId;
	if ((await q.councilRoleOf(ctx.db, c.id, userId)) !== 'chair') throw new AppError('FORBIDDEN');
	return userId;
}

/** Acting for one organization in the coalition: its staff or admin, or a coordinator. */
export async function requireOrganizationOrCoordinator(
	ctx: ServiceContext,
	c: CoalitionRef,
	organizationId: string
): Promise<string> {
	const userId = requireUser(ctx);
	if (!(await isCoordinator(ctx, c))) requireMember(ctx, organizationId, ['staff', 'admin']);
	return userId;
}

/** Adding a coalition: platform admins only. */
export function requirePlatformAdmin(ctx: ServiceContext): string {
	const userId = requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
	return userId;
}
