import { AppError, hasRole, isSignedIn, requireUser, type ServiceContext } from '../../core';
import { REGION } from './schema';

/**
 * Who may do what in impact. Coordinators (`coalition_coordinator` for a country, or for every
 * country, and platform admins) enter stories, reach, framework entries, values and survey answers
 * for their country and approve values there; region-wide figures (`RG`) need a grant for every
 * country. A value is approved by a second coordinator, never the one who entered it. The public sees
 * only approved, aggregated, non-suppressed figures.
 */

export function isCoordinator(ctx: ServiceContext, country?: string | null): boolean {
	if (!isSignedIn(ctx.actor)) return false;
	if (!country) return hasRole(ctx.actor, 'coalition_coordinator');
	// A grant for one country does not cover region-wide figures.
	if (country === REGION)
		return ctx.actor.grants.some(
			(g) => (g.role === 'coalition_coordinator' && g.country === null) || g.role === 'platform_admin'
		);
	return hasRole(ctx.actor, 'coalition_coordinator', { country });
}

export function requireCoordinator(ctx: ServiceContext, country?: string | null): string {
	const userId = requireUser(ctx);
	if (!isCoordinator(ctx, country))
		throw new AppError('FORBIDDEN', { messageKey: 'impact_error_not_coordinator' });
	return userId;
}

/** The countries (and RG) the actor coordinates; empty for everybody else. */
export function coordinatedCountries(ctx: ServiceContext): string[] {
	return ['KG', 'KZ', 'TJ', 'UZ', REGION].filter((c) => isCoordinator(ctx, c));
}
