import { pickText, requireUser, type ServiceContext } from '../../core';
import * as q from './queries';
import { getBalance, listEntries } from './ledger';

/**
 * The maker's own pages: her assignments, kits, reports, earnings. Everything is selected by her own
 * account (maker.user_id), so she can never see another maker's data.
 */
async function myMakers(ctx: ServiceContext) {
	return q.makersOfUser(ctx.db, requireUser(ctx));
}

export async function myWork(ctx: ServiceContext) {
	const makers = await myMakers(ctx);
	const ids = makers.map((m) => m.id);
	if (!ids.length) return { makers, assignments: [] };
	const rows = await q.assignmentsOfMakers(ctx.db, ids);
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
	const reports = await q.reportsOfAssignment(ctx.db, assignmentId);
	return { ...a, reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function myKits(ctx: ServiceContext) {
	const makers = await myMakers(ctx);
	const ids = makers.map((m) => m.id);
	if (!ids.length) return [];
	const rows = await q.shipmentsOfMakers(ctx.db, ids);
	const lines = await q.kitLinesWithMaterials(ctx.db, [...new Set(rows.map((r) => r.kitId))]);
	return rows.map((r) => ({
		...r,
		lines: lines
			.filter((l) => l.kitId === r.kitId)
			.map((l) => ({
				kitId: l.kitId,
				quantity: l.quantity,
				name: l.name,
				unit: l.unit,
				total: l.quantity * r.kits
			}))
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
