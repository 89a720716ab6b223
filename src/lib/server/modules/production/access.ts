import { and, eq } from 'drizzle-orm';
import {
	AppError,
	isPlatformAdmin,
	isSignedIn,
	memberRole,
	requireUser,
	type ServiceContext
} from '../../core';
import { coordinator, maker, network, type Network } from './schema';

/**
 * Who may do what in a home production network. Checked inside every service call.
 * - Coordinators: the network's coordinator and co-coordinators, staff or admins of the organization
 *   that runs it, platform admins. A coordinator of one network is nobody in another: what she may not
 *   see is NOT_FOUND (its existence is private).
 * - Makers: only their own profile, assignments, kits, reports and ledger.
 */

export async function coordinatorRole(ctx: ServiceContext, net: Network): Promise<string | null> {
	if (!isSignedIn(ctx.actor)) return null;
	if (isPlatformAdmin(ctx.actor)) return 'admin';
	const [row] = await ctx.db
		.select({ role: coordinator.role })
		.from(coordinator)
		.where(and(eq(coordinator.networkId, net.id), eq(coordinator.userId, ctx.actor.userId)));
	if (row) return row.role;
	if (net.organizationId) {
		const role = memberRole(ctx.actor, net.organizationId);
		if (role === 'staff' || role === 'admin') return 'organization';
	}
	return null;
}

/** The network, for one of its coordinators; NOT_FOUND for anybody else. */
export async function requireCoordinator(ctx: ServiceContext, networkId: string): Promise<Network> {
	const userId = requireUser(ctx);
	// One statement: the network with her coordinator row, if any (every coordinator page starts here).
	const [row] = await ctx.db
		.select({ net: network, role: coordinator.role })
		.from(network)
		.leftJoin(coordinator, and(eq(coordinator.networkId, network.id), eq(coordinator.userId, userId)))
		.where(eq(network.id, networkId));
	return coordinatedNetwork(ctx, row);
}

/**
 * The access decision of requireCoordinator on a network row read with her coordinator role (a read
 * that fetches more in the same statement, like the queue's, decides here): the network when she
 * coordinates it, is a platform admin, or is staff or admin of its organization; NOT_FOUND otherwise.
 */
export function coordinatedNetwork(
	ctx: ServiceContext,
	row: { net: Network; role: string | null } | null | undefined
): Network {
	if (!row) throw new AppError('NOT_FOUND');
	if (row.role || isPlatformAdmin(ctx.actor)) return row.net;
	const member = row.net.organizationId ? memberRole(ctx.actor, row.net.organizationId) : null;
	if (member !== 'staff' && member !== 'admin') throw new AppError('NOT_FOUND');
	return row.net;
}

/** The actor's own maker profile in a network; NOT_FOUND when she has none. */
export async function requireOwnMaker(ctx: ServiceContext, makerId: string) {
	const userId = requireUser(ctx);
	const [row] = await ctx.db
		.select()
		.from(maker)
		.where(and(eq(maker.id, makerId), eq(maker.userId, userId)));
	if (!row) throw new AppError('NOT_FOUND');
	return row;
}

/** A maker of the network (for its coordinators); NOT_FOUND when she belongs to another network. */
export async function makerInNetwork(ctx: ServiceContext, net: Network, makerId: string) {
	const [row] = await ctx.db
		.select()
		.from(maker)
		.where(and(eq(maker.id, makerId), eq(maker.networkId, net.id)));
	if (!row) throw new AppError('NOT_FOUND');
	return row;
}

/** A maker profile the actor may read: her own, or one in a network she coordinates. */
export async function requireMakerReader(ctx: ServiceContext, makerId: string) {
	const userId = requireUser(ctx);
	const [row] = await ctx.db.select().from(maker).where(eq(maker.id, makerId));
	if (!row) throw new AppError('NOT_FOUND');
	if (row.userId === userId) return { maker: row, asCoordinator: false };
	const [net] = await ctx.db.select().from(network).where(eq(network.id, row.networkId));
	if (!net || !(await coordinatorRole(ctx, net))) throw new AppError('NOT_FOUND');
	return { maker: row, asCoordinator: true, network: net };
}
