import { AppError, hasRole, requireRole, requireUser, type ServiceContext } from '../../core';
import { COUNTRIES } from '#lib/i18n/format';

/**
 * Who may do what in the directory of help. Reading the published directory needs nobody (and
 * reads no session). Reviewing needs the `care_editor` role, granted per country (or for every
 * country; platform admins hold every role): an editor sees and changes only her countries' entries.
 */

/** The countries whose entries the actor may review. */
export function reviewableCountries(ctx: ServiceContext): string[] {
	return COUNTRIES.filter((c) => hasRole(ctx.actor, 'care_editor', { country: c }));
}

/** A care editor of at least one country; returns her countries. */
export function requireEditor(ctx: ServiceContext): string[] {
	requireRole(ctx, 'care_editor');
	const countries = reviewableCountries(ctx);
	if (countries.length === 0) throw new AppError('FORBIDDEN');
	return countries;
}

/**
 * A care editor of this entry's country. An unknown entry is NOT_FOUND for an editor, and
 * FORBIDDEN for anybody else (who may not learn which ids exist).
 */
export function requireEditorOf<T extends { country: string }>(ctx: ServiceContext, row: T | null): T {
	requireUser(ctx);
	if (!row) {
		requireEditor(ctx);
		throw new AppError('NOT_FOUND');
	}
	requireRole(ctx, 'care_editor', { country: row.country });
	return row;
}
