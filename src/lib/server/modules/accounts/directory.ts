import type { ServiceContext } from '../../core/context';
import type { I18nText } from '../../core/text';
import type { OrganizationKind } from './schema';
import { contactsByIds, organizationsByIds, userByEmail } from './queries';

/**
 * Reads of accounts that other modules need (who to notify, whose name to show), so that no module
 * joins the accounts tables itself. These are internal reads for services, not user-facing access
 * checks: the calling module decides what its actor may see.
 */

/** How to reach each user: e-mail (`*.invalid` for phone-only accounts), phone, preferred language. */
export interface Contact {
	id: string;
	name: string;
	email: string;
	phone: string | null;
	locale: string | null;
}

export async function contactsOf(
	ctx: ServiceContext,
	userIds: readonly string[]
): Promise<Map<string, Contact>> {
	const ids = [...new Set(userIds)];
	if (!ids.length) return new Map();
	const rows = await contactsByIds(ctx.db, ids);
	return new Map(rows.map((r) => [r.id, r]));
}

/** Display names by user id (history, "proposed by"). Unknown ids are left out. */
export async function namesOf(ctx: ServiceContext, userIds: readonly string[]): Promise<Map<string, string>> {
	const contacts = await contactsOf(ctx, userIds);
	return new Map([...contacts].map(([id, c]) => [id, c.name]));
}

/** The user with this e-mail (case-insensitive), or null. */
export async function findUserByEmail(
	ctx: ServiceContext,
	email: string
): Promise<{ id: string; name: string } | null> {
	const row = await userByEmail(ctx.db, email.trim().toLowerCase());
	return row ? { id: row.id, name: row.name } : null;
}

/** What other modules show of an organization: its name (every language), kind, country, demo label. */
export interface OrganizationSummary {
	id: string;
	slug: string;
	kind: OrganizationKind;
	name: I18nText;
	country: string | null;
	demo: boolean;
}

/** Organizations by id (coalition members, endorsers, proposers). Unknown ids are left out. */
export async function organizationsOf(
	ctx: ServiceContext,
	ids: readonly (string | null | undefined)[]
): Promise<Map<string, OrganizationSummary>> {
	const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
	if (!wanted.length) return new Map();
	const rows = await organizationsByIds(ctx.db, wanted);
	return new Map(rows.map((r) => [r.id, r]));
}
