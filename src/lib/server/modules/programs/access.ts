import { AppError, hasRole, requireUser, type Actor, type ServiceContext } from '../../core';

/**
 * Who may do what with programs:
 * - anyone reads published programs, checks eligibility, searches;
 * - organization staff (and coordinators) propose and edit programs in their country;
 * - coalition coordinators review and publish in their country (platform admins everywhere).
 * A regional program (country REGIONAL) needs the role for every country it lists, or a grant
 * without a country limit.
 */

interface Scoped {
	country: string;
	countries: string[];
}

function scopes(p: Scoped): (string | null)[] {
	if (p.country !== 'REGIONAL') return [p.country];
	return p.countries.length ? p.countries : ['REGIONAL'];
}

export function canEdit(actor: Actor, p: Scoped): boolean {
	return scopes(p).every(
		(country) =>
			hasRole(actor, 'org_staff', { country }) || hasRole(actor, 'coalition_coordinator', { country })
	);
}

export function canPublish(actor: Actor, p: Scoped): boolean {
	return scopes(p).every((country) => hasRole(actor, 'coalition_coordinator', { country }));
}

/** Whether the actor curates anything at all (shows the curation link). */
export function isCurator(actor: Actor): boolean {
	return ['KG', 'KZ', 'TJ', 'UZ'].some((country) => canEdit(actor, { country, countries: [] }));
}

export function requireEdit(ctx: ServiceContext, p: Scoped): string {
	const userId = requireUser(ctx);
	if (!canEdit(ctx.actor, p))
		throw new AppError('FORBIDDEN', { messageKey: 'programs_error_edit_forbidden' });
	return userId;
}

export function requirePublish(ctx: ServiceContext, p: Scoped): string {
	const userId = requireUser(ctx);
	if (!canPublish(ctx.actor, p))
		throw new AppError('FORBIDDEN', { messageKey: 'programs_error_publish_forbidden' });
	return userId;
}
