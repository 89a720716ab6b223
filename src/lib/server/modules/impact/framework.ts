import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { decisionInput, indicatorInput, resultInput, targetInput, valueInput } from './inputs';
import { coordinatedCountries, requireCoordinator } from './access';
import { DIMENSIONS, type ValueParts } from './schema';
import type { PendingValueView } from './views';
import {
	AppError,
	authoredText,
	once,
	parseInput,
	pickText,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';

/**
 * The results framework: results → indicators (definition per locale, unit, numeric type, direction,
 * baseline, targets per period), and the values entered for them with evidence, approved by a second
 * coordinator (never the one who entered). Numbers are strict; where a total and its parts are both
 * given and differ, the value is flagged, and approving it needs a note saying why.
 */

/** Dimensions whose parts do not add up to the total (compared to 1e-9 relative). */
export function partsFlags(total: number | null | undefined, parts: ValueParts): string[] {
	if (total === null || total === undefined) return [];
	return Object.entries(parts)
		.filter(([, cells]) => {
			const sum = Object.values(cells).reduce((s, v) => s + v, 0);
			return Math.abs(sum - total) > 1e-9 * Math.max(1, Math.abs(total));
		})
		.map(([d]) => d)
		.sort();
}

export async function createResult(ctx: ServiceContext, input: Unparsed<z.input<typeof resultInput>>) {
	requireCoordinator(ctx);
	const data = parseInput(resultInput, input);
	if (!Object.keys(data.title).length)
		throw new AppError('INVALID', { fields: { title: { key: 'impact_error_title' } } });
	const id = randomUUID();
	await ctx.db.transaction(async (tx) => {
		// Her title, in the language she wrote it in (issue 18: the source and her translations marked).
		await q.insertResult(tx, { id, ...data, title: authoredText(data.title, ctx), createdAt: ctx.clock() });
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'impact.result.create', entity: 'impact_result', entityId: id, after: data }
		);
	});
	return { id };
}

export async function createIndicator(ctx: ServiceContext, input: Unparsed<z.input<typeof indicatorInput>>) {
	requireCoordinator(ctx);
	const data = parseInput(indicatorInput, input);
	if (!Object.keys(data.title).length)
		throw new AppError('INVALID', { fields: { title: { key: 'impact_error_title' } } });
	if (!(await q.resultById(ctx.db, data.resultId)))
		throw new AppError('INVALID', { fields: { resultId: { key: 'error_field_choice' } } });
	const id = randomUUID();
	await ctx.db.transaction(async (tx) => {
		await q.insertIndicator(tx, {
			id,
			...data,
			title: authoredText(data.title, ctx),
			definition: authoredText(data.definition, ctx),
			moduleIndicator: data.moduleIndicator ?? null,
			baselineValue: data.baselineValue ?? null,
			baselinePeriod: data.baselinePeriod ?? null,
			createdAt: ctx.clock()
		});
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'impact.indicator.create', entity: 'impact_indicator', entityId: id, after: data }
		);
	});
	return { id };
}

export async function setTarget(ctx: ServiceContext, input: Unparsed<z.input<typeof targetInput>>) {
	const data = parseInput(targetInput, input);
	requireCoordinator(ctx, data.country);
	if (!(await q.indicatorById(ctx.db, data.indicatorId))) throw new AppError('NOT_FOUND');
	await ctx.db.transaction(async (tx) => {
		await q.upsertTarget(tx, data);
		await writeAudit(
			{ ...ctx, db: tx },
			{ action: 'impact.target.set', entity: 'impact_indicator', entityId: data.indicatorId, after: data }
		);
	});
}

/** The framework as it stands (public: it holds no values). */
export async function getFramework(ctx: ServiceContext) {
	const f = await q.framework(ctx.db);
	return {
		results: f.results.map((r) => ({
			id: r.id,
			title: pickText(r.title, ctx.locale),
			indicators: f.indicators
				.filter((i) => i.resultId === r.id)
				.map((i) => ({
					id: i.id,
					title: pickText(i.title, ctx.locale),
					definition: pickText(i.definition, ctx.locale),
					unit: i.unit,
					numericType: i.numericType,
					direction: i.direction,
					moduleIndicator: i.moduleIndicator,
					dimensions: i.dimensions,
					baselineValue: i.baselineValue,
					baselinePeriod: i.baselinePeriod,
					targets: f.targets
						.filter((t) => t.indicatorId === i.id)
						.map((t) => ({ period: t.period, country: t.country, value: t.value }))
				}))
		}))
	};
}

/** Enters a value (a total, parts per dimension, or both) with evidence; it waits for a second coordinator. */
export async function enterValue(ctx: ServiceContext, input: Unparsed<z.input<typeof valueInput>>) {
	const data = parseInput(valueInput, input);
	const userId = requireCoordinator(ctx, data.country);
	const ind = await q.indicatorById(ctx.db, data.indicatorId);
	if (!ind) throw new AppError('NOT_FOUND');
	if (ind.moduleIndicator) throw new AppError('INVALID', { messageKey: 'impact_error_computed_indicator' });
	const fields: Record<
		string,
		{ key: 'impact_error_dimension' | 'impact_error_whole_number' | 'impact_error_percent' }
	> = {};
	const dims = new Set(ind.dimensions.length ? ind.dimensions : DIMENSIONS);
	const check = (path: string, v: number) => {
		if (ind.numericType === 'integer' && !Number.isInteger(v))
			fields[path] = { key: 'impact_error_whole_number' };
		if (ind.numericType === 'percent' && (v < 0 || v > 100)) fields[path] = { key: 'impact_error_percent' };
	};
	if (data.total !== undefined) check('total', data.total);
	for (const [d, cells] of Object.entries(data.parts)) {
		if (!dims.has(d)) fields[`parts.${d}`] = { key: 'impact_error_dimension' };
		for (const [k, v] of Object.entries(cells)) check(`parts.${d}.${k}`, v);
	}
	if (Object.keys(fields).length) throw new AppError('INVALID', { fields });
	// Percentages are not additive: their parts are never compared to the total.
	const flags = ind.numericType === 'percent' ? [] : partsFlags(data.total, data.parts);
	return once(ctx, 'impact.value', data._once, async (tx) => {
		const id = randomUUID();
		const row = {
			id,
			indicatorId: data.indicatorId,
			period: data.period,
			country: data.country,
			total: data.total ?? null,
			parts: data.parts,
			flags,
			evidence: data.evidence,
			evidenceUrl: data.evidenceUrl ?? null,
			status: 'pending' as const,
			enteredBy: userId,
			enteredAt: ctx.clock()
		};
		await q.insertValue(tx.db, row);
		await writeAudit(tx, { action: 'impact.value.enter', entity: 'impact_value', entityId: id, after: row });
		return { id, flags };
	});
}

/** Approves or rejects a pending value: a coordinator of its country other than the one who entered it. */
export async function decideValue(ctx: ServiceContext, input: Unparsed<z.input<typeof decisionInput>>) {
	const data = parseInput(decisionInput, input);
	const row = await q.valueById(ctx.db, data.valueId);
	if (!row) throw new AppError('NOT_FOUND');
	const userId = requireCoordinator(ctx, row.country);
	if (row.enteredBy === userId)
		throw new AppError('FORBIDDEN', { messageKey: 'impact_error_second_coordinator' });
	if (row.status !== 'pending')
		throw new AppError('CONFLICT', { messageKey: 'impact_error_already_decided' });
	if (data.decision === 'approve' && row.flags.length && !data.note)
		throw new AppError('INVALID', { fields: { note: { key: 'impact_error_flag_note' } } });
	await ctx.db.transaction(async (tx) => {
		const set = {
			status: data.decision === 'approve' ? ('approved' as const) : ('rejected' as const),
			decidedBy: userId,
			decidedAt: ctx.clock(),
			decisionNote: data.note ?? null
		};
		if (!(await q.decideValue(tx, row.id, set)))
			throw new AppError('CONFLICT', { messageKey: 'impact_error_already_decided' });
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: `impact.value.${data.decision}`,
				entity: 'impact_value',
				entityId: row.id,
				before: { status: row.status },
				after: set
			}
		);
	});
}

/** Values waiting for a decision in the actor's countries (coordinators). */
export async function pendingValues(ctx: ServiceContext): Promise<PendingValueView[]> {
	requireCoordinator(ctx);
	const rows = await q.values(ctx.db, { statuses: ['pending'], countries: coordinatedCountries(ctx) });
	const f = await q.framework(ctx.db);
	return rows.map((r) => ({
		id: r.id,
		indicatorId: r.indicatorId,
		indicator:
			pickText(f.indicators.find((i) => i.id === r.indicatorId)?.title, ctx.locale)?.text ?? r.indicatorId,
		period: r.period,
		country: r.country,
		total: r.total,
		parts: r.parts,
		flags: r.flags,
		evidence: r.evidence,
		evidenceUrl: r.evidenceUrl,
		enteredByMe: r.enteredBy === ctx.actor.userId,
		enteredAt: r.enteredAt.toISOString()
	}));
}
