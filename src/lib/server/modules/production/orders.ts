import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
	AppError,
	once,
	parseInput,
	pickText,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { shopStock } from '../shops';
import { requireCoordinator, requireOwnMaker } from './access';
import { moveStock } from './catalog';
import { orderInput, type OrderInput } from './inputs';
import * as q from './queries';
import { assignment, order, shipment } from './schema';

/**
 * Production orders fanned out to many makers in one step: each assignment gets a maker, a quantity, a
 * due date and kits; the kits' materials leave stock in the same transaction (never below zero).
 */
export async function createOrder(
	ctx: ServiceContext,
	networkId: string,
	raw: Unparsed<OrderInput>,
	key?: string
) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(orderInput, raw);
	const p = await q.patternInNetwork(ctx.db, net.id, input.patternId);
	if (!p) throw new AppError('INVALID', { fields: { patternId: { key: 'error_field_choice' } } });
	const total = input.assignments.reduce((s, a) => s + a.quantity, 0);
	if (total > input.quantity)
		throw new AppError('INVALID', {
			messageKey: 'production_error_fanout_total',
			params: { total, quantity: input.quantity },
			fields: {
				quantity: { key: 'production_error_fanout_total', params: { total, quantity: input.quantity } }
			}
		});
	const makerIds = input.assignments.map((a) => a.makerId);
	if (new Set(makerIds).size !== makerIds.length)
		throw new AppError('INVALID', { fields: { assignments: { key: 'production_error_maker_twice' } } });
	const makers = await q.makersInNetwork(ctx.db, net.id, makerIds);
	if (makers.length !== makerIds.length || makers.some((m) => m.status !== 'active'))
		throw new AppError('INVALID', { fields: { assignments: { key: 'production_error_maker_inactive' } } });
	const kitIds = [...new Set(input.assignments.map((a) => a.kitId).filter((k): k is string => !!k))];
	const kits = await q.kitsOfPattern(ctx.db, net.id, p.id, kitIds);
	if (kits.length !== kitIds.length)
		throw new AppError('INVALID', { fields: { assignments: { key: 'production_error_kit_pattern' } } });
	// A linked shop product must be one of the shops she runs (owner or co-owner), sold from stock.
	if (input.shopProductRef)
		await shopStock.requireLinkableProduct(ctx, input.shopProductRef).catch((error: unknown) => {
			if (error instanceof AppError && error.code === 'NOT_FOUND')
				throw new AppError('INVALID', {
					fields: { shopProductRef: { key: 'production_error_shop_product' } }
				});
			throw error;
		});

	return once(ctx, 'production.order', key, async (tx) => {
		const id = randomUUID();
		const now = ctx.clock();
		await tx.db.insert(order).values({
			id,
			networkId: net.id,
			patternId: p.id,
			quantity: input.quantity,
			dueDate: input.dueDate,
			shopProductRef: input.shopProductRef,
			note: input.note,
			createdBy: ctx.actor.userId,
			createdAt: now
		});
		for (const line of input.assignments) {
			const assignmentId = randomUUID();
			await tx.db.insert(assignment).values({
				id: assignmentId,
				orderId: id,
				networkId: net.id,
				makerId: line.makerId,
				quantity: line.quantity,
				dueDate: line.dueDate ?? input.dueDate,
				kitId: line.kitId,
				createdAt: now
			});
			if (line.kitId && line.kits > 0) {
				const shipmentId = randomUUID();
				await tx.db.insert(shipment).values({
					id: shipmentId,
					networkId: net.id,
					makerId: line.makerId,
					kitId: line.kitId,
					assignmentId,
					kits: line.kits,
					sentOn: now.toISOString().slice(0, 10),
					how: input.sendHow,
					createdBy: ctx.actor.userId,
					createdAt: now
				});
				for (const l of await q.kitLines(tx.db, line.kitId))
					await moveStock(tx, net, {
						materialId: l.materialId,
						kind: 'issued',
						quantity: l.quantity * line.kits,
						makerId: line.makerId,
						assignmentId,
						shipmentId
					});
			}
		}
		await writeAudit(tx, {
			action: 'production.order.create',
			entity: 'production_order',
			entityId: id,
			after: { quantity: input.quantity, assignments: input.assignments.length }
		});
		return { id };
	});
}

/** The maker accepts or declines an assignment offered to her. */
export async function respondToAssignment(ctx: ServiceContext, assignmentId: string, accept: boolean) {
	const a = await q.assignmentById(ctx.db, assignmentId);
	if (!a) throw new AppError('NOT_FOUND');
	await requireOwnMaker(ctx, a.makerId);
	await ctx.db.transaction(async (db) => {
		const locked = await q.lockAssignment(db, assignmentId);
		if (!locked || locked.status !== 'offered')
			throw new AppError('CONFLICT', { messageKey: 'production_error_assignment_closed' });
		await db
			.update(assignment)
			.set({ status: accept ? 'accepted' : 'declined', respondedAt: ctx.clock() })
			.where(eq(assignment.id, assignmentId));
	});
}

/** An open assignment goes back (she leaves, withdraws, or the coordinator takes it back). */
export async function returnAssignment(ctx: ServiceContext, assignmentId: string) {
	const locked = await q.lockAssignment(ctx.db, assignmentId);
	if (!locked || !['offered', 'accepted'].includes(locked.status)) return;
	await ctx.db
		.update(assignment)
		.set({ status: 'returned', respondedAt: ctx.clock() })
		.where(eq(assignment.id, assignmentId));
}

/** The coordinator takes an open assignment back. */
export async function takeBackAssignment(ctx: ServiceContext, networkId: string, assignmentId: string) {
	const net = await requireCoordinator(ctx, networkId);
	await ctx.db.transaction(async (db) => {
		const txCtx = { ...ctx, db };
		const locked = await q.lockAssignment(db, assignmentId);
		if (!locked || locked.networkId !== net.id) throw new AppError('NOT_FOUND');
		await returnAssignment(txCtx, assignmentId);
	});
}

/** Orders with their progress (assigned, accepted pieces). */
export async function listOrders(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const rows = await q.ordersWithProgress(ctx.db, net.id);
	return rows.map((r) => ({ ...r, title: pickText(r.title, ctx.locale)?.text ?? '' }));
}

/** One order with its progress per maker. */
export async function getOrder(ctx: ServiceContext, networkId: string, orderId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const o = await q.orderWithTitle(ctx.db, net.id, orderId);
	if (!o) throw new AppError('NOT_FOUND');
	const parts = await q.orderAssignments(ctx.db, orderId);
	const shopProduct = o.order.shopProductRef
		? { id: o.order.shopProductRef, title: await shopStock.productTitle(ctx, o.order.shopProductRef) }
		: null;
	return {
		...o.order,
		title: pickText(o.title, ctx.locale)?.text ?? '',
		shopProduct,
		assignments: parts
	};
}

/** The shop products she may link an order to (in-stock products of the shops she runs). */
export async function linkableShopProducts(ctx: ServiceContext, networkId: string) {
	await requireCoordinator(ctx, networkId);
	return shopStock.linkableProducts(ctx);
}
