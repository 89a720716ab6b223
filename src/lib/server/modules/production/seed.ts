import { eq, sql } from 'drizzle-orm';
import type { Seed } from '../../core/registry';
import type { ServiceContext } from '../../core';
import * as q from './queries';
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
	shipment,
	stockMovement
} from './schema';

/**
 * A demo home production network, to show the workflow on a fresh install (only when demo data is on).
 * Nothing in it is real: the network and every maker carry `demo` (labelled demo on every page that shows
 * them), every name says "demo", no maker has a phone or an account reference, and the piece rates, unit
 * costs and quantities are round demo figures, not anybody's prices. It is run by the demo organization
 * of the accounts seed, so that organization's staff (and platform admins) can open it; indicators never
 * count demo networks.
 */

const NET = 'demo-production-kg';
const ORG = 'demo-org-kg-artisans';
const DAY = 86400_000;

const MAKERS = [
	{ n: 1, region: 'KG-Y', village: 'Demo village 1', perWeek: 10 },
	{ n: 2, region: 'KG-Y', village: 'Demo village 2', perWeek: 6 },
	{ n: 3, region: 'KG-N', village: 'Demo village 3', perWeek: 8 },
	{ n: 4, region: 'KG-N', village: 'Demo village 4', perWeek: 4 },
	{ n: 5, region: 'KG-O', village: 'Demo village 5', perWeek: 12 }
];

const demoName = (n: number) => `Demo maker ${n}`;

export const productionSeed: Seed = {
	name: 'production.demo',
	version: '1',
	kind: 'demo',
	async run(ctx: ServiceContext) {
		const db = ctx.db;
		const [existing] = await db.select({ id: network.id }).from(network).where(eq(network.id, NET));
		if (existing) return;
		const now = ctx.clock();
		const at = (days: number) => new Date(now.getTime() + days * DAY);
		const day = (days: number) => at(days).toISOString().slice(0, 10);
		await db.insert(network).values({
			id: NET,
			name: 'Demo network: felt and knitting (demo)',
			country: 'KG',
			regionCode: 'KG-Y',
			currency: 'KGS',
			// the accounts module's demo seed (run before this one, with the same demo switch) creates it
			organizationId: ORG,
			demo: true,
			createdAt: at(-30)
		});
		for (const m of MAKERS)
			await db.insert(maker).values({
				id: `demo-maker-${m.n}`,
				networkId: NET,
				name: demoName(m.n),
				regionCode: m.region,
				village: m.village,
				skills: 'felting, knitting (demo)',
				piecesPerWeek: m.perWeek,
				payMethod: 'cash',
				consentAt: at(-30),
				consentHow: 'paper',
				demo: true,
				createdAt: at(-30)
			});

		const slippers = 'demo-pattern-slippers';
		const toy = 'demo-pattern-toy';
		await db.insert(pattern).values([
			{
				id: slippers,
				networkId: NET,
				title: {
					en: 'Felt slippers (demo)',
					ru: 'Войлочные тапочки (демо)',
					ky: 'Кийиз тапичке (демо)'
				},
				instructions: {
					en: 'Demo pattern: no real instructions.',
					ru: 'Демо-схема: настоящих инструкций нет.',
					ky: 'Демо схема: чыныгы нускама жок.'
				},
				difficulty: 'medium',
				minutesPerPiece: 90,
				defaultRateMinor: 10000,
				createdAt: at(-29)
			},
			{
				id: toy,
				networkId: NET,
				title: { en: 'Knitted toy (demo)', ru: 'Вязаная игрушка (демо)', ky: 'Токулган оюнчук (демо)' },
				instructions: {
					en: 'Demo pattern: no real instructions.',
					ru: 'Демо-схема: настоящих инструкций нет.',
					ky: 'Демо схема: чыныгы нускама жок.'
				},
				difficulty: 'easy',
				minutesPerPiece: 60,
				defaultRateMinor: 6000,
				createdAt: at(-29)
			}
		]);

		// Materials: received into stock, then issued in kits (the movements explain every unit on hand).
		const wool = { id: 'demo-material-wool', name: 'Wool felt, grey (demo)', unit: 'g' as const, got: 20000 };
		const thread = { id: 'demo-material-thread', name: 'Thread (demo)', unit: 'm' as const, got: 2000 };
		const labels = { id: 'demo-material-labels', name: 'Labels (demo)', unit: 'pcs' as const, got: 200 };
		for (const m of [wool, thread, labels]) {
			await db.insert(material).values({
				id: m.id,
				networkId: NET,
				name: m.name,
				unit: m.unit,
				onHand: m.got,
				createdAt: at(-28)
			});
			await db.insert(stockMovement).values({
				networkId: NET,
				materialId: m.id,
				kind: 'received',
				quantity: m.got,
				delta: m.got,
				note: 'demo',
				at: at(-28),
				by: null
			});
		}
		const kitId = 'demo-kit-slippers-5';
		const perKit = [
			{ materialId: wool.id, quantity: 1500 },
			{ materialId: thread.id, quantity: 100 },
			{ materialId: labels.id, quantity: 5 }
		];
		await db.insert(kit).values({
			id: kitId,
			networkId: NET,
			patternId: slippers,
			name: 'Kit: 5 pairs (demo)',
			pieces: 5,
			createdAt: at(-27)
		});
		await db.insert(kitLine).values(perKit.map((l) => ({ kitId, ...l })));

		// One order of 30 pairs fanned out to three makers, each with two kits (10 pairs).
		const orderId = 'demo-order-slippers';
		await db.insert(order).values({
			id: orderId,
			networkId: NET,
			patternId: slippers,
			quantity: 30,
			dueDate: day(21),
			note: 'Demo order',
			createdAt: at(-14)
		});
		const parts = [1, 2, 3].map((n) => ({
			id: `demo-assignment-${n}`,
			makerId: `demo-maker-${n}`,
			shipmentId: `demo-shipment-${n}`
		}));
		for (const p of parts) {
			await db.insert(assignment).values({
				id: p.id,
				orderId,
				networkId: NET,
				makerId: p.makerId,
				quantity: 10,
				dueDate: day(21),
				kitId,
				status: 'accepted',
				createdAt: at(-14),
				respondedAt: at(-13)
			});
			await db.insert(shipment).values({
				id: p.shipmentId,
				networkId: NET,
				makerId: p.makerId,
				kitId,
				assignmentId: p.id,
				kits: 2,
				sentOn: day(-14),
				how: 'bus_or_taxi',
				createdAt: at(-14)
			});
			for (const l of perKit) {
				const quantity = l.quantity * 2;
				await db
					.update(material)
					.set({ onHand: sql`${material.onHand} - ${quantity}` })
					.where(eq(material.id, l.materialId));
				await db.insert(stockMovement).values({
					networkId: NET,
					materialId: l.materialId,
					kind: 'issued',
					quantity,
					delta: -quantity,
					makerId: p.makerId,
					assignmentId: p.id,
					shipmentId: p.shipmentId,
					at: at(-14),
					by: null
				});
			}
		}

		// Reports: maker 1's first four pairs accepted (an earning in her ledger), three waiting for a check.
		const reports = [
			{ id: 'demo-report-1', part: parts[0], pieces: 4, days: -7, accepted: true },
			{ id: 'demo-report-2', part: parts[0], pieces: 3, days: -2, accepted: false },
			{ id: 'demo-report-3', part: parts[1], pieces: 5, days: -1, accepted: false },
			{ id: 'demo-report-4', part: parts[2], pieces: 2, days: -1, accepted: false }
		];
		for (const r of reports) {
			await db.insert(report).values({
				id: r.id,
				networkId: NET,
				assignmentId: r.part.id,
				makerId: r.part.makerId,
				pieces: r.pieces,
				note: 'demo',
				status: r.accepted ? 'accepted' : 'pending',
				acceptedPieces: r.accepted ? r.pieces : null,
				reviewedAt: r.accepted ? at(r.days + 1) : null,
				createdAt: at(r.days)
			});
			await db
				.update(assignment)
				.set({
					reportedPieces: sql`${assignment.reportedPieces} + ${r.pieces}`,
					acceptedPieces: sql`${assignment.acceptedPieces} + ${r.accepted ? r.pieces : 0}`,
					pendingReports: sql`${assignment.pendingReports} + ${r.accepted ? 0 : 1}`
				})
				.where(eq(assignment.id, r.part.id));
			if (r.accepted) {
				await q.lockBalance(db, r.part.makerId, NET, at(r.days + 1));
				await q.appendEntry(
					db,
					{
						networkId: NET,
						makerId: r.part.makerId,
						kind: 'earning',
						amountMinor: 10000 * r.pieces,
						currency: 'KGS',
						reportId: r.id,
						pieces: r.pieces,
						rateMinor: 10000,
						at: at(r.days + 1),
						by: null
					},
					false
				);
			}
		}
	}
};
