import { asc, desc, eq, inArray } from 'drizzle-orm';
import { pickText, requireUser, type ServiceContext } from '../../core';
import {
	assignment,
	kit,
	kitLine,
	maker,
	material,
	network,
	order,
	pattern,
	report,
	shipment
} from './schema';
import { getBalance, listEntries } from './ledger';

/**
 * The maker's own pages: her assignments, kits, reports, earnings. Everything is selected by her own
 * account (maker.user_id), so she can never see another maker's data.
 */
async function myMakers(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	return ctx.db
		.select({
			id: maker.id,
			networkId: maker.networkId,
			status: maker.status,
			network: network.name,
			demo: network.demo
		})
		.from(maker)
		.innerJoin(network, eq(network.id, maker.networkId))
		.where(eq(maker.userId, userId))
		.orderBy(asc(network.name));
}

export async function myWork(ctx: ServiceContext) {
	const makers = await myMakers(ctx);
	const ids = makers.map((m) => m.id);
	if (!ids.length) return { makers, assignments: [] };
	const rows = await ctx.db
		.select({
			id: assignment.id,
			makerId: assignment.makerId,
			quantity: assignment.quantity,
			dueDate: assignment.dueDate,
			status: assignment.status,
			reportedPieces: assignment.reportedPieces,
			acceptedPieces: assignment.acceptedPieces,
			title: pattern.title,
			instructions: pattern.instructions,
			videoLinks: pattern.videoLinks
		})
		.from(assignment)
		.innerJoin(order, eq(order.id, assignment.orderId))
		.innerJoin(pattern, eq(pattern.id, order.patternId))
		.where(inArray(assignment.makerId, ids))
		.orderBy(asc(assignment.status), asc(assignment.dueDate))
		.limit(100);
	return {
		makers,
		assignments: rows.map((r) => ({
			...r,
			title: pickText(r.title, ctx.locale)?.text ?? '',
			instructions: pickText(r.instructions, ctx.locale),
			left: r.quantity - r.reportedPieces,
			open: r.status === 'offered' || r.status === 'accepted'
		}))
	};
}

/** One of her assignments (for the report page); null when it is not hers. */
export async function myAssignment(ctx: ServiceContext, assignmentId: string) {
	const { assignments } = await myWork(ctx);
	const a = assignments.find((x) => x.id === assignmentId);
	if (!a) return null;
	const reports = await ctx.db
		.select({
			id: report.id,
			pieces: report.pieces,
			acceptedPieces: report.acceptedPieces,
			status: report.status,
			rejectReason: report.rejectReason,
			reworkRequested: report.reworkRequested,
			createdAt: report.createdAt
		})
		.from(report)
		.where(eq(report.assignmentId, assignmentId))
		.orderBy(desc(report.createdAt));
	return { ...a, reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function myKits(ctx: ServiceContext) {
	const makers = await myMakers(ctx);
	const ids = makers.map((m) => m.id);
	if (!ids.length) return [];
	const rows = await ctx.db
		.select({
			id: shipment.id,
			kitId: shipment.kitId,
			kits: shipment.kits,
			sentOn: shipment.sentOn,
			how: shipment.how,
			name: kit.name,
			pieces: kit.pieces
		})
		.from(shipment)
		.innerJoin(kit, eq(kit.id, shipment.kitId))
		.where(inArray(shipment.makerId, ids))
		.orderBy(desc(shipment.sentOn))
		.limit(100);
	const kitIds = [...new Set(rows.map((r) => r.kitId))];
	const lines = kitIds.length
		? await ctx.db
				.select({
					kitId: kitLine.kitId,
					quantity: kitLine.quantity,
					name: material.name,
					unit: material.unit
				})
				.from(kitLine)
				.innerJoin(material, eq(material.id, kitLine.materialId))
				.where(inArray(kitLine.kitId, kitIds))
		: [];
	return rows.map((r) => ({
		...r,
		lines: lines.filter((l) => l.kitId === r.kitId).map((l) => ({ ...l, total: l.quantity * r.kits }))
	}));
}

/** Her balance and recent entries in each network she works in. */
export async function myEarnings(ctx: ServiceContext) {
	const makers = await myMakers(ctx);
	const out = [];
	for (const m of makers)
		out.push({
			maker: m,
			balance: await getBalance(ctx, m.id),
			entries: await listEntries(ctx, m.id, { limit: 20 })
		});
	return out;
}

/** Her own maker id in a network (for the statement page); null when she has none. */
export async function myMakerId(ctx: ServiceContext, makerId: string) {
	const makers = await myMakers(ctx);
	return makers.find((m) => m.id === makerId)?.id ?? null;
}
