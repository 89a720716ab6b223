import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
	AppError,
	missingLocales,
	parseInput,
	requireUser,
	textIn,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import { CONTENT_LOCALES } from '#lib/i18n/locales';
import { accounts } from '../accounts';
import { program, type PendingRevision, type PublicationState } from './schema';
import { programInput, type ProgramInput } from './inputs';
import { canEdit, canPublish, isCurator, requireEdit, requirePublish } from './access';
import { historyOf, rowBySlug, stateBySlug, updateProgramRow, viewsWhere, type ProgramRow } from './queries';
import { diff, normalise, recordHistory, toInput, writeProgram } from './records';
import { indexWords, searchColumns } from './search';

/**
 * Curation: staff propose and edit programs in their country, coordinators review and publish them
 * (see access.ts). Every step checks the actor here and is kept in the program's history and the audit
 * log; a staff edit to a published program waits as a revision.
 */

async function existingBySlug(ctx: ServiceContext, slug: string): Promise<ProgramRow> {
	const row = await rowBySlug(ctx, String(slug).slice(0, 120));
	if (!row) throw new AppError('NOT_FOUND');
	return row;
}

const slugTaken = () => new AppError('CONFLICT', { fields: { slug: { key: 'programs_error_slug_taken' } } });

/** Staff propose a program (a draft) in their country. */
export async function createProgram(
	ctx: ServiceContext,
	input: Unparsed<ProgramInput>
): Promise<{ slug: string }> {
	const data = normalise(parseInput(programInput, input));
	requireEdit(ctx, data);
	if (await stateBySlug(ctx, data.slug)) throw slugTaken();
	const id = randomUUID();
	await writeProgram(ctx, id, { ...data, publication: 'draft' }, null, 'create');
	await writeAudit(ctx, {
		action: 'programs.create',
		entity: 'program',
		entityId: id,
		after: { slug: data.slug }
	});
	return { slug: data.slug };
}

async function requireFreeSlug(ctx: ServiceContext, slug: string, own: ProgramRow) {
	if (slug === own.slug) return;
	const clash = await stateBySlug(ctx, slug);
	if (clash && clash.id !== own.id) throw slugTaken();
}

/**
 * Keeps changes to a published program by someone who cannot publish it as a revision waiting for
 * review: nothing unreviewed becomes public, and the published version stays visible meanwhile. The
 * caller has checked that the actor may edit it.
 */
export async function proposeRevision(
	ctx: ServiceContext,
	existing: ProgramRow,
	parsed: z.infer<typeof programInput>,
	action = 'revision'
): Promise<void> {
	const data = normalise(parsed);
	const pending: PendingRevision = {
		input: parsed as Record<string, unknown>,
		by: ctx.actor.userId,
		at: ctx.clock().toISOString()
	};
	await updateProgramRow(ctx, existing.id, { pending, updatedAt: ctx.clock() });
	await recordHistory(ctx, {
		programId: existing.id,
		actorId: ctx.actor.userId,
		action,
		changes: diff(existing, data)
	});
	await writeAudit(ctx, { action: 'programs.revision', entity: 'program', entityId: existing.id });
}

/**
 * Edits a program. Changes to a published program by someone who cannot publish it wait as a
 * revision (see proposeRevision); everything else is saved at once.
 */
export async function updateProgram(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<ProgramInput>
): Promise<{ slug: string; publication: PublicationState; pending: boolean }> {
	const existing = await existingBySlug(ctx, slug);
	requireEdit(ctx, existing);
	const parsed = parseInput(programInput, input);
	const data = normalise(parsed);
	requireEdit(ctx, data);
	await requireFreeSlug(ctx, data.slug, existing);
	if (
		existing.publication === 'published' &&
		!(canPublish(ctx.actor, existing) && canPublish(ctx.actor, data))
	) {
		await proposeRevision(ctx, existing, parsed);
		return { slug: existing.slug, publication: existing.publication, pending: true };
	}
	const publication = existing.publication;
	await writeProgram(ctx, existing.id, { ...data, publication }, existing, 'edit');
	return { slug: data.slug, publication, pending: false };
}

/** A coordinator publishes a program's waiting revision: it replaces the published version. */
export async function publishRevision(ctx: ServiceContext, slug: string): Promise<{ slug: string }> {
	const existing = await existingBySlug(ctx, slug);
	const userId = requirePublish(ctx, existing);
	if (!existing.pending) throw new AppError('CONFLICT', { messageKey: 'programs_error_no_revision' });
	const data = normalise(parseInput(programInput, existing.pending.input));
	requirePublish(ctx, data);
	await requireFreeSlug(ctx, data.slug, existing);
	await writeProgram(
		ctx,
		existing.id,
		{ ...data, publication: 'published', reviewedBy: userId },
		existing,
		'revision_published',
		undefined,
		{ clearPending: true }
	);
	await writeAudit(ctx, { action: 'programs.revision_published', entity: 'program', entityId: existing.id });
	return { slug: data.slug };
}

/** A coordinator discards a program's waiting revision (with a note for its author). */
export async function discardRevision(ctx: ServiceContext, slug: string, note?: string): Promise<void> {
	const existing = await existingBySlug(ctx, slug);
	const userId = requirePublish(ctx, existing);
	if (!existing.pending) throw new AppError('CONFLICT', { messageKey: 'programs_error_no_revision' });
	await updateProgramRow(ctx, existing.id, { pending: null, updatedAt: ctx.clock() });
	await recordHistory(ctx, {
		programId: existing.id,
		actorId: userId,
		action: 'revision_discarded',
		changes: {},
		note: note?.slice(0, 1000) ?? null
	});
	await writeAudit(ctx, { action: 'programs.revision_discarded', entity: 'program', entityId: existing.id });
}

async function transition(
	ctx: ServiceContext,
	slug: string,
	to: PublicationState,
	allowedFrom: PublicationState[],
	need: 'edit' | 'publish',
	note?: string
): Promise<void> {
	const existing = await existingBySlug(ctx, slug);
	const userId = need === 'publish' ? requirePublish(ctx, existing) : requireEdit(ctx, existing);
	if (!allowedFrom.includes(existing.publication))
		throw new AppError('CONFLICT', { messageKey: 'programs_error_transition' });
	const set: Partial<ProgramRow> = { publication: to, updatedAt: ctx.clock() };
	if (to === 'published') set.reviewedBy = userId;
	await updateProgramRow(ctx, existing.id, set);
	if (to === 'published') await indexWords(ctx, searchColumns(existing));
	await recordHistory(ctx, {
		programId: existing.id,
		actorId: userId,
		action: to,
		changes: diff(existing, set),
		note: note?.slice(0, 1000) ?? null
	});
	await writeAudit(ctx, {
		action: `programs.${to}`,
		entity: 'program',
		entityId: existing.id,
		before: { publication: existing.publication },
		after: { publication: to }
	});
}

export const submitForReview = (ctx: ServiceContext, slug: string) =>
	transition(ctx, slug, 'in_review', ['draft'], 'edit');
export const publishProgram = (ctx: ServiceContext, slug: string) =>
	transition(ctx, slug, 'published', ['draft', 'in_review', 'archived'], 'publish');
export const returnToDraft = (ctx: ServiceContext, slug: string, note?: string) =>
	transition(ctx, slug, 'draft', ['in_review', 'published'], 'publish', note);
export const archiveProgram = (ctx: ServiceContext, slug: string) =>
	transition(ctx, slug, 'archived', ['draft', 'in_review', 'published'], 'publish');

/** Translation status: which text fields are missing in which language. */
export function translationStatus(r: Pick<ProgramRow, 'title' | 'summary' | 'body' | 'eligibilityText'>) {
	return CONTENT_LOCALES.map((locale) => ({
		locale,
		missing: (['title', 'summary', 'body', 'eligibilityText'] as const)
			.filter((f) => f !== 'body' || Object.keys(r.body).length > 0)
			.filter((f) => missingLocales(r[f]).includes(locale))
	}));
}

/** Refuses anyone who curates nothing (signed out: UNAUTHENTICATED; others: FORBIDDEN). */
export function requireCurator(ctx: ServiceContext): string {
	const userId = requireUser(ctx);
	if (!isCurator(ctx.actor)) throw new AppError('FORBIDDEN');
	return userId;
}

/** Programs the actor may curate (every publication state), with translation status. */
export async function listForCuration(ctx: ServiceContext, options: { publication?: string } = {}) {
	requireCurator(ctx);
	const countries = (['KG', 'KZ', 'TJ', 'UZ', 'REGIONAL'] as const).filter((c) =>
		c === 'REGIONAL' ? true : canEdit(ctx.actor, { country: c, countries: [] })
	);
	const rows = await viewsWhere(
		ctx,
		and(
			inArray(program.country, countries),
			eq(program.demo, false),
			options.publication === 'in_review'
				? sql`(${program.publication} = 'in_review' or ${program.pending} is not null)`
				: options.publication
					? eq(program.publication, options.publication as PublicationState)
					: undefined
		),
		{ order: 'updated', limit: 300 }
	);
	return rows
		.filter((r) => canEdit(ctx.actor, r))
		.map((r) => ({
			slug: r.slug,
			title: textIn(r.title, ctx.locale) || r.slug,
			country: r.country,
			publication: r.publication,
			pending: !!r.pending,
			verification: r.verification,
			reviewedOn: r.reviewedOn,
			canPublish: canPublish(ctx.actor, r),
			translations: translationStatus(r)
		}));
}

/** Everything the edit page needs: the raw per-locale values, history, permissions. */
export async function programForEdit(ctx: ServiceContext, slug: string) {
	const row = await existingBySlug(ctx, slug);
	requireEdit(ctx, row);
	const history = await historyOf(ctx, row.id, 100);
	const pendingBy = row.pending?.by ?? null;
	const people = history.map((h) => h.actorId).filter((a): a is string => !!a);
	const nameOf = await accounts.namesOf(ctx, pendingBy ? [...people, pendingBy] : people);
	const proposed = row.pending ? normalise(parseInput(programInput, row.pending.input)) : null;
	return {
		// The form edits the waiting revision when there is one.
		program: row.pending ? (row.pending.input as ProgramInput) : toInput(row),
		publication: row.publication,
		pending:
			row.pending && proposed
				? {
						by: pendingBy ? (nameOf.get(pendingBy) ?? '—') : '—',
						at: row.pending.at,
						fields: Object.keys(diff(row, proposed))
					}
				: null,
		canPublish: canPublish(ctx.actor, row),
		translations: translationStatus(proposed ?? row),
		history: history.map((h) => ({
			at: h.at.toISOString(),
			actor: h.actorId ? (nameOf.get(h.actorId) ?? '—') : '—',
			action: h.action,
			fields: Object.keys(h.changes),
			note: h.note
		}))
	};
}
