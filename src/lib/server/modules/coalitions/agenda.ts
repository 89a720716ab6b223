import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { agendaInput, agendaVersionInput, recommendationInput, recommendationTextInput } from './inputs';
import { requireCoordinator } from './access';
import { coalitionOr404, itemOr404 } from './lookup';
import {
	AppError,
	authoredText,
	carryProvenance,
	once,
	parseInput,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * The agenda (coordinators): agendas and their published versions, and the recommendations (or
 * aggregate outcomes) tracked in them, with their wording per language.
 */

export async function createAgenda(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof agendaInput>>,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(agendaInput, input);
	return once(ctx, 'coalitions.agenda', onceKey, async (tx) => {
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			title: authoredText(data.title, tx),
			createdBy: userId,
			createdAt: tx.clock()
		};
		await q.insertAgenda(tx.db, row);
		await writeAudit(tx, {
			action: 'coalitions.agenda.create',
			entity: 'coalitions_agenda',
			entityId: row.id,
			after: row
		});
		return { id: row.id };
	});
}

/** Publishes the next version of an agenda: a snapshot of its recommendations as they are now. */
export async function publishAgendaVersion(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof agendaVersionInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(agendaVersionInput, input);
	return ctx.db.transaction(async (txDb) => {
		const a = await q.agendaById(txDb, c.id, data.agendaId);
		if (!a) throw new AppError('NOT_FOUND');
		const items = await q.itemsOfAgenda(txDb, a.id);
		const row = {
			id: randomUUID(),
			agendaId: a.id,
			number: (await q.lastAgendaVersion(txDb, a.id)) + 1,
			note: data.note ?? null,
			snapshot: items.map((i) => ({ id: i.id, barrier: i.barrier, title: i.title, text: i.text })),
			createdBy: userId,
			createdAt: ctx.clock()
		};
		await q.insertAgendaVersion(txDb, row);
		await writeAudit(
			{ ...ctx, db: txDb },
			{
				action: 'coalitions.agenda.version',
				entity: 'coalitions_agenda',
				entityId: a.id,
				after: { number: row.number, items: row.snapshot.length }
			}
		);
		return { number: row.number };
	});
}

/** A coordinator adds a recommendation (or an aggregate outcome); it starts its timeline at drafting. */
export async function createRecommendation(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof recommendationInput>>,
	onceKey?: string | null
) {
	const c = await coalitionOr404(ctx, slug);
	const userId = await requireCoordinator(ctx, c);
	const data = parseInput(recommendationInput, input);
	if (data.agendaId && !(await q.agendaById(ctx.db, c.id, data.agendaId)))
		throw new AppError('INVALID', { fields: { agendaId: { key: 'error_field_choice' } } });
	if (data.proposerIds.length) {
		const members = await q.memberOrganizationIds(ctx.db, c.id, data.proposerIds);
		if (data.proposerIds.some((id) => !members.has(id)))
			throw new AppError('INVALID', { fields: { proposerIds: { key: 'coalitions_error_proposer' } } });
	}
	return once(ctx, 'coalitions.recommendation', onceKey, async (tx) => {
		const now = tx.clock();
		const row = {
			id: randomUUID(),
			coalitionId: c.id,
			agendaId: data.agendaId ?? null,
			kind: data.kind,
			barrier: data.barrier,
			title: authoredText(data.title, tx),
			text: authoredText(data.text, tx),
			targetBody: data.targetBody ?? null,
			status: 'drafting' as const,
			progress: null,
			aggregateTotal: data.kind === 'aggregate' ? (data.aggregateTotal ?? null) : null,
			aggregateAdopted: data.kind === 'aggregate' ? (data.aggregateAdopted ?? 0) : null,
			sourceKey: null,
			demo: false,
			createdBy: userId,
			createdAt: now,
			updatedAt: now
		};
		await q.insertItem(tx.db, row);
		await q.insertProposers(tx.db, row.id, [...new Set(data.proposerIds)]);
		await q.insertEntry(tx.db, {
			id: randomUUID(),
			recommendationId: row.id,
			date: now.toISOString().slice(0, 10),
			status: 'drafting',
			aggregateTotal: row.aggregateTotal,
			aggregateAdopted: row.aggregateAdopted,
			createdBy: userId,
			createdAt: now
		});
		await writeAudit(tx, {
			action: 'coalitions.recommendation.create',
			entity: 'coalitions_recommendation',
			entityId: row.id,
			after: row
		});
		return { id: row.id };
	});
}

/**
 * Coordinators edit a recommendation's wording and add translations. Its status history is
 * untouched (the timeline is append-only); published agenda versions keep their snapshots. The
 * wording of an outcome reported by a source is the source's, and stays.
 */
export async function updateRecommendationText(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof recommendationTextInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const data = parseInput(recommendationTextInput, input);
	const item = await itemOr404(ctx, c.id, data.recommendationId);
	if (item.sourceKey) throw new AppError('FORBIDDEN', { messageKey: 'coalitions_error_reported_text' });
	const carry = { by: ctx.actor.userId, at: ctx.clock() };
	await q.updateItem(ctx.db, item.id, {
		title: carryProvenance(item.title, data.title, carry),
		text: carryProvenance(item.text, data.text, carry),
		targetBody: data.targetBody ?? null,
		updatedAt: ctx.clock()
	});
	await writeAudit(ctx, {
		action: 'coalitions.recommendation.text',
		entity: 'coalitions_recommendation',
		entityId: item.id,
		before: { title: item.title, text: item.text, targetBody: item.targetBody },
		after: { title: data.title, text: data.text, targetBody: data.targetBody ?? null }
	});
}

/**
 * The wording in every language, for editing (coordinators). `reported` says it is an outcome
 * reported by a source, whose wording updateRecommendationText refuses to change.
 */
export async function getRecommendationText(ctx: ServiceContext, slug: string, id: string) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const item = await itemOr404(ctx, c.id, id);
	return {
		title: item.title,
		text: item.text,
		targetBody: item.targetBody,
		reported: Boolean(item.sourceKey)
	};
}
