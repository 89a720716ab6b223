import type { z } from 'zod';
import * as q from './queries';
import { confirmInput, withdrawInput } from './inputs';
import { requireEditor, requireEditorOf } from './access';
import { isoDay, isStale, staleFrom, toQueueItem } from './views';
import {
	AppError,
	auditTrail,
	parseInput,
	requireUser,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * Review by care editors (optionally limited to a country): the queue, an entry's history,
 * confirming (which publishes) and withdrawing. The history is append-only; every change is audited.
 */

/**
 * The review queue: entries waiting for a first confirmation, entries not confirmed for six months
 * (still shown, with a warning), and retired entries, for the editor's countries.
 */
export async function reviewQueue(ctx: ServiceContext) {
	const countries = requireEditor(ctx);
	const rows = await q.servicesOfCountries(ctx.db, countries);
	const items = rows.map((r) => toQueueItem(ctx, r));
	return {
		countries,
		due: items.filter((i) => i.state === 'review' || (i.state === 'published' && i.stale)),
		current: items.filter((i) => i.state === 'published' && !i.stale),
		retired: items.filter((i) => i.state === 'retired')
	};
}

async function loadForEditor(ctx: ServiceContext, id: string) {
	requireUser(ctx);
	return requireEditorOf(ctx, await q.serviceById(ctx.db, id));
}

/** One entry with its confirmation history, for an editor of its country. */
export async function reviewEntry(ctx: ServiceContext, id: string) {
	const row = await loadForEditor(ctx, id);
	const history = await q.confirmationsOf(ctx.db, id);
	return {
		entry: toQueueItem(ctx, row),
		history: history.map((h) => ({
			id: h.id,
			action: h.action,
			confirmedOn: h.confirmedOn,
			method: h.method,
			by: h.byUserId === null ? ('source' as const) : h.byUserId === ctx.actor.userId ? 'you' : 'editor',
			note: h.note,
			phones: h.phones,
			at: h.createdAt.toISOString()
		}))
	};
}

/**
 * An editor of the entry's country records how and when she confirmed it; the entry is published
 * (again). Retired (expired) entries cannot be published.
 */
export async function confirmService(ctx: ServiceContext, input: Unparsed<z.input<typeof confirmInput>>) {
	const userId = requireUser(ctx);
	const data = parseInput(confirmInput, input);
	const row = await loadForEditor(ctx, data.id);
	if (row.state === 'retired') throw new AppError('CONFLICT', { messageKey: 'care_error_expired' });
	const today = isoDay(ctx.clock());
	if (data.confirmedOn > today)
		throw new AppError('INVALID', { fields: { confirmedOn: { key: 'care_error_future_date' } } });
	if (isStale(data.confirmedOn, ctx.clock()))
		throw new AppError('INVALID', { fields: { confirmedOn: { key: 'care_error_too_old' } } });
	const phones = data.phones?.length ? data.phones : row.phones;
	const after = {
		state: 'published' as const,
		phones,
		reviewReason: null,
		lastConfirmedOn: data.confirmedOn,
		lastConfirmedBy: userId,
		lastConfirmedMethod: data.method,
		updatedAt: ctx.clock()
	};
	await q.updateService(ctx.db, row.id, after);
	await q.insertConfirmation(ctx.db, {
		serviceId: row.id,
		action: 'confirmed',
		confirmedOn: data.confirmedOn,
		method: data.method,
		byUserId: userId,
		note: data.note ?? null,
		phones,
		createdAt: ctx.clock()
	});
	await writeAudit(ctx, {
		action: 'care.service.confirm',
		entity: 'care_service',
		entityId: row.id,
		before: { state: row.state, phones: row.phones, lastConfirmedOn: row.lastConfirmedOn },
		after: { state: after.state, phones, lastConfirmedOn: data.confirmedOn, method: data.method }
	});
	return { id: row.id, state: after.state };
}

/** An editor takes an entry off the public directory (a number stopped working): back to review. */
export async function withdrawService(ctx: ServiceContext, input: Unparsed<z.input<typeof withdrawInput>>) {
	const userId = requireUser(ctx);
	const data = parseInput(withdrawInput, input);
	const row = await loadForEditor(ctx, data.id);
	if (row.state !== 'published') throw new AppError('CONFLICT');
	await q.returnToReview(ctx.db, row.id, 'care_reason_withdrawn', ctx.clock());
	await q.insertConfirmation(ctx.db, {
		serviceId: row.id,
		action: 'withdrawn',
		confirmedOn: isoDay(ctx.clock()),
		method: null,
		byUserId: userId,
		note: data.note,
		phones: row.phones,
		createdAt: ctx.clock()
	});
	await writeAudit(ctx, {
		action: 'care.service.withdraw',
		entity: 'care_service',
		entityId: row.id,
		before: { state: row.state },
		after: { state: 'review', note: data.note }
	});
	return { id: row.id, state: 'review' as const };
}

/**
 * Job: records, once per confirmation, that a published entry went stale and is back in the review
 * queue (the queue and the warning are computed on read; this leaves a dated trace in the audit log).
 * Returns the ids it recorded. It changes no entry; it runs as the job's (anonymous) context.
 */
export async function recordStaleEntries(ctx: ServiceContext): Promise<string[]> {
	const rows = await q.publishedServices(ctx.db);
	const recorded: string[] = [];
	for (const r of rows) {
		if (!isStale(r.lastConfirmedOn, ctx.clock())) continue;
		const trail = await auditTrail(ctx, 'care_service', r.id, 20);
		const done = trail.some(
			(a) =>
				a.action === 'care.service.stale' &&
				(a.after as { lastConfirmedOn?: string } | null)?.lastConfirmedOn === r.lastConfirmedOn
		);
		if (done) continue;
		await writeAudit(ctx, {
			action: 'care.service.stale',
			entity: 'care_service',
			entityId: r.id,
			after: { lastConfirmedOn: r.lastConfirmedOn, staleFrom: staleFrom(r.lastConfirmedOn!) }
		});
		recorded.push(r.id);
	}
	return recorded;
}
