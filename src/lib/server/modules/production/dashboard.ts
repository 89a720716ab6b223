import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core';
import { requireCoordinator } from './access';
import { assignment, balance, maker, material, order } from './schema';

/**
 * The coordinator's dashboard: a handful of grouped counts over indexed columns (makers by status,
 * orders by status, reports waiting, pieces accepted, what is owed, materials running low). Balances
 * come from the running balance rows, never from summing the ledger.
 */
export async function dashboard(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const today = ctx.clock().toISOString().slice(0, 10);
	const [[makers], [orders], [waiting], [work], [money], [stock]] = await Promise.all([
		ctx.db
			.select({
				active: sql<number>`count(*) filter (where ${maker.status} = 'active')::int`,
				total: sql<number>`count(*)::int`
			})
			.from(maker)
			.where(eq(maker.networkId, net.id)),
		ctx.db
			.select({
				open: sql<number>`count(*) filter (where ${order.status} = 'open')::int`,
				completed: sql<number>`count(*) filter (where ${order.status} = 'completed')::int`,
				overdue: sql<number>`count(*) filter (where ${order.status} = 'open' and ${order.dueDate} < ${today})::int`
			})
			.from(order)
			.where(eq(order.networkId, net.id)),
		// Waiting reports and pieces from the assignments' counters, never by counting the reports.
		ctx.db
			.select({
				reports: sql<number>`coalesce(sum(${assignment.pendingReports}), 0)::int`,
				pieces: sql<number>`coalesce(sum(${assignment.reportedPieces} - ${assignment.acceptedPieces}), 0)::int`
			})
			.from(assignment)
			.where(eq(assignment.networkId, net.id)),
		ctx.db
			.select({
				accepted: sql<number>`coalesce(sum(${assignment.acceptedPieces}), 0)::int`,
				open: sql<number>`coalesce(sum(${assignment.quantity} - ${assignment.acceptedPieces}) filter (where ${assignment.status} in ('offered', 'accepted')), 0)::int`
			})
			.from(assignment)
			.where(eq(assignment.networkId, net.id)),
		ctx.db
			.select({
				owed: sql<string>`coalesce(sum(greatest(${balance.balanceMinor}, 0)), 0)`,
				earned: sql<string>`coalesce(sum(${balance.earnedMinor}), 0)`,
				paid: sql<string>`coalesce(sum(${balance.paidMinor}), 0)`
			})
			.from(balance)
			.where(eq(balance.networkId, net.id)),
		ctx.db
			.select({ empty: sql<number>`count(*) filter (where ${material.onHand} = 0)::int` })
			.from(material)
			.where(eq(material.networkId, net.id))
	]);
	return {
		network: net,
		makers,
		orders,
		waiting,
		work,
		money: {
			owedMinor: Number(money.owed),
			earnedMinor: Number(money.earned),
			paidMinor: Number(money.paid)
		},
		materialsEmpty: stock.empty
	};
}
