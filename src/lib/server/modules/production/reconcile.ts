import type { ServiceContext } from '../../core';
import { requireCoordinator } from './access';
import * as q from './queries';

export interface ReconciliationRow {
	assignmentId: string;
	orderId: string;
	makerId: string;
	makerName: string;
	materialId: string;
	material: string;
	unit: string;
	issued: number;
	/** Accepted pieces × the kit's bill of materials (per piece), rounded to whole units. */
	used: number;
	returned: number;
	/** Written off against her (lost or spoiled). */
	lost: number;
	/** Still with her: issued − used − returned − lost (for a closed assignment, counted as lost). */
	held: number;
	lossBp: number;
	flagged: boolean;
	closed: boolean;
}

/**
 * Per maker and order: materials issued vs. used (accepted pieces × bill of materials) vs. returned vs.
 * lost, with a flag when the loss share passes the network's tolerance. For an assignment that is over
 * (done, returned, declined), what she still holds counts as lost.
 */
export async function reconcile(ctx: ServiceContext, networkId: string, options: { orderId?: string } = {}) {
	const net = await requireCoordinator(ctx, networkId);
	const moved = await q.stockMovedByAssignment(ctx.db, net.id, options.orderId);
	if (!moved.length) return { toleranceBp: net.lossToleranceBp, rows: [] as ReconciliationRow[] };
	const parts = await q.assignmentsWithKits(ctx.db, net.id);
	const lines = await q.networkKitLines(ctx.db, net.id);
	const mats = await q.materialsOf(ctx.db, net.id);
	const rows: ReconciliationRow[] = [];
	for (const m of moved) {
		const a = parts.find((p) => p.id === m.assignmentId);
		const mat = mats.find((x) => x.id === m.materialId);
		if (!a || !mat) continue;
		const line = lines.find((l) => l.kitId === a.kitId && l.materialId === m.materialId);
		const used = line && a.kitPieces ? Math.round((a.accepted * line.quantity) / a.kitPieces) : 0;
		const closed = ['done', 'returned', 'declined'].includes(a.status);
		const held = Math.max(0, m.issued - used - m.returned - m.lost);
		const lossAmount = m.lost + (closed ? held : 0);
		const lossBp = m.issued > 0 ? Math.round((lossAmount * 10000) / m.issued) : 0;
		rows.push({
			assignmentId: a.id,
			orderId: a.orderId,
			makerId: a.makerId,
			makerName: a.makerName,
			materialId: mat.id,
			material: mat.name,
			unit: mat.unit,
			issued: m.issued,
			used,
			returned: m.returned,
			lost: m.lost,
			held,
			lossBp,
			flagged: lossBp > net.lossToleranceBp,
			closed
		});
	}
	rows.sort((x, y) => x.makerName.localeCompare(y.makerName) || x.material.localeCompare(y.material));
	return { toleranceBp: net.lossToleranceBp, rows };
}
