import { AppError } from './errors';
import type { Actor, OrgMemberRole, Role, ServiceContext } from './context';

/** Access helpers. Services call these; routes never decide access alone. */

export function isSignedIn(actor: Actor): actor is Actor & { userId: string } {
	return actor.userId !== null;
}

export function requireUser(ctx: ServiceContext): string {
	if (!isSignedIn(ctx.actor)) throw new AppError('UNAUTHENTICATED');
	return ctx.actor.userId;
}

export function isPlatformAdmin(actor: Actor): boolean {
	return actor.grants.some((g) => g.role === 'platform_admin');
}

/**
 * Whether the actor holds `role` for the given scope. A grant without a country covers every
 * country; platform admins hold every role everywhere. `org_staff` is also held by staff and
 * admins of an organization (in that organization's country).
 */
export function hasRole(
	actor: Actor,
	role: Role,
	scope: { country?: string | null; organizationId?: string | null } = {}
): boolean {
	if (!isSignedIn(actor)) return false;
	if (role === 'entrepreneur') return true;
	if (isPlatformAdmin(actor)) return true;
	const countryOk = (c: string | null) => c === null || !scope.country || c === scope.country;
	const orgOk = (o: string | null) => o === null || !scope.organizationId || o === scope.organizationId;
	if (actor.grants.some((g) => g.role === role && countryOk(g.country) && orgOk(g.organizationId)))
		return true;
	if (role === 'org_staff') {
		return actor.memberships.some(
			(m) =>
				(m.role === 'staff' || m.role === 'admin') &&
				countryOk(m.country) &&
				(!scope.organizationId || m.organizationId === scope.organizationId)
		);
	}
	return false;
}

export function requireRole(
	ctx: ServiceContext,
	role: Role,
	scope: { country?: string | null; organizationId?: string | null } = {}
): string {
	const userId = requireUser(ctx);
	if (!hasRole(ctx.actor, role, scope)) throw new AppError('FORBIDDEN');
	return userId;
}

export function memberRole(actor: Actor, organizationId: string): OrgMemberRole | null {
	return actor.memberships.find((m) => m.organizationId === organizationId)?.role ?? null;
}

export function requireMember(
	ctx: ServiceContext,
	organizationId: string,
	roles: readonly OrgMemberRole[] = ['member', 'staff', 'admin']
): string {
	const userId = requireUser(ctx);
	if (isPlatformAdmin(ctx.actor)) return userId;
	const role = memberRole(ctx.actor, organizationId);
	if (!role || !roles.includes(role)) throw new AppError('FORBIDDEN');
	return userId;
}
