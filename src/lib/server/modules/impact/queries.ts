import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { indicator, reach, response, result, story, survey, target, value, wave } from './schema';
import type { Db } from '../../db';

/**
 * The impact module's reads and writes, in Drizzle, with no business rules. Writes take the caller's
 * `db`, so they run in its transaction. Other modules' data is never read here: only through the
 * indicators they register (core/indicators snapshots).
 */

export type StoryRow = typeof story.$inferSelect;
export type ReachRow = typeof reach.$inferSelect;
export type ResultRow = typeof result.$inferSelect;
export type IndicatorRow = typeof indicator.$inferSelect;
export type TargetRow = typeof target.$inferSelect;
export type ValueRow = typeof value.$inferSelect;
export type SurveyRow = typeof survey.$inferSelect;
export type WaveRow = typeof wave.$inferSelect;
export type ResponseRow = typeof response.$inferSelect;

export async function insertStory(db: Db, row: typeof story.$inferInsert) {
	await db.insert(story).values(row);
}

export async function updateStory(db: Db, id: string, row: Partial<typeof story.$inferInsert>) {
	await db.update(story).set(row).where(eq(story.id, id));
}

export async function stories(
	db: Db,
	filter: { country?: string; kind?: string; barrier?: string }
): Promise<StoryRow[]> {
	return db
		.select()
		.from(story)
		.where(
			and(
				filter.country ? eq(story.country, filter.country) : undefined,
				filter.kind ? eq(story.kind, filter.kind as never) : undefined,
				filter.barrier ? eq(story.barrier, filter.barrier as never) : undefined
			)
		)
		.orderBy(desc(story.date), asc(story.id))
		.limit(500);
}

export async function storyById(db: Db, id: string): Promise<StoryRow | null> {
	const [row] = await db.select().from(story).where(eq(story.id, id));
	return row ?? null;
}

export async function insertReach(db: Db, rows: (typeof reach.$inferInsert)[]) {
	for (let i = 0; i < rows.length; i += 500) await db.insert(reach).values(rows.slice(i, i + 500));
}

export async function reachRows(db: Db, filter: { country?: string; channel?: string }): Promise<ReachRow[]> {
	return db
		.select()
		.from(reach)
		.where(
			and(
				filter.country ? eq(reach.country, filter.country) : undefined,
				filter.channel ? eq(reach.channel, filter.channel as never) : undefined
			)
		)
		.orderBy(
			desc(reach.asReported),
			asc(reach.country),
			asc(reach.channel),
			asc(reach.period),
			asc(reach.id)
		);
}

export async function storyIds(db: Db, ids: string[]): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db.select({ id: story.id }).from(story).where(inArray(story.id, ids));
	return new Set(rows.map((r) => r.id));
}

export async function insertResult(db: Db, row: typeof result.$inferInsert) {
	await db.insert(result).values(row);
}

export async function insertIndicator(db: Db, row: typeof indicator.$inferInsert) {
	await db.insert(indicator).values(row);
}

export async function upsertTarget(db: Db, row: typeof target.$inferInsert) {
	await db
		.insert(target)
		.values(row)
		.onConflictDoUpdate({
			target: [target.indicatorId, target.period, target.country],
			set: { value: row.value }
		});
}

export async function framework(db: Db) {
	const [results, indicators, targets] = await Promise.all([
		db.select().from(result).orderBy(asc(result.position), asc(result.createdAt)),
		db.select().from(indicator).orderBy(asc(indicator.position), asc(indicator.createdAt)),
		db.select().from(target).orderBy(asc(target.period), asc(target.country))
	]);
	return { results, indicators, targets };
}

export async function indicatorById(db: Db, id: string): Promise<IndicatorRow | null> {
	const [row] = await db.select().from(indicator).where(eq(indicator.id, id));
	return row ?? null;
}

export async function resultById(db: Db, id: string): Promise<ResultRow | null> {
	const [row] = await db.select().from(result).where(eq(result.id, id));
	return row ?? null;
}

export async function insertValue(db: Db, row: typeof value.$inferInsert) {
	await db.insert(value).values(row);
}

export async function valueById(db: Db, id: string): Promise<ValueRow | null> {
	const [row] = await db.select().from(value).where(eq(value.id, id));
	return row ?? null;
}

export async function decideValue(
	db: Db,
	id: string,
	set: Pick<ValueRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>
) {
	const rows = await db
		.update(value)
		.set(set)
		.where(and(eq(value.id, id), eq(value.status, 'pending')))
		.returning({ id: value.id });
	return rows.length === 1;
}

/** Values in the given statuses (newest entry first), optionally for some countries. */
export async function values(
	db: Db,
	filter: { statuses: string[]; countries?: string[] }
): Promise<ValueRow[]> {
	return db
		.select()
		.from(value)
		.where(
			and(
				inArray(value.status, filter.statuses as never[]),
				filter.countries
					? inArray(value.country, filter.countries.length ? filter.countries : ['-'])
					: undefined
			)
		)
		.orderBy(asc(value.indicatorId), asc(value.period), asc(value.country), desc(value.enteredAt));
}

export async function insertSurvey(db: Db, row: typeof survey.$inferInsert) {
	await db.insert(survey).values(row);
}

export async function surveyById(db: Db, id: string): Promise<SurveyRow | null> {
	const [row] = await db.select().from(survey).where(eq(survey.id, id));
	return row ?? null;
}

export async function surveyBySlug(db: Db, slug: string): Promise<SurveyRow | null> {
	const [row] = await db.select().from(survey).where(eq(survey.slug, slug));
	return row ?? null;
}

export async function surveysList(db: Db): Promise<SurveyRow[]> {
	return db.select().from(survey).orderBy(asc(survey.createdAt));
}

export async function insertWave(db: Db, row: typeof wave.$inferInsert) {
	await db.insert(wave).values(row);
}

export async function waveById(db: Db, id: string): Promise<WaveRow | null> {
	const [row] = await db.select().from(wave).where(eq(wave.id, id));
	return row ?? null;
}

export async function setWaveOpen(db: Db, id: string, open: boolean) {
	await db.update(wave).set({ open }).where(eq(wave.id, id));
}

export async function wavesOf(db: Db, surveyId: string): Promise<WaveRow[]> {
	return db.select().from(wave).where(eq(wave.surveyId, surveyId)).orderBy(asc(wave.createdAt));
}

export async function insertResponses(db: Db, rows: (typeof response.$inferInsert)[]) {
	for (let i = 0; i < rows.length; i += 500) await db.insert(response).values(rows.slice(i, i + 500));
}

export async function responsesOf(db: Db, waveIds: string[]): Promise<ResponseRow[]> {
	if (!waveIds.length) return [];
	return db.select().from(response).where(inArray(response.waveId, waveIds)).orderBy(asc(response.createdAt));
}

export async function countResponses(db: Db, waveId: string, enteredBy?: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(response)
		.where(and(eq(response.waveId, waveId), enteredBy ? eq(response.enteredBy, enteredBy) : undefined));
	return Number(row?.n ?? 0);
}
