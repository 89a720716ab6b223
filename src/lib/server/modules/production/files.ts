import { and, eq, inArray } from 'drizzle-orm';
import { isSignedIn, type ServiceContext } from '../../core';
import type { CoreFile, FileAccess } from '../../core/files';
import { coordinatorRole } from './access';
import { assignment, maker, network, order, pattern } from './schema';

/**
 * Who may read the module's private files: a report photo (owner: the assignment) by the maker and her
 * coordinators; a pattern's files (owner: the pattern) by the network's coordinators and by makers who
 * have an assignment of that pattern.
 */
export async function fileReadCheck(ctx: ServiceContext, f: CoreFile): Promise<FileAccess> {
	if (!f.ownerId || !isSignedIn(ctx.actor)) return null;
	const userId = ctx.actor.userId;
	const [a] = await ctx.db
		.select({ networkId: assignment.networkId, userId: maker.userId })
		.from(assignment)
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.where(eq(assignment.id, f.ownerId));
	if (a) {
		if (a.userId === userId) return 'private';
		return (await isCoordinatorOf(ctx, a.networkId)) ? 'private' : null;
	}
	const [p] = await ctx.db
		.select({ networkId: pattern.networkId })
		.from(pattern)
		.where(eq(pattern.id, f.ownerId));
	if (!p) return null;
	if (await isCoordinatorOf(ctx, p.networkId)) return 'private';
	const mine = await ctx.db
		.select({ id: assignment.id })
		.from(assignment)
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(maker, eq(maker.id, assignment.makerId))
		.where(and(eq(order.patternId, f.ownerId), eq(maker.userId, userId), inArray(maker.status, ['active'])))
		.limit(1);
	return mine.length ? 'private' : null;
}

async function isCoordinatorOf(ctx: ServiceContext, networkId: string) {
	const [net] = await ctx.db.select().from(network).where(eq(network.id, networkId));
	return !!net && !!(await coordinatorRole(ctx, net));
}
