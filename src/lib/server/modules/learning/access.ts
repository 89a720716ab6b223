import { AppError, hasRole, isPlatformAdmin, isSignedIn, requireUser, type ServiceContext } from '../../core';
import type { CourseRow } from './queries';

/**
 * Who may do what in learning. Checked inside every service call that needs it.
 * - Anybody reads published courses; nothing is stored for a visitor without an account.
 * - A signed-in learner records her own progress and reads only her own.
 * - Authors: staff and admins of a member organization create courses for their organization and
 *   edit, publish and revoke certificates of that organization's courses. Birge's own courses (no
 *   organization) and every course: platform admins.
 */

export function isAuthor(ctx: ServiceContext): boolean {
	return isSignedIn(ctx.actor) && hasRole(ctx.actor, 'org_staff');
}

/** Organizations she may author for (staff or admin there). */
export function authorOrganizations(ctx: ServiceContext): string[] {
	if (!isSignedIn(ctx.actor)) return [];
	return ctx.actor.memberships
		.filter((m) => m.role === 'staff' || m.role === 'admin')
		.map((m) => m.organizationId);
}

export function mayEdit(ctx: ServiceContext, c: Pick<CourseRow, 'organizationId'>): boolean {
	if (!isSignedIn(ctx.actor)) return false;
	if (isPlatformAdmin(ctx.actor)) return true;
	return c.organizationId !== null && authorOrganizations(ctx).includes(c.organizationId);
}

export function requireEditor(ctx: ServiceContext, c: Pick<CourseRow, 'organizationId'>): string {
	const userId = requireUser(ctx);
	if (!mayEdit(ctx, c)) throw new AppError('FORBIDDEN', { messageKey: 'learning_error_not_author' });
	return userId;
}

export function requireAuthor(ctx: ServiceContext, organizationId: string | null): string {
	const userId = requireUser(ctx);
	if (isPlatformAdmin(ctx.actor)) return userId;
	if (!organizationId || !authorOrganizations(ctx).includes(organizationId))
		throw new AppError('FORBIDDEN', { messageKey: 'learning_error_not_author' });
	return userId;
}

/** A draft is seen only by those who may edit it. */
export function mayRead(ctx: ServiceContext, c: Pick<CourseRow, 'organizationId' | 'publication'>): boolean {
	return c.publication === 'published' || mayEdit(ctx, c);
}
