import {
	AppError,
	isPlatformAdmin,
	memberRole,
	parseInput,
	requireUser,
	withDb,
	writeAudit,
	type ServiceContext
} from '../../core';
import { makerInNetwork, requireCoordinator, requireMakerReader } from './access';
import { adjustmentInput, correctionInput, monthInput, payoutInput, type PayoutInput } from './inputs';
import * as q from './queries';
import type { LedgerEntry } from './schema';
import { formatMoney } from './money';

/**
 * Earnings and payouts: an append-only ledger per maker (a trigger refuses UPDATE and DELETE), with a
 * running balance row moved in the same transaction as each entry, so a balance read is one row.
 * Birge records payments made outside it; it moves no money.
 */

function isPaid(kind: LedgerEntry['kind'], corrected?: LedgerEntry | null) {
	return kind === 'payout' || (kind === 'correction' && corrected?.kind === 'payout');
}

/**
 * Records a payout made outside Birge (cash, card, wallet). Above her balance it needs the
 * coordinator's confirmation with a reason, which is recorded; without it: INVALID, nothing recorded.
 */
export async function recordPayout(
	ctx: ServiceContext,
	networkId: string,
	raw: { [K in keyof PayoutInput]?: unknown }
) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(payoutInput, raw);
	await makerInNetwork(ctx, net, input.makerId);
	return ctx.db.transaction(async (db) => {
		const now = ctx.clock();
		const bal = await q.lockBalance(db, input.makerId, net.id, now);
		const over = input.amountMinor > bal.balanceMinor;
		if (over && !input.confirmOverBalance)
			throw new AppError('INVALID', {
				messageKey: 'production_error_over_balance',
				params: { balance: formatMoney(bal.balanceMinor, net.currency, ctx.locale) },
				fields: {
					confirmOverBalance: {
						key: 'production_error_over_balance',
						params: { balance: formatMoney(bal.balanceMinor, net.currency, ctx.locale) }
					}
				}
			});
		if (over && !input.overBalanceReason)
			throw new AppError('INVALID', {
				fields: { overBalanceReason: { key: 'production_error_reason_required' } }
			});
		const entry = await q.appendEntry(
			db,
			{
				networkId: net.id,
				makerId: input.makerId,
				kind: 'payout',
				amountMinor: -input.amountMinor,
				currency: net.currency,
				method: input.method,
				reference: input.reference,
				paidOn: input.paidOn,
				overBalanceReason: over ? input.overBalanceReason : null,
				at: now,
				by: ctx.actor.userId
			},
			true
		);
		await writeAudit(withDb(ctx, db), {
			action: 'production.payout',
			entity: 'production_maker',
			entityId: input.makerId,
			after: { entry: entry.id, amountMinor: input.amountMinor, overBalance: over }
		});
		return { id: entry.id, overBalance: over };
	});
}

/** A bonus or a deduction (materials lost, an advance), with its reason. */
export async function recordAdjustment(ctx: ServiceContext, networkId: string, raw: unknown) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(adjustmentInput, raw);
	await makerInNetwork(ctx, net, input.makerId);
	return ctx.db.transaction(async (db) => {
		const now = ctx.clock();
		await q.lockBalance(db, input.makerId, net.id, now);
		const entry = await q.appendEntry(
			db,
			{
				networkId: net.id,
				makerId: input.makerId,
				kind: 'adjustment',
				amountMinor: input.amountMinor,
				currency: net.currency,
				reason: input.reason,
				at: now,
				by: ctx.actor.userId
			},
			false
		);
		return { id: entry.id };
	});
}

/**
 * Corrects an entry by a new one that reverses it and names it; the entry itself is never changed.
 * An entry is corrected at most once; a correction is not itself corrected (record a new entry).
 */
export async function correctEntry(ctx: ServiceContext, networkId: string, raw: unknown) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(correctionInput, raw);
	return ctx.db.transaction(async (db) => {
		const original = await q.entryById(db, net.id, input.entryId);
		if (!original) throw new AppError('NOT_FOUND');
		if (original.kind === 'correction')
			throw new AppError('CONFLICT', { messageKey: 'production_error_correct_correction' });
		const now = ctx.clock();
		await q.lockBalance(db, original.makerId, net.id, now);
		if (await q.correctionOf(db, original.id))
			throw new AppError('CONFLICT', { messageKey: 'production_error_already_corrected' });
		const entry = await q.appendEntry(
			db,
			{
				networkId: net.id,
				makerId: original.makerId,
				kind: 'correction',
				amountMinor: -original.amountMinor,
				currency: original.currency,
				corrects: original.id,
				reason: input.reason,
				at: now,
				by: ctx.actor.userId
			},
			isPaid('correction', original)
		);
		return { id: entry.id };
	});
}

/**
 * Her balance: one statement reads her profile, her network, her running-balance row and whether the
 * actor coordinates the network — never a sum over her history. Access as everywhere: her own, or her
 * coordinators' (NOT_FOUND otherwise).
 */
export async function getBalance(ctx: ServiceContext, makerId: string) {
	const userId = requireUser(ctx);
	const row = await q.balanceWithAccess(ctx.db, makerId, userId);
	const orgRole = row?.organizationId ? memberRole(ctx.actor, row.organizationId) : null;
	const allowed =
		row &&
		(row.userId === userId ||
			row.isCoordinator ||
			isPlatformAdmin(ctx.actor) ||
			orgRole === 'staff' ||
			orgRole === 'admin');
	if (!allowed) throw new AppError('NOT_FOUND');
	return {
		currency: row.currency,
		earnedMinor: row.earnedMinor ?? 0,
		paidMinor: row.paidMinor ?? 0,
		balanceMinor: row.balanceMinor ?? 0
	};
}

export function entryView(e: LedgerEntry) {
	return {
		id: e.id,
		kind: e.kind,
		amountMinor: e.amountMinor,
		currency: e.currency,
		pieces: e.pieces,
		rateMinor: e.rateMinor,
		corrects: e.corrects,
		method: e.method,
		reference: e.reference,
		paidOn: e.paidOn,
		reason: e.reason,
		overBalanceReason: e.overBalanceReason,
		at: e.at.toISOString()
	};
}
export type EntryView = ReturnType<typeof entryView>;

/** A maker's entries, newest first (her own, or for her coordinators). */
export async function listEntries(ctx: ServiceContext, makerId: string, options: { limit?: number } = {}) {
	await requireMakerReader(ctx, makerId);
	const rows = await q.entriesOf(ctx.db, makerId, Math.min(options.limit ?? 50, 500));
	return rows.map(entryView);
}

function monthBounds(month: string): [Date, Date] {
	const [y, m] = month.split('-').map(Number);
	return [new Date(Date.UTC(y, m - 1, 1)), new Date(Date.UTC(y, m, 1))];
}

/** The monthly statement: opening balance, the month's entries, totals, closing balance. */
export async function monthlyStatement(ctx: ServiceContext, makerId: string, month: unknown) {
	const access = await requireMakerReader(ctx, makerId);
	const m = parseInput(monthInput, month);
	const [from, to] = monthBounds(m);
	const net = (await q.networkById(ctx.db, access.maker.networkId))!;
	const opening = await q.sumBefore(ctx.db, makerId, from);
	const rows = await q.entriesBetween(ctx.db, makerId, from, to);
	const entries = rows.map(entryView);
	const earned = rows.filter((r) => r.amountMinor > 0).reduce((s, r) => s + r.amountMinor, 0);
	const out = rows.filter((r) => r.amountMinor < 0).reduce((s, r) => s - r.amountMinor, 0);
	const who = (await q.makerById(ctx.db, makerId))!;
	return {
		month: m,
		network: { id: net.id, name: net.name, demo: net.demo },
		maker: { id: makerId, name: who.name },
		currency: net.currency,
		openingMinor: Number(opening),
		inMinor: earned,
		outMinor: out,
		closingMinor: Number(opening) + earned - out,
		entries
	};
}
export type Statement = Awaited<ReturnType<typeof monthlyStatement>>;

/** Every entry of a network (the coordinator's bookkeeping export), oldest first. */
export async function networkLedger(
	ctx: ServiceContext,
	networkId: string,
	options: { month?: string } = {}
) {
	const net = await requireCoordinator(ctx, networkId);
	const bounds = options.month ? monthBounds(parseInput(monthInput, options.month)) : null;
	const rows = await q.networkEntries(ctx.db, net.id, bounds);
	return {
		network: net,
		rows: rows.map((r) => ({ ...entryView(r.entry), makerId: r.entry.makerId, maker: r.name }))
	};
}
