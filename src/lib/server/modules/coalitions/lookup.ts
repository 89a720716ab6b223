import * as q from './queries';
import { AppError, textIn, type ServiceContext } from '../../core';
import { accounts } from '../accounts';

/** The lookups every use case starts with: an unknown coalition or item is NOT_FOUND. */

export async function coalitionOr404(ctx: ServiceContext, slug: string) {
	const c = await q.coalitionBySlug(ctx.db, slug);
	if (!c) throw new AppError('NOT_FOUND');
	return c;
}

/** An item of this coalition (an item of another coalition is not found through this one). */
export async function itemOr404(ctx: ServiceContext, coalitionId: string, id: string) {
	const item = await q.itemById(ctx.db, id);
	if (!item || item.coalitionId !== coalitionId) throw new AppError('NOT_FOUND');
	return item;
}

export interface OrganizationName {
	id: string;
	name: string;
	demo: boolean;
}

/** Organizations' names in the visitor's language, read through the accounts module. */
export async function organizationNames(
	ctx: ServiceContext,
	ids: readonly (string | null | undefined)[]
): Promise<Map<string, OrganizationName>> {
	const orgs = await accounts.organizationsOf(ctx, ids);
	return new Map([...orgs].map(([id, o]) => [id, { id, name: textIn(o.name, ctx.locale), demo: o.demo }]));
}
