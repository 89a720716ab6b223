import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError, once, parseInput, pickText, withDb, writeAudit, type ServiceContext } from '../../core';
import { putImage } from '../../core/images';
import { storeFile } from '../../core/files';
import type { Db } from '#lib/server/db';
import { makerInNetwork, requireCoordinator } from './access';
import { kitInput, materialInput, movementInput, patternInput, rateInput } from './inputs';
import * as q from './queries';
import {
	kit,
	kitLine,
	material,
	pattern,
	patternFile,
	rate,
	stockMovement,
	type MovementKind,
	type Network,
	type PatternFileKind
} from './schema';

/** Patterns, piece rates, materials, stock and kits of a network. */

export async function createPattern(ctx: ServiceContext, networkId: string, raw: unknown, key?: string) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(patternInput, raw);
	return once(ctx, 'production.pattern', key, async (tx) => {
		const id = randomUUID();
		await tx.db.insert(pattern).values({ id, networkId: net.id, ...input, createdAt: ctx.clock() });
		await writeAudit(tx, { action: 'production.pattern.create', entity: 'production_pattern', entityId: id });
		return { id };
	});
}

async function patternOf(ctx: ServiceContext, net: Network, patternId: string) {
	const row = await q.patternRow(ctx.db, net.id, patternId);
	if (!row) throw new AppError('NOT_FOUND');
	return row;
}

/**
 * Adds a file to a pattern: a document (PDF or image, private to the network) or a photo of the
 * finished piece (through core images: EXIF and GPS stripped).
 */
export async function addPatternFile(
	ctx: ServiceContext,
	networkId: string,
	patternId: string,
	input: { bytes: Uint8Array; name?: string | null; kind: PatternFileKind }
) {
	const net = await requireCoordinator(ctx, networkId);
	const p = await patternOf(ctx, net, patternId);
	const fileId =
		input.kind === 'finished_photo'
			? (
					await putImage(ctx, {
						bytes: input.bytes,
						ownerModule: 'production',
						ownerId: p.id,
						visibility: 'private',
						name: input.name,
						field: 'file'
					})
				).id
			: (
					await storeFile(ctx, {
						bytes: input.bytes,
						ownerModule: 'production',
						ownerId: p.id,
						visibility: 'private',
						name: input.name ?? null,
						accept: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp']
					})
				).id;
	await ctx.db
		.insert(patternFile)
		.values({ patternId: p.id, fileId, kind: input.kind, addedAt: ctx.clock() });
	return { fileId };
}

export async function listPatterns(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const rows = await q.patternsOf(ctx.db, net.id);
	const files = await q.patternFilesOf(
		ctx.db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
		id: r.id,
		title: pickText(r.title, ctx.locale),
		instructions: pickText(r.instructions, ctx.locale),
		videoLinks: r.videoLinks,
		difficulty: r.difficulty,
		minutesPerPiece: r.minutesPerPiece,
		defaultRateMinor: r.defaultRateMinor,
		files: files.filter((f) => f.patternId === r.id).map((f) => ({ fileId: f.fileId, kind: f.kind }))
	}));
}

/** A piece rate valid from a day (to a day, or open), for the pattern or one maker. */
export async function setRate(ctx: ServiceContext, networkId: string, raw: unknown) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(rateInput, raw);
	await patternOf(ctx, net, input.patternId);
	if (input.makerId) await makerInNetwork(ctx, net, input.makerId);
	if (input.validTo && input.validTo < input.validFrom)
		throw new AppError('INVALID', { fields: { validTo: { key: 'production_error_period' } } });
	const id = randomUUID();
	await ctx.db.transaction(async (db) => {
		await db.insert(rate).values({
			id,
			patternId: input.patternId,
			makerId: input.makerId,
			rateMinor: input.rateMinor,
			validFrom: input.validFrom,
			validTo: input.validTo ?? null,
			createdAt: ctx.clock()
		});
		await writeAudit(withDb(ctx, db), {
			action: 'production.rate.set',
			entity: 'production_pattern',
			entityId: input.patternId,
			after: { rateMinor: input.rateMinor, validFrom: input.validFrom, makerId: input.makerId }
		});
	});
	return { id };
}

/**
 * The rate in force on a day: her own override valid that day, else the pattern's rate valid that day
 * (the latest started wins when periods overlap), else the pattern's default rate.
 */
export async function rateOn(db: Db, patternId: string, makerId: string, day: string): Promise<number> {
	const rows = await q.ratesValidOn(db, patternId, makerId, day);
	const own = rows.find((r) => r.makerId === makerId);
	if (own) return own.rateMinor;
	const general = rows.find((r) => r.makerId === null);
	if (general) return general.rateMinor;
	return (await q.patternDefaultRate(db, patternId)) ?? 0;
}

export async function listRates(ctx: ServiceContext, networkId: string, patternId: string) {
	const net = await requireCoordinator(ctx, networkId);
	await patternOf(ctx, net, patternId);
	return q.ratesOf(ctx.db, patternId);
}

export async function createMaterial(ctx: ServiceContext, networkId: string, raw: unknown, key?: string) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(materialInput, raw);
	return once(ctx, 'production.material', key, async (tx) => {
		const id = randomUUID();
		await tx.db.insert(material).values({ id, networkId: net.id, ...input, createdAt: ctx.clock() });
		return { id };
	});
}

export async function listMaterials(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	return q.materialsOf(ctx.db, net.id);
}

const SIGN: Record<MovementKind, 1 | -1> = { received: 1, issued: -1, returned: 1, written_off: -1 };

/**
 * Moves stock inside the caller's transaction: the material row is locked, the new stock checked
 * (never below zero: INVALID with what is left), the movement appended.
 */
export async function moveStock(
	ctx: ServiceContext,
	net: Network,
	m: {
		materialId: string;
		kind: MovementKind;
		quantity: number;
		makerId?: string | null;
		assignmentId?: string | null;
		shipmentId?: string | null;
		note?: string | null;
	}
) {
	const row = await q.lockMaterial(ctx.db, m.materialId);
	if (!row || row.networkId !== net.id) throw new AppError('NOT_FOUND');
	const delta = SIGN[m.kind] * m.quantity;
	if (row.onHand + delta < 0)
		throw new AppError('INVALID', {
			messageKey: 'production_error_stock_negative',
			params: { name: row.name, available: row.onHand, unit: row.unit },
			fields: {
				quantity: { key: 'production_error_stock_negative_field', params: { available: row.onHand } }
			}
		});
	await ctx.db
		.update(material)
		.set({ onHand: row.onHand + delta })
		.where(eq(material.id, row.id));
	await ctx.db.insert(stockMovement).values({
		networkId: net.id,
		materialId: row.id,
		kind: m.kind,
		quantity: m.quantity,
		delta,
		makerId: m.makerId ?? null,
		assignmentId: m.assignmentId ?? null,
		shipmentId: m.shipmentId ?? null,
		note: m.note ?? null,
		at: ctx.clock(),
		by: ctx.actor.userId
	});
}

/** Records a stock movement (received, issued to a maker, returned, written off). */
export async function recordMovement(ctx: ServiceContext, networkId: string, raw: unknown, key?: string) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(movementInput, raw);
	if (input.makerId) await makerInNetwork(ctx, net, input.makerId);
	if (input.assignmentId) {
		const a = await q.assignmentById(ctx.db, input.assignmentId);
		if (!a || a.networkId !== net.id) throw new AppError('NOT_FOUND');
		input.makerId ??= a.makerId;
	}
	return once(ctx, 'production.movement', key, async (tx) => {
		await moveStock(tx, net, input);
		return { ok: true };
	});
}

export async function createKit(ctx: ServiceContext, networkId: string, raw: unknown, key?: string) {
	const net = await requireCoordinator(ctx, networkId);
	const input = parseInput(kitInput, raw);
	await patternOf(ctx, net, input.patternId);
	const ids = [...new Set(input.lines.map((l) => l.materialId))];
	if (ids.length !== input.lines.length)
		throw new AppError('INVALID', { fields: { lines: { key: 'production_error_kit_duplicate' } } });
	const mats = await q.materialsOf(ctx.db, net.id);
	if (ids.some((id) => !mats.find((m) => m.id === id))) throw new AppError('NOT_FOUND');
	return once(ctx, 'production.kit', key, async (tx) => {
		const id = randomUUID();
		await tx.db.insert(kit).values({
			id,
			networkId: net.id,
			patternId: input.patternId,
			name: input.name,
			pieces: input.pieces,
			createdAt: ctx.clock()
		});
		await tx.db.insert(kitLine).values(input.lines.map((l) => ({ kitId: id, ...l })));
		return { id };
	});
}

export async function listKits(ctx: ServiceContext, networkId: string) {
	const net = await requireCoordinator(ctx, networkId);
	const kits = await q.kitsOf(ctx.db, net.id);
	const lines = await q.kitLinesWithMaterials(
		ctx.db,
		kits.map((k) => k.id)
	);
	return kits.map((k) => ({ ...k, lines: lines.filter((l) => l.kitId === k.id) }));
}
