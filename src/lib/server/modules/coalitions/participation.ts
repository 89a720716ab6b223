import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { commentInput, endorseInput } from './inputs';
import { actingOrganizations, memberOrganizationsOf, requireInsider } from './access';
import { coalitionOr404, itemOr404 } from './lookup';
import {
	AppError,
	once,
	parseInput,
	requireUser,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';

/** Member organizations take part: they endorse recommendations and discuss them (insiders only). */

/** A member organization endorses a recommendation; a second endorsement by it counts once. */
export async function endorse(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof endorseInput>>
) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	const data = parseInput(endorseInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	if (item.kind !== 'recommendation')
		throw new AppError('INVALID', { messageKey: 'coalitions_error_not_endorsable' });
	const acting = await actingOrganizations(ctx, c);
	if (!acting.includes(data.organizationId))
		throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_member_orgs_only' });
	return ctx.db.transaction(async (txDb) => {
		const created = await q.insertEndorsement(txDb, {
			recommendationId: item.id,
			organizationId: data.organizationId,
			userId,
			createdAt: ctx.clock()
		});
		if (created)
			await writeAudit(
				{ ...ctx, db: txDb },
				{
					action: 'coalitions.endorse',
					entity: 'coalitions_recommendation',
					entityId: item.id,
					after: { organizationId: data.organizationId }
				}
			);
		return { created };
	});
}

/**
 * A comment in an item's discussion, by an insider, signed with her name and (when she belongs to
 * one) a member organization of hers: the one she chose, else her first.
 */
export async function addComment(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof commentInput>> & { organizationId?: string | null },
	authorName: string,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireInsider(ctx, c);
	const data = parseInput(commentInput, input);
	await itemOr404(ctx, c.id, data.recommendationId);
	const orgs = await memberOrganizationsOf(ctx, c);
	const organizationId =
		input.organizationId && orgs.some((o) => o.organizationId === input.organizationId)
			? input.organizationId
			: (orgs[0]?.organizationId ?? null);
	return once(ctx, 'coalitions.comment', onceKey, async (tx) => {
		const row = {
			id: randomUUID(),
			recommendationId: data.recommendationId,
			userId,
			authorName: authorName.slice(0, 120) || '—',
			organizationId,
			body: data.body,
			createdAt: tx.clock()
		};
		await q.insertComment(tx.db, row);
		return { id: row.id };
	});
}
