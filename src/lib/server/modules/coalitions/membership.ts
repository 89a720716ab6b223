import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { joinInput, memberProfileInput, reviewInput } from './inputs';
import { requireCoordinator, requireOrganizationOrCoordinator } from './access';
import { coalitionOr404, organizationNames } from './lookup';
import {
	AppError,
	once,
	parseInput,
	reference,
	requireMember,
	requireUser,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { accounts } from '../accounts';

/**
 * Membership: an organization asks to join, a coordinator approves or declines, the member keeps
 * its profile in the coalition, and leaves (or is removed). Rows are never deleted: a request that
 * was declined or a membership that ended stays as history.
 */

async function checkRegion(ctx: ServiceContext, region: string | undefined) {
	if (region && !(await reference.getDivision(ctx, region)))
		throw new AppError('INVALID', { fields: { region: { key: 'error_field_choice' } } });
}

/** An organization asks to join; its staff/admin asks for it, or a new organization is proposed. */
export async function requestJoin(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof joinInput>>,
	onceKey?: string | null
) {
	const userId = requireUser(ctx);
	const c = await coalitionOr404(ctx, slug);
	const data = parseInput(joinInput, input);
	let orgType: string = data.organizationKind ?? 'other';
	if (data.organizationId) {
		requireMember(ctx, data.organizationId, ['staff', 'admin']);
		const org = (await accounts.organizationsOf(ctx, [data.organizationId])).get(data.organizationId);
		if (!org) throw new AppError('NOT_FOUND');
		orgType = org.kind;
	}
	await checkRegion(ctx, data.region);
	return once(ctx, 'coalitions.join', onceKey, async (tx) => {
		if (data.organizationId && (await q.openMembership(tx.db, c.id, data.organizationId)))
			throw new AppError('CONFLICT', { messageKey: 'coalitions_error_already_requested' });
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			organizationId: data.organizationId ?? null,
			proposedOrganization: data.organizationId
				? null
				: { name: data.organizationName!, kind: data.organizationKind ?? 'other' },
			status: 'pending' as const,
			orgType,
			region: data.region ?? null,
			womenRepresented: data.womenRepresented ?? null,
			barriers: data.barriers,
			contacts: {
				person: data.contactPerson ?? null,
				email: data.contactEmail ?? null,
				phone: data.contactPhone ?? null
			},
			listed: data.listed,
			message: data.message ?? null,
			requestedBy: userId,
			requestedAt: tx.clock()
		};
		await q.insertMember(tx.db, row);
		await writeAudit(tx, {
			action: 'coalitions.join.request',
			entity: 'coalitions_member',
			entityId: row.id,
			after: { coalition: c.slug, organizationId: row.organizationId, proposed: row.proposedOrganization }
		});
		return { id: row.id };
	});
}

/** The review queue: pending requests (coordinators). */
export async function listJoinRequests(ctx: ServiceContext, slug: string) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const [rows, divisions] = await Promise.all([
		q.membersOf(ctx.db, c.id, ['pending']),
		reference.listDivisions(ctx, c.country)
	]);
	const regions = new Map(divisions.map((d) => [d.code, d.name]));
	const names = await organizationNames(
		ctx,
		rows.map((r) => r.organizationId)
	);
	return rows.map((r) => ({
		id: r.id,
		name: (r.organizationId && names.get(r.organizationId)?.name) || (r.proposedOrganization?.name ?? ''),
		isNew: r.organizationId === null,
		type: r.orgType,
		region: r.region ? (regions.get(r.region) ?? r.region) : null,
		womenRepresented: r.womenRepresented,
		barriers: r.barriers,
		contacts: r.contacts,
		listed: r.listed,
		message: r.message,
		requestedAt: r.requestedAt.toISOString()
	}));
}

/**
 * A coordinator approves or declines a request. Approving a request for an organization that is
 * not yet in Birge creates it (in the coalition's country) and makes the requester its admin: the
 * coordinator onboards organizations for her coalition, so the accounts module is called with
 * platform rights for that one step, after this module's own check.
 */
export async function reviewJoin(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof reviewInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	const reviewerId = await requireCoordinator(ctx, c);
	const data = parseInput(reviewInput, input);
	return ctx.db.transaction(async (txDb) => {
		const tx = { ...ctx, db: txDb };
		const row = await q.membershipById(txDb, c.id, data.memberId);
		if (!row) throw new AppError('NOT_FOUND');
		if (row.status !== 'pending')
			throw new AppError('CONFLICT', { messageKey: 'coalitions_error_already_reviewed' });
		let organizationId = row.organizationId;
		if (data.decision === 'approve' && !organizationId && row.proposedOrganization) {
			const system = {
				...tx,
				actor: {
					...tx.actor,
					grants: [
						...tx.actor.grants,
						{ role: 'platform_admin' as const, country: null, organizationId: null }
					]
				}
			};
			const org = await accounts.createOrganization(system, {
				slug: `org-${randomBytes(5).toString('hex')}`,
				kind: row.proposedOrganization.kind as never,
				name: { [ctx.locale]: row.proposedOrganization.name },
				country: c.country as 'KG',
				region: row.region
			});
			await accounts.setMember(system, { organizationId: org.id, userId: row.requestedBy, role: 'admin' });
			organizationId = org.id;
		}
		const after = {
			status: data.decision === 'approve' ? ('member' as const) : ('declined' as const),
			organizationId,
			reviewedBy: reviewerId,
			reviewedAt: ctx.clock(),
			reviewNote: data.note ?? null
		};
		await q.updateMember(txDb, row.id, after);
		await writeAudit(tx, {
			action: `coalitions.join.${data.decision}`,
			entity: 'coalitions_member',
			entityId: row.id,
			before: { status: row.status },
			after: { status: after.status, organizationId }
		});
		return { status: after.status, organizationId };
	});
}

/** A member organization's staff (or a coordinator) updates its profile in the coalition. */
export async function updateMemberProfile(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof memberProfileInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	requireUser(ctx);
	const data = parseInput(memberProfileInput, input);
	await requireOrganizationOrCoordinator(ctx, c, data.organizationId);
	await checkRegion(ctx, data.region);
	const row = await q.currentMembership(ctx.db, c.id, data.organizationId);
	if (!row) throw new AppError('NOT_FOUND');
	const after = {
		region: data.region ?? null,
		womenRepresented: data.womenRepresented ?? null,
		barriers: data.barriers,
		contacts: {
			person: data.contactPerson ?? null,
			email: data.contactEmail ?? null,
			phone: data.contactPhone ?? null
		},
		listed: data.listed
	};
	await q.updateMember(ctx.db, row.id, after);
	await writeAudit(ctx, {
		action: 'coalitions.member.profile',
		entity: 'coalitions_member',
		entityId: row.id,
		before: { listed: row.listed, region: row.region, barriers: row.barriers },
		after: { listed: after.listed, region: after.region, barriers: after.barriers }
	});
}

/** An organization leaves (its staff/admin), or a coordinator removes it. */
export async function leaveCoalition(ctx: ServiceContext, slug: string, organizationId: string) {
	const c = await coalitionOr404(ctx, slug);
	await requireOrganizationOrCoordinator(ctx, c, organizationId);
	const row = await q.currentMembership(ctx.db, c.id, organizationId);
	if (!row) throw new AppError('NOT_FOUND');
	await q.updateMember(ctx.db, row.id, { status: 'left', leftAt: ctx.clock() });
	await writeAudit(ctx, {
		action: 'coalitions.member.leave',
		entity: 'coalitions_member',
		entityId: row.id,
		before: { status: 'member' },
		after: { status: 'left' }
	});
}
