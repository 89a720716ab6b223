import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { eq, sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import {
	translateError,
	AppError,
	computeIndicators,
	type Actor,
	type ServiceContext
} from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { production } from './index';
import { makeUser } from './testing';
import { assignment, ledgerEntry, maker, material, report, stockMovement } from './schema';
import * as q from './queries';

let db: TestDb;
let coord: Actor;
let coord2: Actor;
let other: Actor;
let makerUser: Actor;
let makerUser2: Actor;
let net: string;
let otherNet: string;
let patternId: string;
let yarn: string;
let kitId: string;
const NOW = new Date('2026-11-20T08:00:00Z');
const ctx = (a: Actor, now = NOW, locale: ServiceContext['locale'] = 'en') =>
	db.ctx({ actor: a, now, locale });

async function expectError(p: Promise<unknown>, code: string, field?: string) {
	const error = await p.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	expect((error as AppError).code).toBe(code);
	if (field) expect(Object.keys((error as AppError).fields)).toContain(field);
	return error as AppError;
}

/** The database's own refusal (a trigger or a check), by the text it gives, not any error. */
async function expectDbRefusal(statement: Promise<unknown>, text: string) {
	const error = await statement.then(
		() => null,
		(e: unknown) => e
	);
	expect(error, `${text}: not refused`).not.toBeNull();
	const messages: string[] = [];
	for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
		messages.push(String(e.message));
	expect(messages.join(' | ')).toContain(text);
}

async function png() {
	return sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
		.png()
		.toBuffer();
}

beforeAll(async () => {
	db = await createTestDb({ seed: true });
	const d = db.handle.db;
	coord = await makeUser(d, 'coord-1');
	coord2 = await makeUser(d, 'coord-2');
	other = await makeUser(d, 'coord-other');
	makerUser = await makeUser(d, 'maker-a');
	makerUser2 = await makeUser(d, 'maker-b');
	net = (await production.createNetwork(ctx(coord), { name: 'Issyk-Kul felt', country: 'KG' })).id;
	otherNet = (await production.createNetwork(ctx(other), { name: 'Other', country: 'KZ' })).id;
	await production.addCoCoordinator(ctx(coord), net, { email: 'coord-2@example.test' });
	patternId = (
		await production.createPattern(ctx(coord), net, {
			title: { en: 'Felt slippers', ky: 'Кийиз тапичке' },
			instructions: { en: 'Felt, then sew.' },
			difficulty: 'medium',
			minutesPerPiece: 90,
			defaultRateMinor: 10000
		})
	).id;
	yarn = (
		await production.createMaterial(ctx(coord), net, { name: 'Wool, grey', unit: 'g', unitCostMinor: 2 })
	).id;
	await production.recordMovement(ctx(coord), net, { materialId: yarn, kind: 'received', quantity: 10000 });
	kitId = (
		await production.createKit(ctx(coord), net, {
			patternId,
			name: 'Slippers x5',
			pieces: 5,
			lines: [{ materialId: yarn, quantity: 1000 }]
		})
	).id;
});
afterAll(async () => {
	await db?.close();
});

async function joinMaker(a: Actor, name: string) {
	const { code } = await production.createInvitation(ctx(coord), net);
	return (await production.joinWithCode(ctx(a), { code, name, consent: true })).makerId;
}

async function order(assignments: { makerId: string; quantity: number; kits?: number }[], quantity = 20) {
	return (
		await production.createOrder(ctx(coord), net, {
			patternId,
			quantity,
			dueDate: '2026-12-15',
			assignments: assignments.map((a) => ({ ...a, kitId: a.kits ? kitId : undefined }))
		})
	).id;
}

async function assignmentOf(orderId: string, makerId: string) {
	const [a] = await db.handle.db
		.select()
		.from(assignment)
		.where(sql`${assignment.orderId} = ${orderId} and ${assignment.makerId} = ${makerId}`);
	return a;
}

const reportCount = async () =>
	Number((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(report))[0].n);
const entryCount = async () =>
	Number((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntry))[0].n);

describe('networks, invitations and makers', () => {
	it('joins by code, keeps a profile for a woman without a phone, encrypts her account reference', async () => {
		const makerA = await joinMaker(makerUser, 'Aigul');
		expect((await production.getMaker(ctx(makerUser), makerA)).name).toBe('Aigul');
		const kept = await production.addMakerProfile(ctx(coord), net, {
			name: 'Gulnara',
			village: 'Tamga',
			phone: '+996 555 000 000',
			payMethod: 'mobile_wallet',
			payAccount: 'WALLET-12345',
			consentHow: 'paper',
			statsConsent: 'on',
			sex: 'female',
			disability: 'yes'
		});
		const [row] = await db.handle.db.select().from(maker).where(eq(maker.id, kept.id));
		expect(row.payAccount).not.toContain('12345');
		expect(row.consentBy).toBe('coord-1');
		const view = await production.getMaker(ctx(coord), kept.id);
		expect(view.payAccount).toBe('WALLET-12345');
		expect(view.disability).toBe(true);
		const makers = await production.listMakers(ctx(coord2), net);
		expect(makers.map((m) => m.name).sort()).toEqual(['Aigul', 'Gulnara']);
	});

	it('places her by region and SOATE district of the network’s country, shown in the list', async () => {
		const places = await production.makerPlaces(ctx(coord), net);
		expect(places.regions.map((r) => r.code)).toContain('KG-Y');
		const issykKul = places.districts.find((g) => g.region === 'KG-Y')!;
		const district = issykKul.items.find((d) => d.code === '41702205000000')!;
		expect(district.name).toBe('Ak-Suu');
		// a district alone gives its region
		const { id } = await production.addMakerProfile(ctx(coord), net, {
			name: 'Placed',
			districtCode: district.code,
			village: 'Teploklyuchenka',
			consentHow: 'spoken'
		});
		const listed = (await production.listMakers(ctx(coord), net)).find((m) => m.id === id)!;
		expect(listed).toMatchObject({ regionCode: 'KG-Y', districtCode: district.code });
		expect(listed.place).toBe(
			`${places.regions.find((r) => r.code === 'KG-Y')!.name}, Ak-Suu, Teploklyuchenka`
		);
		// a region of another country, or a district outside the chosen region: a message, nothing saved
		const before = (await production.listMakers(ctx(coord), net)).length;
		await expectError(
			production.addMakerProfile(ctx(coord), net, { name: 'X', regionCode: 'KZ-10', consentHow: 'spoken' }),
			'INVALID',
			'regionCode'
		);
		const e = await expectError(
			production.addMakerProfile(ctx(coord), net, {
				name: 'X',
				regionCode: 'KG-C',
				districtCode: district.code,
				consentHow: 'spoken'
			}),
			'INVALID',
			'districtCode'
		);
		expect(translateError(e, 'ru')!.fields.districtCode).toContain('списка');
		expect((await production.listMakers(ctx(coord), net)).length).toBe(before);
		await production.withdrawConsent(ctx(coord), id);
	});

	it('refuses an unknown or expired code with a message on the field', async () => {
		const e = await expectError(
			production.joinWithCode(ctx(makerUser2), { code: 'NOPE-NOPE', name: 'X', consent: true }),
			'INVALID',
			'code'
		);
		expect(translateError(e, 'ky')!.fields.code).toContain('код');
		const { code } = await production.createInvitation(ctx(coord), net);
		await expectError(
			production.joinWithCode(ctx(makerUser2, new Date('2027-02-01T00:00:00Z')), {
				code,
				name: 'X',
				consent: true
			}),
			'INVALID',
			'code'
		);
	});

	it('leaving returns her open assignments; withdrawing consent anonymises her and keeps the amounts', async () => {
		const u = await makeUser(db.handle.db, 'maker-leaver');
		const m = await joinMaker(u, 'Leaver');
		const o = await order([{ makerId: m, quantity: 4 }]);
		const a = await assignmentOf(o, m);
		await production.reportPieces(ctx(u), { assignmentId: a.id, pieces: 2 });
		const [r] = await db.handle.db.select().from(report).where(eq(report.assignmentId, a.id));
		await production.reviewReports(ctx(coord), net, { reportIds: [r.id], decision: 'accept' });
		await production.leaveNetwork(ctx(u), m);
		expect((await assignmentOf(o, m)).status).toBe('returned');
		await production.withdrawConsent(ctx(u), m);
		const [row] = await db.handle.db.select().from(maker).where(eq(maker.id, m));
		expect(row.status).toBe('anonymised');
		expect(row.name).not.toBe('Leaver');
		expect(row.userId).toBeNull();
		expect((await q.balanceOf(db.handle.db, m))!.balanceMinor).toBe(20000);
		expect((await q.summedBalance(db.handle.db, m)).total).toBe(20000);
	});
});

describe('access', () => {
	it('a maker sees only her own data', async () => {
		const a = await joinMaker(makerUser2, 'Bermet');
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		await expectError(production.getMaker(ctx(makerUser2), aigul.id), 'NOT_FOUND');
		await expectError(production.getBalance(ctx(makerUser2), aigul.id), 'NOT_FOUND');
		await expectError(production.listEntries(ctx(makerUser2), aigul.id), 'NOT_FOUND');
		await expectError(production.monthlyStatement(ctx(makerUser2), aigul.id, '2026-11'), 'NOT_FOUND');
		await expectError(production.listMakers(ctx(makerUser2), net), 'NOT_FOUND');
		expect((await production.getBalance(ctx(makerUser2), a)).balanceMinor).toBe(0);
		const mine = await production.myWork(ctx(makerUser2));
		expect(mine.makers.map((m) => m.id)).toEqual([a]);
	});

	it('a coordinator of one network cannot touch another', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		await expectError(production.listMakers(ctx(other), net), 'NOT_FOUND');
		await expectError(production.getMaker(ctx(other), aigul.id), 'NOT_FOUND');
		await expectError(
			production.recordPayout(ctx(other), otherNet, {
				makerId: aigul.id,
				amountMinor: 100,
				method: 'cash',
				paidOn: '2026-11-20'
			}),
			'NOT_FOUND'
		);
		await expectError(
			production.recordMovement(ctx(other), net, { materialId: yarn, kind: 'received', quantity: 1 }),
			'NOT_FOUND'
		);
		await expectError(
			production.recordMovement(ctx(other), otherNet, { materialId: yarn, kind: 'received', quantity: 1 }),
			'NOT_FOUND'
		);
		const o = await order([{ makerId: aigul.id, quantity: 2 }]);
		const a = await assignmentOf(o, aigul.id);
		const { id: reportId } = await production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 1 });
		const result = await production.reviewReports(ctx(other), otherNet, {
			reportIds: [reportId],
			decision: 'accept'
		});
		expect(result).toMatchObject({ done: 0, skipped: 1 });
		await expectError(
			production.reviewReports(ctx(makerUser), net, { reportIds: [reportId], decision: 'accept' }),
			'NOT_FOUND'
		);
		await expectError(
			production.reportPieces(ctx(makerUser2), { assignmentId: a.id, pieces: 1 }),
			'NOT_FOUND'
		);
		await expectError(production.listQueue(ctx(other), net), 'NOT_FOUND');
		await expectError(
			production.addCoCoordinator(ctx(coord2), net, { email: 'coord-other@example.test' }),
			'FORBIDDEN'
		);
	});
});

describe('bad input changes nothing', () => {
	it('a report of zero, negative or too many pieces, or a photo that is not an image', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		const o = await order([{ makerId: aigul.id, quantity: 5 }]);
		const a = await assignmentOf(o, aigul.id);
		const before = await reportCount();
		for (const pieces of [0, -3, 'x', 1.5]) {
			const e = await expectError(
				production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces }),
				'INVALID',
				'pieces'
			);
			expect(translateError(e, 'ky')!.fields.pieces).toBe('Буюмдардын санын жазыңыз: 1 же көбүрөөк.');
		}
		const e = await expectError(
			production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 6 }),
			'INVALID',
			'pieces'
		);
		expect(translateError(e, 'ky')!.fields.pieces).toContain('5');
		const notImage = new TextEncoder().encode('%PDF-1.4 not a photo');
		const e2 = await expectError(
			production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 2 }, { bytes: notImage }),
			'INVALID',
			'photo'
		);
		expect(translateError(e2, 'ky')!.fields.photo).toBeTruthy();
		expect(await reportCount()).toBe(before);
		expect((await assignmentOf(o, aigul.id)).reportedPieces).toBe(0);
		// A real photo is accepted, stripped and kept private.
		const ok = await production.reportPieces(
			ctx(makerUser),
			{ assignmentId: a.id, pieces: 2 },
			{ bytes: await png() }
		);
		const [r] = await db.handle.db.select().from(report).where(eq(report.id, ok.id));
		expect(r.photoFileId).toBeTruthy();
	});

	it('a payout above the balance needs a confirmation with a reason, which is recorded', async () => {
		const m = (await production.addMakerProfile(ctx(coord), net, { name: 'Payee', consentHow: 'spoken' })).id;
		const before = await entryCount();
		const payout = { makerId: m, amountMinor: 5000, method: 'cash', paidOn: '2026-11-20' };
		const e = await expectError(
			production.recordPayout(ctx(coord), net, payout),
			'INVALID',
			'confirmOverBalance'
		);
		expect(translateError(e, 'ky')!.message).toContain('калдыгынан');
		await expectError(
			production.recordPayout(ctx(coord), net, { ...payout, confirmOverBalance: 'on' }),
			'INVALID',
			'overBalanceReason'
		);
		expect(await entryCount()).toBe(before);
		const done = await production.recordPayout(ctx(coord), net, {
			...payout,
			confirmOverBalance: 'on',
			overBalanceReason: 'Advance before the holiday'
		});
		expect(done.overBalance).toBe(true);
		const [row] = await db.handle.db.select().from(ledgerEntry).where(eq(ledgerEntry.id, done.id));
		expect(row.overBalanceReason).toBe('Advance before the holiday');
		expect((await production.getBalance(ctx(coord), m)).balanceMinor).toBe(-5000);
	});

	it('a stock movement that would go negative', async () => {
		const [before] = await db.handle.db.select().from(material).where(eq(material.id, yarn));
		const moves = (await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(stockMovement))[0].n;
		const e = await expectError(
			production.recordMovement(ctx(coord), net, {
				materialId: yarn,
				kind: 'written_off',
				quantity: before.onHand + 1
			}),
			'INVALID',
			'quantity'
		);
		expect(translateError(e, 'ky')!.message).toContain(String(before.onHand));
		// A fan-out whose kits need more than is in stock records no order at all.
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		await expectError(order([{ makerId: aigul.id, quantity: 5, kits: 100 }]), 'INVALID', 'quantity');
		const [after] = await db.handle.db.select().from(material).where(eq(material.id, yarn));
		expect(after.onHand).toBe(before.onHand);
		expect((await db.handle.db.select({ n: sql<number>`count(*)::int` }).from(stockMovement))[0].n).toBe(
			moves
		);
		// The database's check is the second guard.
		await expectDbRefusal(
			db.handle.db.update(material).set({ onHand: -1 }).where(eq(material.id, yarn)),
			'production_material_on_hand'
		);
	});
});

describe('piece reports are idempotent', () => {
	it('a double-submitted form (same key) records one report, also when both arrive at once', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		const o = await order([{ makerId: aigul.id, quantity: 3 }]);
		const a = await assignmentOf(o, aigul.id);
		const before = await reportCount();
		const first = await production.reportPieces(
			ctx(makerUser),
			{ assignmentId: a.id, pieces: 2 },
			{ bytes: await png() },
			'form-key-1'
		);
		expect(first.repeated).toBe(false);
		// The same form sent again (a second tap, Back and resend): the first report, nothing new, even
		// though only one piece is left now and the photo came again.
		const again = await production.reportPieces(
			ctx(makerUser),
			{ assignmentId: a.id, pieces: 2 },
			{ bytes: await png() },
			'form-key-1'
		);
		expect(again).toEqual({ id: first.id, repeated: true });
		expect(await reportCount()).toBe(before + 1);
		expect((await assignmentOf(o, aigul.id)).reportedPieces).toBe(2);
		// Two submits of one key at the same moment: the second waits for the assignment's lock, then
		// finds the first; one report, one piece reported.
		const [x, y] = await Promise.all([
			production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 1 }, null, 'form-key-2'),
			production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 1 }, null, 'form-key-2')
		]);
		expect(x.id).toBe(y.id);
		expect([x.repeated, y.repeated].sort()).toEqual([false, true]);
		expect(await reportCount()).toBe(before + 2);
		const after = await assignmentOf(o, aigul.id);
		expect(after.reportedPieces).toBe(3);
		expect(after.pendingReports).toBe(2);
		// The repeat's photo is not kept: one photo, on the first report.
		const photos = await db.handle.db
			.select({ id: report.photoFileId })
			.from(report)
			.where(eq(report.assignmentId, a.id));
		expect(photos.filter((p) => p.id)).toHaveLength(1);
		// A new key is a new report (refused here: nothing is left).
		await expectError(
			production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 1 }, null, 'form-key-3'),
			'INVALID',
			'pieces'
		);
		// Another maker's key never returns her report: the key counts per assignment, and access first.
		await expectError(
			production.reportPieces(ctx(makerUser2), { assignmentId: a.id, pieces: 1 }, null, 'form-key-1'),
			'NOT_FOUND'
		);
		// The database refuses a second report with the same key on the assignment.
		await expectDbRefusal(
			db.handle.db.insert(report).values({
				id: 'dup-key',
				networkId: a.networkId,
				assignmentId: a.id,
				makerId: aigul.id,
				pieces: 1,
				clientKey: 'form-key-1',
				createdAt: NOW
			}),
			'production_report_client_key_uq'
		);
	});
});

describe('orders, reviews, rates and the ledger', () => {
	it('fans one order out to three makers with kits, accepts four pieces and rejects one', async () => {
		const makers = [
			(await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul')))[0].id,
			(await db.handle.db.select().from(maker).where(eq(maker.name, 'Bermet')))[0].id,
			(await db.handle.db.select().from(maker).where(eq(maker.name, 'Gulnara')))[0].id
		];
		const [stock] = await db.handle.db.select().from(material).where(eq(material.id, yarn));
		await expectError(
			order(
				makers.map((makerId) => ({ makerId, quantity: 10 })),
				20
			),
			'INVALID',
			'quantity'
		);
		const o = await order(
			makers.map((makerId) => ({ makerId, quantity: 5, kits: 1 })),
			15
		);
		const [after] = await db.handle.db.select().from(material).where(eq(material.id, yarn));
		expect(stock.onHand - after.onHand).toBe(3000);
		// A rate from 2026-11-01, and a higher one for Aigul only.
		await production.setRate(ctx(coord), net, { patternId, rateMinor: 12000, validFrom: '2026-11-01' });
		await production.setRate(ctx(coord), net, {
			patternId,
			makerId: makers[0],
			rateMinor: 15000,
			validFrom: '2026-11-15',
			validTo: '2026-11-30'
		});
		const a = await assignmentOf(o, makers[0]);
		await production.respondToAssignment(ctx(makerUser), a.id, true);
		const r1 = await production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 4 });
		const r2 = await production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 1 });
		await expectError(
			production.reviewReports(ctx(coord), net, {
				reportIds: [r1.id, r2.id],
				decision: 'accept',
				acceptPieces: 3,
				reason: 'x'
			}),
			'INVALID',
			'acceptPieces'
		);
		await expectError(
			production.reviewReports(ctx(coord), net, { reportIds: [r1.id], decision: 'accept', acceptPieces: 3 }),
			'INVALID',
			'reason'
		);
		const queue = await production.listQueue(ctx(coord), net, { makerId: makers[0] });
		expect(queue.reports.map((r) => r.id)).toEqual(expect.arrayContaining([r1.id, r2.id]));
		const balance0 = (await production.getBalance(ctx(makerUser), makers[0])).balanceMinor;
		expect(
			(await production.reviewReports(ctx(coord), net, { reportIds: [r1.id], decision: 'accept' }))
				.earnedMinor
		).toBe(60000);
		await expectError(
			production.reviewReports(ctx(coord), net, { reportIds: [r2.id], decision: 'reject' }),
			'INVALID',
			'reason'
		);
		await production.reviewReports(ctx(coord), net, {
			reportIds: [r2.id],
			decision: 'reject',
			reason: 'Seam open',
			rework: 'on'
		});
		const mine = await production.myAssignment(ctx(makerUser), a.id);
		expect(mine!.reports.find((r) => r.id === r2.id)).toMatchObject({
			status: 'rejected',
			rejectReason: 'Seam open',
			reworkRequested: true
		});
		expect(mine!.left).toBe(1);
		expect((await production.getBalance(ctx(makerUser), makers[0])).balanceMinor).toBe(balance0 + 60000);
		// December: her override has ended, the general rate applies.
		const b = await assignmentOf(o, makers[1]);
		const r3 = await production.reportPieces(ctx(makerUser2), { assignmentId: b.id, pieces: 5 });
		const dec = new Date('2026-12-02T10:00:00Z');
		expect(
			(await production.reviewReports(ctx(coord2, dec), net, { reportIds: [r3.id], decision: 'accept' }))
				.earnedMinor
		).toBe(60000);
		expect((await assignmentOf(o, makers[1])).status).toBe('done');
		const progress = await production.getOrder(ctx(coord), net, o);
		expect(progress.assignments.reduce((s, x) => s + x.acceptedPieces, 0)).toBe(9);
		// Reconciliation: Bermet is done, used all 1000 g; Aigul holds what is not used yet.
		const rec = await production.reconcile(ctx(coord), net, { orderId: o });
		const bermet = rec.rows.find((r) => r.makerId === makers[1])!;
		expect(bermet).toMatchObject({ issued: 1000, used: 1000, flagged: false });
		await production.takeBackAssignment(ctx(coord), net, (await assignmentOf(o, makers[2])).id);
		const gul = (await production.reconcile(ctx(coord), net, { orderId: o })).rows.find(
			(r) => r.makerId === makers[2]
		)!;
		expect(gul).toMatchObject({ issued: 1000, used: 0, held: 1000, lossBp: 10000, flagged: true });
	});

	it('corrections are new entries naming the corrected one; entries are never changed (trigger)', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		const [earning] = await db.handle.db
			.select()
			.from(ledgerEntry)
			.where(sql`${ledgerEntry.makerId} = ${aigul.id} and ${ledgerEntry.kind} = 'earning'`)
			.limit(1);
		const before = (await production.getBalance(ctx(coord), aigul.id)).balanceMinor;
		const c = await production.correctEntry(ctx(coord), net, {
			entryId: earning.id,
			reason: 'Counted twice'
		});
		const [corr] = await db.handle.db.select().from(ledgerEntry).where(eq(ledgerEntry.id, c.id));
		expect(corr).toMatchObject({
			kind: 'correction',
			corrects: earning.id,
			amountMinor: -earning.amountMinor
		});
		expect((await production.getBalance(ctx(coord), aigul.id)).balanceMinor).toBe(
			before - earning.amountMinor
		);
		await expectError(
			production.correctEntry(ctx(coord), net, { entryId: earning.id, reason: 'again' }),
			'CONFLICT'
		);
		await expectError(
			production.correctEntry(ctx(coord), net, { entryId: c.id, reason: 'again' }),
			'CONFLICT'
		);
		await expectDbRefusal(
			db.handle.db.update(ledgerEntry).set({ amountMinor: 1 }).where(eq(ledgerEntry.id, earning.id)),
			'production_ledger_entry is append-only: UPDATE refused'
		);
		await expectDbRefusal(
			db.handle.db.delete(ledgerEntry).where(eq(ledgerEntry.id, earning.id)),
			'production_ledger_entry is append-only: DELETE refused'
		);
		await expectDbRefusal(
			db.handle.db.execute(sql`truncate production_ledger_entry cascade`),
			'append-only: TRUNCATE refused'
		);
		await expectDbRefusal(
			db.handle.db.update(stockMovement).set({ quantity: 1 }),
			'production_stock_movement is append-only: UPDATE refused'
		);
	});

	it('accepts part of a report: four of five pieces earn, one is rejected with a reason', async () => {
		const [bermet] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Bermet'));
		const o = await order([{ makerId: bermet.id, quantity: 5 }]);
		const a = await assignmentOf(o, bermet.id);
		const { id } = await production.reportPieces(
			ctx(makerUser2),
			{ assignmentId: a.id, pieces: 5 },
			{ bytes: await png() }
		);
		const before = (await production.getBalance(ctx(makerUser2), bermet.id)).balanceMinor;
		const result = await production.reviewReports(ctx(coord), net, {
			reportIds: [id],
			decision: 'accept',
			acceptPieces: 4,
			reason: 'One has a hole',
			rework: 'on'
		});
		expect(result.done).toBe(1);
		const after = await production.getBalance(ctx(makerUser2), bermet.id);
		expect(after.balanceMinor - before).toBe(4 * 12000);
		const mine = await production.myAssignment(ctx(makerUser2), a.id);
		expect(mine!.reports[0]).toMatchObject({
			status: 'accepted',
			acceptedPieces: 4,
			rejectReason: 'One has a hole',
			reworkRequested: true
		});
		expect(mine!.left).toBe(1);
		expect(mine!.acceptedPieces).toBe(4);
	});

	it('two coordinators accepting the same report at once produce one earning', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		const o = await order([{ makerId: aigul.id, quantity: 3 }]);
		const a = await assignmentOf(o, aigul.id);
		const { id } = await production.reportPieces(ctx(makerUser), { assignmentId: a.id, pieces: 3 });
		const results = await Promise.all([
			production.reviewReports(ctx(coord), net, { reportIds: [id], decision: 'accept' }),
			production.reviewReports(ctx(coord2), net, { reportIds: [id], decision: 'accept' })
		]);
		expect(results.map((r) => r.done).sort()).toEqual([0, 1]);
		const earnings = await db.handle.db
			.select()
			.from(ledgerEntry)
			.where(sql`${ledgerEntry.reportId} = ${id} and ${ledgerEntry.kind} = 'earning'`);
		expect(earnings).toHaveLength(1);
		expect((await assignmentOf(o, aigul.id)).acceptedPieces).toBe(3);
		const bal = await q.balanceOf(db.handle.db, aigul.id);
		expect(bal!.balanceMinor).toBe((await q.summedBalance(db.handle.db, aigul.id)).total);
	});

	it('statements, PDF, CSV, XLSX, the home-work register and indicators', async () => {
		const [aigul] = await db.handle.db.select().from(maker).where(eq(maker.name, 'Aigul'));
		await production.recordPayout(ctx(coord), net, {
			makerId: aigul.id,
			amountMinor: 10000,
			method: 'bank_card',
			reference: 'TR-77',
			paidOn: '2026-11-20'
		});
		const s = await production.monthlyStatement(ctx(makerUser, NOW, 'ky'), aigul.id, '2026-11');
		expect(s.closingMinor).toBe(s.openingMinor + s.inMinor - s.outMinor);
		expect(s.closingMinor).toBe((await production.getBalance(ctx(makerUser), aigul.id)).balanceMinor);
		const pdf = await production.statementPdf(ctx(makerUser, NOW, 'ky'), aigul.id, '2026-11');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await expectError(production.monthlyStatement(ctx(makerUser), aigul.id, '2026-13'), 'INVALID');
		const csv = await production.ledgerCsv(ctx(coord, NOW, 'ru'), net);
		expect(csv).toContain('TR-77');
		expect(csv.split('\n')[0]).toContain('Сумма');
		const xlsx = await production.ledgerXlsx(ctx(coord), net);
		expect(xlsx.subarray(0, 2).toString()).toBe('PK');
		const reg = await production.homeWorkRegister(ctx(coord), net);
		expect(reg.register.length).toBeGreaterThan(3);
		expect(reg.record[0]).toContain('Material cost');
		const sexes = reg.bySex.slice(1).map((r) => r[0]);
		expect(sexes).toEqual(expect.arrayContaining(['Woman', 'Not stated']));
		await expectError(production.homeWorkRegister(ctx(other), net), 'NOT_FOUND');
		const rows = await computeIndicators(
			ctx(coord),
			MODULES,
			{ periods: ['2026-11'], countries: ['KG'], dimensions: ['sex'] },
			['production.makers_active', 'production.pieces_accepted']
		);
		const active = rows.find((r) => r.indicator === 'production.makers_active' && r.dimension === null)!;
		// Fewer than five people: suppressed before it leaves the module.
		expect(active.status).toBe('suppressed');
		const pieces = rows.find((r) => r.indicator === 'production.pieces_accepted' && r.dimension === null)!;
		expect(pieces.value).toBeGreaterThan(0);
	});
});
