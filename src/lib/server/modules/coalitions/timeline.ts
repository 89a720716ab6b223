import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { timelineInput } from './inputs';
import { requireCoordinator } from './access';
import { coalitionOr404, itemOr404 } from './lookup';
import { canMove, NEEDS_EVIDENCE, NEEDS_INSTRUMENT } from './workflow';
import { discardFile, putFile } from './files';
import { notifyFollowers } from './follow';
import {
	AppError,
	carryProvenance,
	once,
	parseInput,
	writeAudit,
	type FieldError,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * The accountability timeline of an item. APPEND-ONLY: an entry is never changed or deleted (the
 * database refuses both); a correction is a new entry naming the one it corrects. The item keeps
 * the newest entry's status, progress and aggregate counts for listing.
 */

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

export type TimelineData = z.output<typeof timelineInput>;

/** Business rules of one new timeline entry, given the item's current state. Returns field errors. */
export function checkEntry(
	item: Pick<q.ItemRow, 'kind' | 'status' | 'aggregateTotal'>,
	data: TimelineData,
	hasEvidence: boolean,
	correctsOk: boolean
): Record<string, FieldError> {
	const errors: Record<string, FieldError> = {};
	if (data.correctsId && !correctsOk) errors.correctsId = { key: 'coalitions_error_corrects' };
	if (!data.correctsId && !canMove(item.status, data.status))
		errors.status = { key: 'coalitions_error_transition', params: { from: item.status, to: data.status } };
	if (NEEDS_EVIDENCE.includes(data.status) && !hasEvidence)
		errors.evidenceUrl = { key: 'coalitions_error_evidence' };
	if (item.kind !== 'coalition_output' && NEEDS_INSTRUMENT.includes(data.status) && !data.instrument)
		errors['instrument.type'] = { key: 'coalitions_error_instrument' };
	if (
		item.kind === 'aggregate' &&
		data.aggregateAdopted !== undefined &&
		data.aggregateAdopted > (item.aggregateTotal ?? 0)
	)
		errors.aggregateAdopted = { key: 'coalitions_error_adopted_over_total' };
	return errors;
}

export function entryRow(
	item: q.ItemRow,
	data: TimelineData,
	userId: string,
	now: Date,
	fileId: string | null
) {
	const progress = data.progress ?? (data.status === 'implemented' ? 100 : null);
	const aggregateAdopted =
		item.kind === 'aggregate' ? (data.aggregateAdopted ?? item.aggregateAdopted ?? 0) : null;
	return {
		id: randomUUID(),
		recommendationId: item.id,
		date: data.date,
		status: data.status,
		progress,
		aggregateTotal: item.kind === 'aggregate' ? item.aggregateTotal : null,
		aggregateAdopted,
		// Its source language recorded, so that its translations can be kept beside it (issue 18).
		note: carryProvenance(null, data.note, { by: userId, at: now }),
		evidenceUrl: data.evidenceUrl ?? null,
		evidenceFileId: fileId,
		instrument: data.instrument
			? {
					type: data.instrument.type,
					name: data.instrument.name,
					number: data.instrument.number ?? null,
					date: data.instrument.date ?? null,
					clause: data.instrument.clause ?? null,
					body: data.instrument.body ?? null
				}
			: null,
		correctsId: data.correctsId ?? null,
		createdBy: userId,
		createdAt: now
	};
}

/** Appends the entry and moves the item's current status; in the caller's transaction. */
export async function appendEntry(tx: ServiceContext, item: q.ItemRow, row: ReturnType<typeof entryRow>) {
	await q.insertEntry(tx.db, row);
	await q.updateItem(tx.db, item.id, {
		status: row.status,
		progress: row.progress,
		aggregateAdopted: row.aggregateAdopted,
		updatedAt: row.createdAt
	});
	await writeAudit(tx, {
		action: row.correctsId ? 'coalitions.timeline.correct' : 'coalitions.timeline.append',
		entity: 'coalitions_recommendation',
		entityId: item.id,
		before: { status: item.status, progress: item.progress },
		after: { status: row.status, progress: row.progress, entry: row.id, corrects: row.correctsId }
	});
}

/**
 * A coordinator records a status change (or progress, or a correction) with its evidence: a link,
 * an uploaded document, or both. The entry is appended; nothing on the timeline is ever changed.
 */
export async function recordStatus(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof timelineInput>>,
	options: { upload?: Upload | null; onceKey?: string | null } = {}
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(timelineInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	const correctsOk = data.correctsId ? Boolean(await q.entryOfItem(ctx.db, data.correctsId, item.id)) : false;
	if (data.evidenceFileId && !(await q.fileOfCoalition(ctx.db, data.evidenceFileId, c.id)))
		throw new AppError('INVALID', { fields: { evidenceFileId: { key: 'error_field_invalid' } } });
	const upload = options.upload && options.upload.bytes.byteLength > 0 ? options.upload : null;
	const errors = checkEntry(
		item,
		data,
		Boolean(data.evidenceUrl || data.evidenceFileId || upload),
		correctsOk
	);
	if (Object.keys(errors).length) throw new AppError('INVALID', { fields: errors });
	const stored = upload ? await putFile(ctx, upload.name, upload.bytes) : null;
	try {
		return await once(ctx, 'coalitions.timeline', options.onceKey, async (tx) => {
			const now = tx.clock();
			if (stored)
				await q.insertFile(tx.db, { ...stored, coalitionId: c.id, uploadedBy: userId, createdAt: now });
			const row = entryRow(item, data, userId, now, stored?.id ?? data.evidenceFileId ?? null);
			await appendEntry(tx, item, row);
			await notifyFollowers(tx, c, item, row);
			return { id: row.id, status: row.status };
		});
	} catch (error) {
		if (stored) await discardFile(ctx, stored.id);
		throw error;
	}
}

/** An evidence document's record (public, like the timeline it backs), or null. */
export async function getEvidenceFile(ctx: ServiceContext, id: string) {
	return q.fileById(ctx.db, id);
}
