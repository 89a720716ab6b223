import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../../core';
import { rowsOf } from '../../db';
import { businessProfile, program, programHistory, savedProgram } from './schema';

/**
 * The programs module's reads and writes (Drizzle). No business rules here: who may see what, and
 * which programs count as published, is decided by the use-case files that call these.
 */

export type ProgramRow = typeof program.$inferSelect;
export type ProgramInsert = typeof program.$inferInsert;
export type HistoryInsert = typeof programHistory.$inferInsert;

/** Columns read for lists and pages (never the search text). */
export const VIEW_COLUMNS = {
	id: program.id,
	slug: program.slug,
	title: program.title,
	summary: program.summary,
	body: program.body,
	kinds: program.kinds,
	operator: program.operator,
	country: program.country,
	countries: program.countries,
	regions: program.regions,
	sectors: program.sectors,
	womenSpecific: program.womenSpecific,
	status: program.status,
	terms: program.terms,
	criteria: program.criteria,
	criteriaComplete: program.criteriaComplete,
	contacts: program.contacts,
	eligibilityText: program.eligibilityText,
	uptake: program.uptake,
	deadlines: program.deadlines,
	lastDeadline: program.lastDeadline,
	howToApply: program.howToApply,
	sources: program.sources,
	officialUrl: program.officialUrl,
	verification: program.verification,
	reviewedOn: program.reviewedOn,
	reviewedBy: program.reviewedBy,
	publication: program.publication,
	pending: program.pending,
	demo: program.demo,
	updatedAt: program.updatedAt
};
export type ViewRow = Pick<ProgramRow, keyof typeof VIEW_COLUMNS>;

/** Columns a list item needs (not the long texts: body, criteria, how to apply...). */
const LIST_KEYS = [
	'id',
	'slug',
	'title',
	'summary',
	'kinds',
	'country',
	'countries',
	'regions',
	'womenSpecific',
	'status',
	'terms',
	'sources',
	'verification',
	'reviewedOn',
	'lastDeadline',
	'deadlines',
	'demo'
] as const;
const listColumns = <T extends Record<(typeof LIST_KEYS)[number], unknown>>(t: T) =>
	Object.fromEntries(LIST_KEYS.map((k) => [k, t[k]])) as { [K in (typeof LIST_KEYS)[number]]: T[K] };
/** The programs table as `p`, for list queries written with the filters' SQL. */
const programP = alias(program, 'p');
const LIST_COLUMNS = listColumns(program);
export type ListRow = Pick<ProgramRow, keyof typeof LIST_COLUMNS>;

/* ------------------------------------------------------------------ the catalogue */

/** The programs table's version (bumped by a statement trigger on every write); -1 when none. */
export async function catalogueVersion(ctx: ServiceContext): Promise<number> {
	const [v] = rowsOf<{ version: number }>(
		await ctx.db.execute(sql`select version from programs_version where id = 1`)
	);
	return v ? Number(v.version) : -1;
}

/** How many programs (aliased `p`) pass the filters. */
export async function countWhere(ctx: ServiceContext, where: SQL): Promise<number> {
	const [c] = rowsOf<{ n: number }>(
		await ctx.db.execute(sql`select count(*)::int as n from programs_program p where ${where}`)
	);
	return Number(c?.n ?? 0);
}

/** A page of list rows (the table aliased `p` in `where` and `order`). */
export function listPage(ctx: ServiceContext, where: SQL, order: SQL, limit: number, offset: number) {
	return ctx.db
		.select(listColumns(programP))
		.from(programP)
		.where(where)
		.orderBy(order)
		.limit(limit)
		.offset(offset);
}

/** Ids of the programs (aliased `p`) passing `where`, ordered and limited by `tail`. */
export async function idsWhere(ctx: ServiceContext, where: SQL, tail: SQL, limit: number): Promise<string[]> {
	return rowsOf<{ id: string }>(
		await ctx.db.execute(sql`
			select p.id from programs_program p
			where ${where} and ${tail}
			limit ${limit}`)
	).map((r) => r.id);
}

export function listRowsByIds(ctx: ServiceContext, ids: string[]): Promise<ListRow[]> {
	return ids.length
		? ctx.db.select(LIST_COLUMNS).from(program).where(inArray(program.id, ids))
		: Promise.resolve([]);
}

export async function viewBySlug(ctx: ServiceContext, slug: string): Promise<ViewRow | null> {
	const [row] = await ctx.db.select(VIEW_COLUMNS).from(program).where(eq(program.slug, slug));
	return row ?? null;
}

/** Programs for pages, by a condition (newest edit first or by slug), at most `limit`. */
export function viewsWhere(
	ctx: ServiceContext,
	where: SQL | undefined,
	options: { order: 'slug' | 'updated'; limit: number }
): Promise<ViewRow[]> {
	return ctx.db
		.select(VIEW_COLUMNS)
		.from(program)
		.where(where)
		.orderBy(options.order === 'slug' ? asc(program.slug) : desc(program.updatedAt))
		.limit(options.limit);
}

export async function rowBySlug(ctx: ServiceContext, slug: string): Promise<ProgramRow | null> {
	const [row] = await ctx.db.select().from(program).where(eq(program.slug, slug));
	return row ?? null;
}

/** The id and publication state of the program with this slug. */
export async function stateBySlug(
	ctx: ServiceContext,
	slug: string
): Promise<{ id: string; publication: ProgramRow['publication'] } | null> {
	const [row] = await ctx.db
		.select({ id: program.id, publication: program.publication })
		.from(program)
		.where(eq(program.slug, slug));
	return row ?? null;
}

/** Every row (CSV export: the caller filters by access). */
export function allRows(ctx: ServiceContext, where: SQL | undefined): Promise<ProgramRow[]> {
	return ctx.db.select().from(program).where(where);
}

/* ------------------------------------------------------------------ writes and history */

export async function insertProgram(
	ctx: ServiceContext,
	values: ProgramInsert | ProgramInsert[]
): Promise<void> {
	if (Array.isArray(values)) await ctx.db.insert(program).values(values);
	else await ctx.db.insert(program).values(values);
}

export async function updateProgramRow(
	ctx: ServiceContext,
	id: string,
	set: Partial<ProgramInsert>
): Promise<void> {
	await ctx.db.update(program).set(set).where(eq(program.id, id));
}

export async function insertHistory(ctx: ServiceContext, entry: HistoryInsert): Promise<void> {
	await ctx.db.insert(programHistory).values(entry);
}

export function historyOf(ctx: ServiceContext, programId: string, limit: number) {
	return ctx.db
		.select()
		.from(programHistory)
		.where(eq(programHistory.programId, programId))
		.orderBy(desc(programHistory.id))
		.limit(limit);
}

/** The fields someone other than the seed has changed on a program (edits, confirmations). */
export async function humanChangedFields(ctx: ServiceContext, programId: string): Promise<Set<string>> {
	const rows = await ctx.db
		.select({ changes: programHistory.changes })
		.from(programHistory)
		.where(and(eq(programHistory.programId, programId), ne(programHistory.action, 'seed')));
	return new Set(rows.flatMap((r) => Object.keys(r.changes)));
}

/* ------------------------------------------------------------------ saved programs */

export async function isSaved(ctx: ServiceContext, userId: string, programId: string): Promise<boolean> {
	const rows = await ctx.db
		.select({ p: savedProgram.programId })
		.from(savedProgram)
		.where(and(eq(savedProgram.userId, userId), eq(savedProgram.programId, programId)));
	return rows.length > 0;
}

export async function insertSaved(ctx: ServiceContext, userId: string, programId: string): Promise<void> {
	await ctx.db
		.insert(savedProgram)
		.values({ userId, programId, createdAt: ctx.clock() })
		.onConflictDoNothing();
}

export async function deleteSaved(ctx: ServiceContext, userId: string, programId: string): Promise<void> {
	await ctx.db
		.delete(savedProgram)
		.where(and(eq(savedProgram.userId, userId), eq(savedProgram.programId, programId)));
}

/** A user's saved programs, soonest last deadline first. */
export function savedViews(ctx: ServiceContext, userId: string): Promise<ViewRow[]> {
	return ctx.db
		.select(VIEW_COLUMNS)
		.from(savedProgram)
		.innerJoin(program, eq(program.id, savedProgram.programId))
		.where(eq(savedProgram.userId, userId))
		.orderBy(asc(program.lastDeadline), asc(program.slug));
}

/** Saved programs with their deadlines (reminders, the calendar feed), by a condition on both. */
export function savedDeadlines(ctx: ServiceContext, where: SQL | undefined) {
	return ctx.db
		.select({
			userId: savedProgram.userId,
			programId: program.id,
			slug: program.slug,
			title: program.title,
			deadlines: program.deadlines
		})
		.from(savedProgram)
		.innerJoin(program, eq(program.id, savedProgram.programId))
		.where(where);
}

/* ------------------------------------------------------------------ business profile, feed token */

export async function profileRow(ctx: ServiceContext, userId: string) {
	const [row] = await ctx.db.select().from(businessProfile).where(eq(businessProfile.userId, userId));
	return row ?? null;
}

export async function upsertProfileData(
	ctx: ServiceContext,
	userId: string,
	data: Record<string, unknown>
): Promise<void> {
	await ctx.db
		.insert(businessProfile)
		.values({ userId, data, updatedAt: ctx.clock() })
		.onConflictDoUpdate({ target: businessProfile.userId, set: { data, updatedAt: ctx.clock() } });
}

export async function clearProfileData(ctx: ServiceContext, userId: string): Promise<void> {
	await ctx.db
		.update(businessProfile)
		.set({ data: {}, updatedAt: ctx.clock() })
		.where(eq(businessProfile.userId, userId));
}

export async function upsertFeedToken(ctx: ServiceContext, userId: string, token: string): Promise<void> {
	await ctx.db
		.insert(businessProfile)
		.values({ userId, data: {}, feedToken: token, updatedAt: ctx.clock() })
		.onConflictDoUpdate({ target: businessProfile.userId, set: { feedToken: token } });
}

export async function ownerOfFeedToken(ctx: ServiceContext, token: string): Promise<string | null> {
	const [row] = await ctx.db
		.select({ userId: businessProfile.userId })
		.from(businessProfile)
		.where(eq(businessProfile.feedToken, token));
	return row?.userId ?? null;
}
