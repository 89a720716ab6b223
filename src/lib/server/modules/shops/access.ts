import { and, eq } from 'drizzle-orm';
import { AppError, hasRole, isPlatformAdmin, requireUser, type ServiceContext } from '../../core';
import { shopOwner, type OwnerRole } from './schema';

/**
 * Who may do what with shops:
 * - anyone reads listed shops and products, sends order requests, reports a product;
 * - a shop's owners and co-owners edit it, its products, photos and requests (and alone see buyers'
 *   contacts); only owners add or remove co-owners;
 * - platform staff (platform admins, coalition coordinators of the shop's country) take a shop or a
 *   product down with a reason, and put it back.
 * A shop the actor does not own is NOT_FOUND in the workspace (its existence there is private).
 */

export async function ownerRole(ctx: ServiceContext, shopId: string): Promise<OwnerRole | null> {
	if (!ctx.actor.userId) return null;
	const [row] = await ctx.db
		.select({ role: shopOwner.role })
		.from(shopOwner)
		.where(and(eq(shopOwner.shopId, shopId), eq(shopOwner.userId, ctx.actor.userId)));
	return row?.role ?? null;
}

/** The actor runs this shop (owner or co-owner); NOT_FOUND otherwise. Returns her user id. */
export async function requireShopEditor(ctx: ServiceContext, shopId: string): Promise<string> {
	const userId = requireUser(ctx);
	if (!(await ownerRole(ctx, shopId))) throw new AppError('NOT_FOUND');
	return userId;
}

export async function requireShopOwner(ctx: ServiceContext, shopId: string): Promise<string> {
	const userId = requireUser(ctx);
	const role = await ownerRole(ctx, shopId);
	if (!role) throw new AppError('NOT_FOUND');
	if (role !== 'owner') throw new AppError('FORBIDDEN', { messageKey: 'shops_error_owner_only' });
	return userId;
}

export function isModerator(ctx: ServiceContext, country: string): boolean {
	return isPlatformAdmin(ctx.actor) || hasRole(ctx.actor, 'coalition_coordinator', { country });
}

export function requireModerator(ctx: ServiceContext, country: string): string {
	const userId = requireUser(ctx);
	if (!isModerator(ctx, country)) throw new AppError('FORBIDDEN', { messageKey: 'shops_error_staff_only' });
	return userId;
}
