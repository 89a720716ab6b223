import { isSignedIn, type ServiceContext } from '../../core';
import type { CoreFile, FileAccess } from '../../core/files';
import { coordinatorRole } from './access';
import * as q from './queries';

/**
 * Who may read the module's private files: a report photo (owner: the assignment) by the maker and her
 * coordinators; a pattern's files (owner: the pattern) by the network's coordinators and by makers who
 * have an assignment of that pattern.
 */
export async function fileReadCheck(ctx: ServiceContext, f: CoreFile): Promise<FileAccess> {
	if (!f.ownerId || !isSignedIn(ctx.actor)) return null;
	const userId = ctx.actor.userId;
	const a = await q.assignmentOwner(ctx.db, f.ownerId);
	if (a) {
		if (a.userId === userId) return 'private';
		return (await isCoordinatorOf(ctx, a.networkId)) ? 'private' : null;
	}
	const p = await q.patternNetwork(ctx.db, f.ownerId);
	if (!p) return null;
	if (await isCoordinatorOf(ctx, p.networkId)) return 'private';
	return (await q.hasAssignmentOfPattern(ctx.db, f.ownerId, userId)) ? 'private' : null;
}

async function isCoordinatorOf(ctx: ServiceContext, networkId: string) {
	const net = await q.networkById(ctx.db, networkId);
	return !!net && !!(await coordinatorRole(ctx, net));
}
