import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, eq, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { AppError, type Actor } from '#lib/server/core';
import { production } from './index';
import { makeUser } from './testing';
import { assignment, balance, ledgerEntry, material, report, stockMovement } from './schema';

/**
 * Property tests of the ledger (fast-check): for any sequence of reports, accepts, rejects,
 * corrections, payouts and stock movements, balance = earned − paid = the sum of entries, no entry is
 * ever changed, and no stock goes negative. Refused steps (bad input) must change nothing.
 */

let db: TestDb;
let coord: Actor;
let makerActor: Actor;
const NOW = new Date('2026-11-20T08:00:00Z');

beforeAll(async () => {
	db = await createTestDb();
	coord = await makeUser(db.handle.db, 'prop-coord');
	makerActor = await makeUser(db.handle.db, 'prop-maker');
});
afterAll(async () => {
	await db?.close();
});

const op = fc.oneof(
	fc.record({ type: fc.constant('report' as const), pieces: fc.integer({ min: -2, max: 8 }) }),
	fc.record({ type: fc.constant('accept' as const), pick: fc.nat(20) }),
	fc.record({ type: fc.constant('reject' as const), pick: fc.nat(20) }),
	fc.record({ type: fc.constant('correct' as const), pick: fc.nat(40) }),
	fc.record({
		type: fc.constant('payout' as const),
		amount: fc.integer({ min: 1, max: 200_000 }),
		confirm: fc.boolean()
	}),
	fc.record({
		type: fc.constant('stock' as const),
		kind: fc.constantFrom('received', 'issued', 'returned', 'written_off'),
		quantity: fc.integer({ min: 1, max: 3000 })
	})
);

describe('ledger properties', () => {
	it('balance = earned − paid = sum of entries; entries never change; stock never negative', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
				run++;
				const c = db.ctx({ actor: coord, now: NOW });
				const m = db.ctx({ actor: makerActor, now: NOW });
				const net = (await production.createNetwork(c, { name: `Net ${run}`, country: 'KG' })).id;
				const { code } = await production.createInvitation(c, net);
				const { makerId } = await production.joinWithCode(m, { code, name: 'M', consent: true });
				const patternId = (
					await production.createPattern(c, net, {
						title: { en: 'Toy' },
						difficulty: 'easy',
						minutesPerPiece: 30,
						defaultRateMinor: 2500
					})
				).id;
				const yarn = (await production.createMaterial(c, net, { name: 'Yarn', unit: 'g' })).id;
				const orderId = (
					await production.createOrder(c, net, {
						patternId,
						quantity: 30,
						dueDate: '2026-12-31',
						assignments: [{ makerId, quantity: 30 }]
					})
				).id;
				const { assignments } = await production.getOrder(c, net, orderId);
				const assignmentId = assignments[0].id;
				let seen: (typeof ledgerEntry.$inferSelect)[] = [];
				for (const step of ops) {
					try {
						if (step.type === 'report')
							await production.reportPieces(m, { assignmentId, pieces: step.pieces });
						else if (step.type === 'accept' || step.type === 'reject') {
							const reports = await db.handle.db
								.select({ id: report.id })
								.from(report)
								.where(eq(report.assignmentId, assignmentId))
								.orderBy(asc(report.createdAt), asc(report.id));
							if (!reports.length) continue;
							const id = reports[step.pick % reports.length].id;
							// Every third accept passes only part of the report.
							await production.reviewReports(c, net, {
								reportIds: [id],
								decision: step.type,
								reason: step.type === 'reject' || step.pick % 3 === 0 ? 'Not good' : undefined,
								acceptPieces: step.type === 'accept' && step.pick % 3 === 0 ? step.pick % 4 : undefined
							});
						} else if (step.type === 'correct') {
							if (!seen.length) continue;
							await production.correctEntry(c, net, {
								entryId: seen[step.pick % seen.length].id,
								reason: 'Fix'
							});
						} else if (step.type === 'payout')
							await production.recordPayout(c, net, {
								makerId,
								amountMinor: step.amount,
								method: 'cash',
								paidOn: '2026-11-20',
								confirmOverBalance: step.confirm,
								overBalanceReason: step.confirm ? 'Advance' : undefined
							});
						else
							await production.recordMovement(c, net, {
								materialId: yarn,
								kind: step.kind,
								quantity: step.quantity,
								makerId: step.kind === 'issued' ? makerId : undefined
							});
					} catch (error) {
						// Only refusals a person can cause; anything else fails the property.
						if (!(error instanceof AppError)) throw error;
						expect(['INVALID', 'CONFLICT']).toContain(error.code);
					}
					const entries = await db.handle.db
						.select()
						.from(ledgerEntry)
						.where(eq(ledgerEntry.makerId, makerId))
						.orderBy(asc(ledgerEntry.id));
					// No entry is ever changed: what was seen is still the prefix, unchanged.
					expect(entries.slice(0, seen.length)).toEqual(seen);
					seen = entries;
					const sum = entries.reduce((s, e) => s + e.amountMinor, 0);
					const paidKinds = new Set(entries.filter((e) => e.kind === 'payout').map((e) => e.id));
					const paid = entries
						.filter((e) => e.kind === 'payout' || (e.kind === 'correction' && paidKinds.has(e.corrects!)))
						.reduce((s, e) => s - e.amountMinor, 0);
					const earned = sum + paid;
					const [row] = await db.handle.db.select().from(balance).where(eq(balance.makerId, makerId));
					expect(row?.balanceMinor ?? 0).toBe(sum);
					expect(row?.earnedMinor ?? 0).toBe(earned);
					expect(row?.paidMinor ?? 0).toBe(paid);
					expect((row?.earnedMinor ?? 0) - (row?.paidMinor ?? 0)).toBe(sum);
					// One earning per accepted report, at the rate of the day.
					const accepted = await db.handle.db
						.select({ n: sql<number>`coalesce(sum(${report.acceptedPieces}), 0)::int` })
						.from(report)
						.where(sql`${report.assignmentId} = ${assignmentId} and ${report.status} = 'accepted'`);
					const earnings = entries.filter((e) => e.kind === 'earning');
					expect(earnings.reduce((s, e) => s + e.pieces!, 0)).toBe(accepted[0].n);
					expect(new Set(earnings.map((e) => e.reportId)).size).toBe(earnings.length);
					// The assignment's running totals match its reports (the queue and dashboard read them).
					const [totals] = await db.handle.db
						.select({
							pending: sql<number>`count(*) filter (where ${report.status} = 'pending')::int`,
							reported: sql<number>`coalesce(sum(case when ${report.status} = 'pending' then ${report.pieces} else ${report.acceptedPieces} end), 0)::int`
						})
						.from(report)
						.where(eq(report.assignmentId, assignmentId));
					const [a] = await db.handle.db.select().from(assignment).where(eq(assignment.id, assignmentId));
					expect(a.pendingReports).toBe(totals.pending);
					expect(a.reportedPieces).toBe(totals.reported);
					expect(a.acceptedPieces).toBe(accepted[0].n);
					const [mat] = await db.handle.db.select().from(material).where(eq(material.id, yarn));
					expect(mat.onHand).toBeGreaterThanOrEqual(0);
					const [{ total }] = await db.handle.db
						.select({ total: sql<number>`coalesce(sum(${stockMovement.delta}), 0)::int` })
						.from(stockMovement)
						.where(eq(stockMovement.materialId, yarn));
					expect(mat.onHand).toBe(total);
				}
			}),
			{ numRuns: 12 }
		);
	});
});
