import type { ServiceContext } from '../../core';
import { requireCoordinator } from './access';
import * as q from './queries';

/**
 * The coordinator's dashboard: a handful of grouped counts over indexed columns (makers by status,
 * orders by status, reports waiting, pieces accepted, what is owed, materials running low), read in one
 * statement. Waiting reports come from the assignments' counters and balances from the running balance
 * rows, never from counting the reports or summing the ledger (the statement is in queries.ts).
 */
export async function dashboard(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const today = ctx.clock().toISOString().slice(0, 10);
	const row = await q.dashboardCounts(ctx.db, net.id, today);
	const n = (k: string) => Number(row[k]);
	return {
		network: net,
		makers: { active: n('makers_active'), total: n('makers_total') },
		orders: { open: n('orders_open'), completed: n('orders_completed'), overdue: n('orders_overdue') },
		waiting: { reports: n('waiting_reports'), pieces: n('waiting_pieces') },
		work: { accepted: n('work_accepted'), open: n('work_open') },
		money: { owedMinor: n('owed'), earnedMinor: n('earned'), paidMinor: n('paid') },
		materialsEmpty: n('materials_empty')
	};
}
