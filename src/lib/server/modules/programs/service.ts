import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
	AppError,
	enqueue,
	missingLocales,
	parseInput,
	pickText,
	requireUser,
	textIn,
	writeAudit,
	reference,
	type I18nText,
	type ServiceContext
} from '../../core';
import { rowsOf } from '../../db';
import { LOCALES, type Locale } from '#lib/i18n/locales';
import { formatDate, formatMoney } from '#lib/i18n/format';
import { t } from '#lib/i18n/messages';
import {
	businessProfile,
	CONTEXT_KINDS,
	program,
	programHistory,
	savedProgram,
	type ProgramDeadlines,
	type PendingRevision,
	type ProgramTerms,
	type PublicationState
} from './schema';
import { authUser } from '../accounts/schema';
import {
	normaliseProfile,
	profileInput,
	programInput,
	searchInput,
	type Profile,
	type ProgramInput,
	type SearchInput
} from './inputs';
import { canEdit, canPublish, isCurator, requireEdit, requirePublish } from './access';
import { evaluate, fieldLabel, reasonText, RESULT_ORDER, valueText, type MatchResult } from './matching';
import {
	addWords,
	CANDIDATE_CAP,
	distinctWords,
	HEAD_ROWS,
	searchColumns,
	suggest,
	textMatch
} from './search';
import { countEligibilityCheck } from './indicators';

export type ProgramRow = typeof program.$inferSelect;

/** Columns read for lists and pages (never the search text). */
const VIEW_COLUMNS = {
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
type ViewRow = Pick<ProgramRow, keyof typeof VIEW_COLUMNS>;

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
type ListRow = Pick<ProgramRow, keyof typeof LIST_COLUMNS>;

export const STALE_DAYS = 180;

const today = (ctx: ServiceContext) => ctx.clock().toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);

/** A program as lists and the API show it, in the context's language. */
export function toListItem(ctx: ServiceContext, r: ListRow) {
	const title = pickText(r.title, ctx.locale);
	const summary = pickText(r.summary, ctx.locale);
	return {
		slug: r.slug,
		title: title?.text ?? r.slug,
		titleFallback: title?.fallback ? title.locale : null,
		summary: summary?.text ?? '',
		summaryFallback: summary?.fallback ? summary.locale : null,
		kinds: r.kinds,
		country: r.country,
		countries: r.countries,
		regions: r.regions,
		status: r.status,
		womenSpecific: r.womenSpecific,
		terms: r.terms,
		sources: r.sources,
		verification: r.verification,
		reviewedOn: r.reviewedOn,
		lastDeadline: r.lastDeadline,
		deadlines: r.deadlines,
		demo: r.demo,
		url: `/${ctx.locale}/programs/${r.slug}`
	};
}
export type ProgramListItem = ReturnType<typeof toListItem>;

/** Warnings a page must show: partial or unverified data, historical entry, no review for 180 days. */
export function warningsFor(ctx: ServiceContext, r: Pick<ViewRow, 'verification' | 'reviewedOn'>) {
	const stale = !r.reviewedOn || daysBetween(r.reviewedOn, today(ctx)) > STALE_DAYS;
	return {
		partial: r.verification === 'partial' || r.verification === 'unverified',
		historical: r.verification === 'historical',
		stale
	};
}

/* ------------------------------------------------------------------ search */

function filterSql(ctx: ServiceContext, f: z.infer<typeof searchInput>): SQL[] {
	const where: SQL[] = [sql`p.publication = 'published'`];
	const country = f.country ?? (f.region ? f.region.slice(0, 2) : undefined);
	if (country)
		where.push(
			country === 'REGIONAL'
				? sql`p.country = 'REGIONAL'`
				: sql`(p.country = ${country} or ${country} = any(p.countries))`
		);
	if (f.region) where.push(sql`(cardinality(p.regions) = 0 or ${f.region} = any(p.regions))`);
	if (f.kind) where.push(sql`p.kinds @> array[${f.kind}]::text[]`);
	if (f.women) where.push(sql`p.women_specific`);
	if (f.open)
		where.push(
			sql`(p.status = 'ongoing' or (p.status = 'open' and (p.last_deadline is null or p.last_deadline >= ${today(ctx)}::date)))`
		);
	return where;
}

function orderSql(ctx: ServiceContext, sort: string | undefined, ranked: boolean, alias = 'c'): SQL {
	const a = sql.raw(alias);
	if (sort === 'deadline')
		return sql`(case when ${a}.last_deadline >= ${today(ctx)}::date then 0 else 1 end), ${a}.last_deadline asc nulls last, ${a}.slug`;
	if (sort === 'reviewed' || !ranked) return sql`${a}.reviewed_on desc nulls last, ${a}.slug`;
	return sql`${a}.title_hit desc, ${a}.rank desc, ${a}.reviewed_on desc nulls last, ${a}.slug`;
}

/**
 * Values computed from the programs table, kept per database handle for one version of the table
 * (programs_version, bumped by a statement trigger on every write, from any process, CSV imports and
 * seeds included): a cached value is never stale, and the version costs one small read. The oldest
 * entries go first when the cache is full.
 */
class VersionedCache<T> {
	private readonly byDb = new WeakMap<object, Map<string, { version: number; value: T }>>();
	constructor(private readonly entries: number) {}

	get(db: object, key: string, version: number): T | undefined {
		const hit = this.byDb.get(db)?.get(key);
		return hit && hit.version === version ? hit.value : undefined;
	}

	set(db: object, key: string, version: number, value: T): void {
		if (version < 0) return;
		let map = this.byDb.get(db);
		if (!map) this.byDb.set(db, (map = new Map()));
		map.delete(key);
		if (map.size >= this.entries) map.delete(map.keys().next().value!);
		map.set(key, { version, value });
	}
}

/** The programs table's version (see VersionedCache); -1 when the table has none. */
export async function catalogueVersion(ctx: ServiceContext): Promise<number> {
	const [v] = rowsOf<{ version: number }>(
		await ctx.db.execute(sql`select version from programs_version where id = 1`)
	);
	return v ? Number(v.version) : -1;
}

/** Counts of published programs per filter combination (the list page no longer counts every row). */
const countCache = new VersionedCache<number>(500);

async function listCount(
	ctx: ServiceContext,
	f: z.infer<typeof searchInput>,
	where: SQL[],
	version: number
): Promise<number> {
	const key = JSON.stringify([
		f.country ?? null,
		f.region ?? null,
		f.kind ?? null,
		!!f.women,
		f.open ? today(ctx) : null
	]);
	const hit = countCache.get(ctx.db, key, version);
	if (hit !== undefined) return hit;
	const [c] = rowsOf<{ n: number }>(
		await ctx.db.execute(
			sql`select count(*)::int as n from programs_program p where ${sql.join(where, sql` and `)}`
		)
	);
	const n = Number(c?.n ?? 0);
	countCache.set(ctx.db, key, version, n);
	return n;
}

/**
 * Whole search results (a page of list items, the total, suggestions) per query, language and day:
 * the same page asked again costs one read of the version. Callers must not change a result.
 */
const resultCache = new VersionedCache<SearchResult>(300);

export interface SearchResult {
	items: ProgramListItem[];
	total: number;
	/** True when more programs match than were counted (the count is a lower bound). */
	more: boolean;
	page: number;
	pageSize: number;
	pages: number;
	suggestions: string[];
}

/**
 * Finds published programs. With a query: full-text match (both scripts, folded letters, typo
 * corrections from the word table), ranked within a capped candidate set, title matches first.
 * Filters run inside the candidate subquery (OFFSET 0 keeps the planner from scanning everything).
 */
export async function findPrograms(
	ctx: ServiceContext,
	input: SearchInput,
	/**
	 * For tests and the benchmark: how many filtered programs the first step reads (see below), and
	 * `fresh` to search again rather than answer from the result cache.
	 */
	tuning: { headRows?: number; fresh?: boolean } = {}
): Promise<SearchResult> {
	const headRows = tuning.headRows ?? HEAD_ROWS;
	const f = parseInput(searchInput, input);
	const version = await catalogueVersion(ctx);
	const cacheKey = JSON.stringify([f, ctx.locale, today(ctx), headRows]);
	const cached = tuning.fresh ? undefined : resultCache.get(ctx.db, cacheKey, version);
	if (cached) return cached;
	const match = await textMatch(ctx, f.q);
	const where = filterSql(ctx, f);
	const offset = (f.page - 1) * f.pageSize;
	let rows: { id: string; total: number }[];
	let pageRows: ListRow[] | null = null;
	if (match.none) {
		// A word no program contains: nothing to read (suggestions follow).
		rows = [];
	} else if (match.tsquery) {
		// Candidates: up to CANDIDATE_CAP + 1 matches, found in two steps whose cost never rests on the
		// planner guessing how common the words are among the filtered programs (words and filters are
		// often related: «грант» among loans is rare although both are common; a plan that reads rows
		// until enough match would then read the whole table). First the words are tried on the first
		// HEAD_ROWS programs that pass the filters (cheap: the vector is kept in the row); if enough of
		// those match, they are the candidates. Otherwise the matches are rare (fewer than one in
		// HEAD_ROWS / CANDIDATE_CAP), and the GIN index finds them all, at a cost that grows only with
		// their number (the query sits in a materialized CTE, so the planner always takes the index).
		// Only the candidates are ranked, by the (small) title vector: title matches first, then title
		// relevance, then the most recently reviewed.
		const filters = sql.join(where, sql` and `);
		const cols = sql`p.id, p.slug, p.reviewed_on, p.last_deadline, p.search_title_tsv`;
		rows = rowsOf(
			await ctx.db.execute(sql`
				with m as materialized (select ${match.tsquery} as q),
				head as (
					select p.* from (
						select ${cols}, p.search_tsv from programs_program p
						where ${filters} offset 0 limit ${headRows}
					) p, m
					where p.search_tsv @@ m.q
					limit ${CANDIDATE_CAP + 1}
				),
				found as (
					select id, slug, reviewed_on, last_deadline, search_title_tsv from head
					where (select count(*) from head) > ${CANDIDATE_CAP}
					union all
					(select ${cols} from programs_program p, m
					where (select count(*) from head) <= ${CANDIDATE_CAP} and ${filters} and p.search_tsv @@ m.q
					limit ${CANDIDATE_CAP + 1})
				),
				c as (
					select p.id, p.slug, p.reviewed_on, p.last_deadline,
						(p.search_title_tsv @@ m.q) as title_hit,
						ts_rank(p.search_title_tsv, m.q) as rank
					from found p, m
				)
				select c.id, count(*) over ()::int as total from c
				order by ${orderSql(ctx, f.sort, true)}
				limit ${f.pageSize} offset ${offset}`)
		);
	} else {
		// Without words: the count from the per-version cache. The default order is the list index's,
		// so the page and its columns come in one query; the deadline order has no index (it depends on
		// today), so the rows are sorted narrow (ids only) and the page's columns fetched after.
		const n = await listCount(ctx, f, where, version);
		if (f.sort === 'deadline') {
			// Upcoming deadlines first (soonest first), then past ones, then programs without a date:
			// three index-ordered reads, each stopping as soon as the page is full.
			const want = offset + f.pageSize;
			const day = today(ctx);
			const parts = [
				sql`p.last_deadline >= ${day}::date order by p.last_deadline, p.slug`,
				sql`p.last_deadline < ${day}::date order by p.last_deadline, p.slug`,
				sql`p.last_deadline is null order by p.slug`
			];
			const ids: string[] = [];
			for (const part of parts) {
				if (ids.length >= want) break;
				const got = rowsOf<{ id: string }>(
					await ctx.db.execute(sql`
						select p.id from programs_program p
						where ${sql.join(where, sql` and `)} and ${part}
						limit ${want - ids.length}`)
				);
				ids.push(...got.map((r) => r.id));
			}
			rows = ids.slice(offset, want).map((id) => ({ id, total: n }));
		} else {
			const page = await ctx.db
				.select(listColumns(programP))
				.from(programP)
				.where(sql.join(where, sql` and `))
				.orderBy(orderSql(ctx, f.sort, false, 'p'))
				.limit(f.pageSize)
				.offset(offset);
			rows = page.map((r) => ({ id: r.id, total: n }));
			pageRows = page;
		}
	}
	let total = rows.length ? Number(rows[0].total) : 0;
	if (!rows.length && offset > 0 && !match.none) {
		// Past the last page: count on its own.
		if (match.tsquery) {
			const [c] = rowsOf<{ n: number }>(
				await ctx.db.execute(
					sql`with m as materialized (select ${match.tsquery} as q) select count(*)::int as n from (select 1 from programs_program p, m where ${sql.join(where, sql` and `)} and p.search_tsv @@ m.q limit ${CANDIDATE_CAP + 1}) x`
				)
			);
			total = Number(c?.n ?? 0);
		} else total = await listCount(ctx, f, where, version);
	}
	const more = match.tsquery !== null && total > CANDIDATE_CAP;
	if (more) total = CANDIDATE_CAP;
	const ids = rows.map((r) => r.id);
	const found =
		pageRows ??
		(ids.length ? await ctx.db.select(LIST_COLUMNS).from(program).where(inArray(program.id, ids)) : []);
	const byId = new Map(found.map((r) => [r.id, r]));
	const items = ids
		.map((id) => byId.get(id))
		.filter((r): r is ListRow => !!r)
		.map((r) => toListItem(ctx, r));
	const suggestions = total === 0 && f.q ? await suggest(ctx, f.q, match) : [];
	const result: SearchResult = {
		items,
		total,
		more,
		page: f.page,
		pageSize: f.pageSize,
		pages: Math.max(1, Math.ceil(total / f.pageSize)),
		suggestions
	};
	resultCache.set(ctx.db, cacheKey, version, result);
	return result;
}

/* ------------------------------------------------------------------ one program */

async function loadBySlug(ctx: ServiceContext, slug: string): Promise<ViewRow | null> {
	const [row] = await ctx.db.select(VIEW_COLUMNS).from(program).where(eq(program.slug, slug));
	return row ?? null;
}

/** A published program (curators also see their drafts) with everything its page shows. */
export async function getProgram(ctx: ServiceContext, slug: string) {
	const row = await loadBySlug(ctx, String(slug).slice(0, 120));
	if (!row) throw new AppError('NOT_FOUND');
	if (row.publication !== 'published' && !canEdit(ctx.actor, row)) throw new AppError('NOT_FOUND');
	const regionNames = await regionNamer(ctx, row.regions);
	const saved = ctx.actor.userId
		? (
				await ctx.db
					.select({ p: savedProgram.programId })
					.from(savedProgram)
					.where(and(eq(savedProgram.userId, ctx.actor.userId), eq(savedProgram.programId, row.id)))
			).length > 0
		: false;
	const pick = (text: I18nText) => {
		const p = pickText(text, ctx.locale);
		return p ? { text: p.text, fallback: p.fallback ? p.locale : null } : null;
	};
	const currency = row.terms.currency;
	return {
		...toListItem(ctx, row),
		body: pick(row.body),
		operator: row.operator,
		sectors: row.sectors,
		regionNames: row.regions.map((r) => regionNames(r)),
		eligibilityText: pick(row.eligibilityText),
		uptake: pick(row.uptake),
		criteriaRaw: row.criteria,
		criteria: row.criteria.map((c) => ({
			field: c.field,
			requirement: requirementText(ctx.locale, c, regionNames, currency)
		})),
		howToApply: {
			steps: row.howToApply.steps.map((s) => textIn(s, ctx.locale)).filter(Boolean),
			documents: row.howToApply.documents.map((s) => textIn(s, ctx.locale)).filter(Boolean)
		},
		officialUrl: row.officialUrl,
		reviewedBy: row.reviewedBy,
		publication: row.publication,
		warnings: warningsFor(ctx, row),
		isContext: row.kinds.every((k) => CONTEXT_KINDS.includes(k)),
		saved,
		canEdit: canEdit(ctx.actor, row),
		maxAmount:
			currency && row.terms.amountMax !== null ? formatMoney(ctx.locale, row.terms.amountMax, currency) : null
	};
}

function requirementText(
	locale: Locale,
	c: { field: string; op: string; value?: unknown; note?: string },
	regionName: (code: string) => string,
	currency: string | null
): string {
	const field = fieldLabel(locale, c.field);
	if (c.op === 'unknown') return t(locale, 'programs_reason_source_silent', { field });
	const value = valueText(locale, c.field, c.value, regionName, currency);
	const req =
		typeof c.value === 'boolean' && c.op === 'eq'
			? t(locale, c.value ? 'programs_req_true' : 'programs_req_false')
			: t(locale, `programs_req_${c.op}` as 'programs_req_eq', { value });
	return `${field}: ${req}${c.note ? ` (${c.note})` : ''}`;
}

/** Region code → name in the context's language (codes it does not know stay codes). */
async function regionNamer(ctx: ServiceContext, codes: string[]): Promise<(code: string) => string> {
	const names = new Map<string, string>();
	for (const code of new Set(codes)) {
		const d = await reference.getDivision(ctx, code);
		if (d) names.set(code, d.name);
	}
	return (code) => names.get(code) ?? code;
}

/* ------------------------------------------------------------------ eligibility */

export interface MatchItem {
	slug: string;
	title: string;
	result: MatchResult;
	reasons: { field: string; met: boolean | null; text: string }[];
	maxAmount: string | null;
	next: string[];
	url: string;
	verification: string;
}

/**
 * Checks a profile against every published program one can apply for (not laws, policies or
 * registers; not closed or historical ones). Nothing is stored. Eligible first, then maybe.
 */
export async function matchPrograms(ctx: ServiceContext, input: unknown): Promise<MatchItem[]> {
	const profile = normaliseProfile(parseInput(profileInput, input ?? {}));
	await countEligibilityCheck(ctx, profile.country);
	return matchProfile(ctx, profile);
}

async function matchProfile(ctx: ServiceContext, profile: Profile): Promise<MatchItem[]> {
	const where: SQL[] = [
		eq(program.publication, 'published'),
		sql`${program.status} <> 'closed'`,
		sql`${program.verification} <> 'historical'`,
		eq(program.demo, false),
		sql`not (${program.kinds} <@ array['policy','legal','register']::text[])`
	];
	if (profile.country)
		where.push(
			sql`(${program.country} = ${profile.country} or ${profile.country} = any(${program.countries}))`
		);
	const rows = await ctx.db
		.select(VIEW_COLUMNS)
		.from(program)
		.where(and(...where))
		.orderBy(asc(program.slug))
		.limit(500);
	const regionCodes = [profile.region, ...rows.flatMap((r) => r.regions)].filter((c): c is string => !!c);
	const regionName = await regionNamer(ctx, regionCodes);
	const items = rows.map((r): MatchItem => {
		const { result, outcomes } = evaluate(r, profile);
		const currency = r.terms.currency;
		const next: string[] = [];
		for (const o of outcomes) {
			if (o.met !== null) continue;
			const field = fieldLabel(ctx.locale, o.field);
			next.push(
				t(ctx.locale, o.unknownBecause === 'source' ? 'programs_next_ask_operator' : 'programs_next_answer', {
					field
				})
			);
		}
		if (r.verification !== 'verified') next.push(t(ctx.locale, 'programs_next_partial'));
		if (result !== 'ineligible') next.push(t(ctx.locale, 'programs_next_sources'));
		return {
			slug: r.slug,
			title: textIn(r.title, ctx.locale) || r.slug,
			result,
			reasons: outcomes.map((o) => ({
				field: o.field,
				met: o.met,
				text: reasonText(ctx.locale, o, regionName, currency)
			})),
			maxAmount:
				currency && r.terms.amountMax !== null ? formatMoney(ctx.locale, r.terms.amountMax, currency) : null,
			next,
			url: `/${ctx.locale}/programs/${r.slug}`,
			verification: r.verification
		};
	});
	return items.sort(
		(a, b) => RESULT_ORDER[a.result] - RESULT_ORDER[b.result] || a.title.localeCompare(b.title)
	);
}

/** Saves the signed-in user's business profile (only when she asks). */
export async function saveProfile(ctx: ServiceContext, input: unknown): Promise<Profile> {
	const userId = requireUser(ctx);
	const profile = normaliseProfile(parseInput(profileInput, input ?? {}));
	const data = { ...profile, groups: (input as { groups?: unknown })?.groups ? profile.groups : undefined };
	await ctx.db
		.insert(businessProfile)
		.values({ userId, data, updatedAt: ctx.clock() })
		.onConflictDoUpdate({ target: businessProfile.userId, set: { data, updatedAt: ctx.clock() } });
	await writeAudit(ctx, { action: 'programs.profile_save', entity: 'user', entityId: userId });
	return profile;
}

export async function deleteProfile(ctx: ServiceContext): Promise<void> {
	const userId = requireUser(ctx);
	await ctx.db
		.update(businessProfile)
		.set({ data: {}, updatedAt: ctx.clock() })
		.where(eq(businessProfile.userId, userId));
}

export async function myProfile(ctx: ServiceContext): Promise<Profile | null> {
	const userId = requireUser(ctx);
	const [row] = await ctx.db.select().from(businessProfile).where(eq(businessProfile.userId, userId));
	if (!row || Object.keys(row.data).length === 0) return null;
	return row.data as Profile;
}

/** Her page: saved profile, its matches, saved programs and the calendar feed. */
export async function myPrograms(ctx: ServiceContext) {
	const userId = requireUser(ctx);
	const profile = await myProfile(ctx);
	const matches = profile ? (await matchProfile(ctx, profile)).filter((m) => m.result !== 'ineligible') : [];
	const saved = await ctx.db
		.select(VIEW_COLUMNS)
		.from(savedProgram)
		.innerJoin(program, eq(program.id, savedProgram.programId))
		.where(eq(savedProgram.userId, userId))
		.orderBy(asc(program.lastDeadline), asc(program.slug));
	return {
		profile,
		matches,
		saved: saved.map((r) => ({ ...toListItem(ctx, r), upcoming: upcomingDates(ctx, r.deadlines) })),
		curator: isCurator(ctx.actor)
	};
}

function upcomingDates(ctx: ServiceContext, d: ProgramDeadlines): string[] {
	const now = today(ctx);
	return d.dates
		.map((x) => x.date)
		.filter((x) => x >= now)
		.sort();
}

/* ------------------------------------------------------------------ saved programs, reminders */

async function publishedId(ctx: ServiceContext, slug: string): Promise<string> {
	const [row] = await ctx.db
		.select({ id: program.id })
		.from(program)
		.where(and(eq(program.slug, String(slug).slice(0, 120)), eq(program.publication, 'published')));
	if (!row) throw new AppError('NOT_FOUND');
	return row.id;
}

export async function saveProgram(ctx: ServiceContext, slug: string): Promise<void> {
	const userId = requireUser(ctx);
	const programId = await publishedId(ctx, slug);
	await ctx.db
		.insert(savedProgram)
		.values({ userId, programId, createdAt: ctx.clock() })
		.onConflictDoNothing();
	await queueRemindersFor(ctx, userId);
}

export async function unsaveProgram(ctx: ServiceContext, slug: string): Promise<void> {
	const userId = requireUser(ctx);
	const [row] = await ctx.db
		.select({ id: program.id })
		.from(program)
		.where(eq(program.slug, String(slug)));
	if (!row) throw new AppError('NOT_FOUND');
	await ctx.db
		.delete(savedProgram)
		.where(and(eq(savedProgram.userId, userId), eq(savedProgram.programId, row.id)));
}

export const REMINDER_DAYS = [14, 3] as const;

/**
 * Queues deadline reminders in the notifications outbox: the 14-day one when a deadline is 4 to 14
 * days away, the 3-day one when it is 0 to 3 days away. The dedupe key makes every reminder go once;
 * a reminder is queued only when its moment has come, so a moved deadline never sends a stale one.
 */
export async function queueReminders(ctx: ServiceContext): Promise<number> {
	return queueRemindersFor(ctx, null);
}

async function queueRemindersFor(ctx: ServiceContext, onlyUser: string | null): Promise<number> {
	const now = today(ctx);
	const horizon = new Date(Date.parse(`${now}T00:00:00Z`) + 14 * 86400000).toISOString().slice(0, 10);
	const rows = await ctx.db
		.select({
			userId: savedProgram.userId,
			programId: program.id,
			slug: program.slug,
			title: program.title,
			deadlines: program.deadlines,
			email: authUser.email,
			locale: authUser.locale
		})
		.from(savedProgram)
		.innerJoin(program, eq(program.id, savedProgram.programId))
		.innerJoin(authUser, eq(authUser.id, savedProgram.userId))
		.where(
			and(
				eq(program.publication, 'published'),
				sql`${program.lastDeadline} >= ${now}::date`,
				onlyUser ? eq(savedProgram.userId, onlyUser) : undefined
			)
		);
	let queued = 0;
	for (const r of rows) {
		if (r.email.endsWith('.invalid')) continue; // phone-only accounts: Telegram comes with the bot
		for (const { date } of r.deadlines.dates) {
			if (date < now || date > horizon) continue;
			const days = daysBetween(now, date);
			const offset = days <= 3 ? 3 : 14;
			const locale = (LOCALES as readonly string[]).includes(r.locale ?? '') ? (r.locale as Locale) : 'ru';
			await enqueue(ctx, {
				channel: 'email',
				recipient: r.email,
				template: 'programs.reminder',
				locale,
				payload: { slug: r.slug, title: textIn(r.title, locale), deadline: date, offset },
				dedupeKey: `programs:reminder:${offset}:${r.userId}:${r.programId}:${date}`
			});
			queued++;
		}
	}
	return queued;
}

/** Renders a queued reminder as an e-mail in its recipient's language. */
export function renderReminder(
	message: { locale: string; payload: Record<string, unknown>; recipient: string },
	origin: string
) {
	const locale = ((LOCALES as readonly string[]).includes(message.locale) ? message.locale : 'ru') as Locale;
	const p = message.payload as { slug: string; title: string; deadline: string };
	const date = formatDate(locale, p.deadline);
	return {
		to: message.recipient,
		subject: t(locale, 'programs_reminder_subject', { title: p.title, date }),
		text: t(locale, 'programs_reminder_text', {
			title: p.title,
			date,
			url: `${origin}/${locale}/programs/${p.slug}`
		})
	};
}

/* ------------------------------------------------------------------ calendar feed */

/** The private calendar feed token of the signed-in user (created on first use, rotatable). */
export async function feedToken(ctx: ServiceContext, options: { rotate?: boolean } = {}): Promise<string> {
	const userId = requireUser(ctx);
	const [row] = await ctx.db.select().from(businessProfile).where(eq(businessProfile.userId, userId));
	if (row?.feedToken && !options.rotate) return row.feedToken;
	const token = randomBytes(24).toString('base64url');
	await ctx.db
		.insert(businessProfile)
		.values({ userId, data: {}, feedToken: token, updatedAt: ctx.clock() })
		.onConflictDoUpdate({ target: businessProfile.userId, set: { feedToken: token } });
	if (options.rotate)
		await writeAudit(ctx, { action: 'programs.feed_rotate', entity: 'user', entityId: userId });
	return token;
}

const icsEscape = (s: string) =>
	s
		.replace(/\\/g, '\\\\')
		.replace(/\n/g, '\\n')
		.replace(/([,;])/g, '\\$1');
function icsFold(line: string): string {
	const bytes = Buffer.from(line, 'utf8');
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	for (const ch of line) {
		if (Buffer.byteLength(current + ch, 'utf8') > (parts.length ? 74 : 75)) {
			parts.push(current);
			current = ch;
		} else current += ch;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** iCalendar (RFC 5545) of the saved programs' deadlines, for the token's owner. Null for a bad token. */
export async function calendarFeed(
	ctx: ServiceContext,
	token: string,
	origin: string
): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
	const [owner] = await ctx.db
		.select({ userId: businessProfile.userId, locale: authUser.locale })
		.from(businessProfile)
		.innerJoin(authUser, eq(authUser.id, businessProfile.userId))
		.where(eq(businessProfile.feedToken, token));
	if (!owner) return null;
	const rows = await ctx.db
		.select({ id: program.id, slug: program.slug, title: program.title, deadlines: program.deadlines })
		.from(savedProgram)
		.innerJoin(program, eq(program.id, savedProgram.programId))
		.where(and(eq(savedProgram.userId, owner.userId), eq(program.publication, 'published')));
	const stamp = ctx
		.clock()
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Birge//Programs//EN', 'CALSCALE:GREGORIAN'];
	lines.push(`X-WR-CALNAME:${icsEscape(t(ctx.locale, 'programs_feed_name'))}`);
	for (const r of rows) {
		for (const d of r.deadlines.dates) {
			const day = d.date.replace(/-/g, '');
			const next = new Date(Date.parse(`${d.date}T00:00:00Z`) + 86400000)
				.toISOString()
				.slice(0, 10)
				.replace(/-/g, '');
			const title = textIn(r.title, ctx.locale) || r.slug;
			lines.push(
				'BEGIN:VEVENT',
				`UID:${r.id}-${day}@birge`,
				`DTSTAMP:${stamp}`,
				`DTSTART;VALUE=DATE:${day}`,
				`DTEND;VALUE=DATE:${next}`,
				`SUMMARY:${icsEscape(t(ctx.locale, 'programs_feed_event', { title }))}`,
				`URL:${origin}/${ctx.locale}/programs/${r.slug}`,
				`DESCRIPTION:${icsEscape(`${origin}/${ctx.locale}/programs/${r.slug}${d.note ? `\n${d.note}` : ''}`)}`,
				'BEGIN:VALARM',
				'ACTION:DISPLAY',
				'TRIGGER:-P3D',
				`DESCRIPTION:${icsEscape(title)}`,
				'END:VALARM',
				'END:VEVENT'
			);
		}
	}
	lines.push('END:VCALENDAR');
	return lines.map(icsFold).join('\r\n') + '\r\n';
}

/* ------------------------------------------------------------------ curation */

function normalise(data: z.infer<typeof programInput>) {
	const terms: ProgramTerms = {
		currency: data.terms?.currency ?? null,
		amountMin: data.terms?.amountMin ?? null,
		amountMax: data.terms?.amountMax ?? null,
		ratePercent: data.terms?.ratePercent ?? null,
		termMonthsMax: data.terms?.termMonthsMax ?? null,
		graceMonthsMax: data.terms?.graceMonthsMax ?? null
	};
	const deadlines: ProgramDeadlines = data.deadlines ?? { rolling: false, dates: [] };
	const dates = deadlines.dates.map((d) => d.date).sort();
	return {
		slug: data.slug,
		title: data.title,
		summary: data.summary ?? {},
		body: data.body ?? {},
		eligibilityText: data.eligibilityText ?? {},
		kinds: data.kinds,
		operator: data.operator ?? null,
		country: data.country,
		countries: data.country === 'REGIONAL' ? (data.countries ?? []) : [],
		regions: data.regions ?? [],
		sectors: data.sectors ?? [],
		womenSpecific: data.womenSpecific ?? false,
		status: data.status,
		terms,
		criteria: (data.criteria ?? []).map((c) => ({ ...c, value: c.value })),
		deadlines,
		lastDeadline: dates.length ? dates[dates.length - 1] : null,
		howToApply: data.howToApply ?? { steps: [], documents: [] },
		sources: (data.sources ?? []).map((s) => ({
			url: s.url,
			publisher: s.publisher ?? null,
			date: s.date ?? null,
			...(s.note ? { note: s.note } : {})
		})),
		officialUrl: data.officialUrl ?? null,
		verification: data.verification ?? 'unverified',
		reviewedOn: data.reviewedOn ?? null
	};
}

const TRACKED = [
	'title',
	'summary',
	'body',
	'eligibilityText',
	'kinds',
	'operator',
	'country',
	'countries',
	'regions',
	'sectors',
	'womenSpecific',
	'status',
	'terms',
	'criteria',
	'deadlines',
	'howToApply',
	'sources',
	'officialUrl',
	'verification',
	'reviewedOn',
	'reviewedBy',
	'publication',
	'slug'
] as const;

/** JSON with object keys sorted: the database returns jsonb objects with their keys reordered. */
function stableJson(value: unknown): string {
	return JSON.stringify(value, (_k, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
			: v
	);
}

function diff(before: Partial<ProgramRow> | null, after: Partial<ProgramRow>) {
	const changes: Record<string, [unknown, unknown]> = {};
	for (const k of TRACKED) {
		if (!(k in after)) continue;
		const b = before ? (before[k] ?? null) : null;
		const a = after[k] ?? null;
		if (stableJson(b) !== stableJson(a)) changes[k] = [b, a];
	}
	return changes;
}

async function writeProgram(
	ctx: ServiceContext,
	id: string,
	values: ReturnType<typeof normalise> & { publication: PublicationState; reviewedBy?: string | null },
	existing: ProgramRow | null,
	action: string,
	note?: string,
	options: { clearPending?: boolean } = {}
) {
	const cols = searchColumns(values);
	const now = ctx.clock();
	if (existing) {
		await ctx.db
			.update(program)
			.set({ ...values, ...cols, updatedAt: now, ...(options.clearPending ? { pending: null } : {}) })
			.where(eq(program.id, id));
	} else {
		await ctx.db.insert(program).values({
			id,
			...values,
			...cols,
			createdBy: ctx.actor.userId,
			createdAt: now,
			updatedAt: now
		});
	}
	if (values.publication === 'published')
		await addWords(ctx, distinctWords(cols), `${cols.searchTitleRu} ${cols.searchBodyRu}`);
	await ctx.db.insert(programHistory).values({
		programId: id,
		at: now,
		actorId: ctx.actor.userId,
		action,
		changes: diff(existing, values),
		note: note ?? null
	});
}

async function rowBySlug(ctx: ServiceContext, slug: string): Promise<ProgramRow> {
	const [row] = await ctx.db
		.select()
		.from(program)
		.where(eq(program.slug, String(slug).slice(0, 120)));
	if (!row) throw new AppError('NOT_FOUND');
	return row;
}

/** Staff propose a program (a draft) in their country. */
export async function createProgram(ctx: ServiceContext, input: ProgramInput): Promise<{ slug: string }> {
	const data = normalise(parseInput(programInput, input));
	requireEdit(ctx, data);
	const [clash] = await ctx.db.select({ id: program.id }).from(program).where(eq(program.slug, data.slug));
	if (clash) throw new AppError('CONFLICT', { fields: { slug: { key: 'programs_error_slug_taken' } } });
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
	const [clash] = await ctx.db.select({ id: program.id }).from(program).where(eq(program.slug, slug));
	if (clash && clash.id !== own.id)
		throw new AppError('CONFLICT', { fields: { slug: { key: 'programs_error_slug_taken' } } });
}

/**
 * Keeps changes to a published program by someone who cannot publish it as a revision waiting for
 * review: nothing unreviewed becomes public, and the published version stays visible meanwhile.
 */
export async function proposeRevision(
	ctx: ServiceContext,
	existing: ProgramRow,
	parsed: z.infer<typeof programInput>,
	action = 'revision'
) {
	const data = normalise(parsed);
	const pending: PendingRevision = {
		input: parsed as Record<string, unknown>,
		by: ctx.actor.userId,
		at: ctx.clock().toISOString()
	};
	await ctx.db.update(program).set({ pending, updatedAt: ctx.clock() }).where(eq(program.id, existing.id));
	await ctx.db.insert(programHistory).values({
		programId: existing.id,
		at: ctx.clock(),
		actorId: ctx.actor.userId,
		action,
		changes: diff(existing, data),
		note: null
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
	input: ProgramInput
): Promise<{ slug: string; publication: PublicationState; pending: boolean }> {
	const existing = await rowBySlug(ctx, slug);
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
	const existing = await rowBySlug(ctx, slug);
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
	const existing = await rowBySlug(ctx, slug);
	const userId = requirePublish(ctx, existing);
	if (!existing.pending) throw new AppError('CONFLICT', { messageKey: 'programs_error_no_revision' });
	await ctx.db
		.update(program)
		.set({ pending: null, updatedAt: ctx.clock() })
		.where(eq(program.id, existing.id));
	await ctx.db.insert(programHistory).values({
		programId: existing.id,
		at: ctx.clock(),
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
) {
	const existing = await rowBySlug(ctx, slug);
	const userId = need === 'publish' ? requirePublish(ctx, existing) : requireEdit(ctx, existing);
	if (!allowedFrom.includes(existing.publication))
		throw new AppError('CONFLICT', { messageKey: 'programs_error_transition' });
	const set: Partial<ProgramRow> = { publication: to, updatedAt: ctx.clock() };
	if (to === 'published') set.reviewedBy = userId;
	await ctx.db.update(program).set(set).where(eq(program.id, existing.id));
	if (to === 'published') {
		const cols = searchColumns(existing);
		await addWords(ctx, distinctWords(cols), `${cols.searchTitleRu} ${cols.searchBodyRu}`);
	}
	await ctx.db.insert(programHistory).values({
		programId: existing.id,
		at: ctx.clock(),
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
	return LOCALES.map((locale) => ({
		locale,
		missing: (['title', 'summary', 'body', 'eligibilityText'] as const)
			.filter((f) => f !== 'body' || Object.keys(r.body).length > 0)
			.filter((f) => missingLocales(r[f]).includes(locale))
	}));
}

/** Programs the actor may curate (every publication state), with translation status. */
export async function listForCuration(ctx: ServiceContext, options: { publication?: string } = {}) {
	requireUser(ctx);
	if (!isCurator(ctx.actor)) throw new AppError('FORBIDDEN');
	const countries = (['KG', 'KZ', 'TJ', 'UZ', 'REGIONAL'] as const).filter((c) =>
		c === 'REGIONAL' ? true : canEdit(ctx.actor, { country: c, countries: [] })
	);
	const rows = await ctx.db
		.select(VIEW_COLUMNS)
		.from(program)
		.where(
			and(
				inArray(program.country, countries),
				eq(program.demo, false),
				options.publication === 'in_review'
					? sql`(${program.publication} = 'in_review' or ${program.pending} is not null)`
					: options.publication
						? eq(program.publication, options.publication as PublicationState)
						: undefined
			)
		)
		.orderBy(desc(program.updatedAt))
		.limit(300);
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
	const row = await rowBySlug(ctx, slug);
	requireEdit(ctx, row);
	const history = await ctx.db
		.select()
		.from(programHistory)
		.where(eq(programHistory.programId, row.id))
		.orderBy(desc(programHistory.id))
		.limit(100);
	const actors = [...new Set(history.map((h) => h.actorId).filter((a): a is string => !!a))];
	const names = actors.length
		? await ctx.db
				.select({ id: authUser.id, name: authUser.name })
				.from(authUser)
				.where(inArray(authUser.id, actors))
		: [];
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	const pendingBy = row.pending?.by ?? null;
	if (pendingBy && !nameOf.has(pendingBy)) {
		const [u] = await ctx.db.select({ name: authUser.name }).from(authUser).where(eq(authUser.id, pendingBy));
		if (u) nameOf.set(pendingBy, u.name);
	}
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

/** A stored row back as input (edit forms, CSV export). */
export function toInput(r: ProgramRow): ProgramInput {
	return {
		slug: r.slug,
		title: r.title,
		summary: r.summary,
		body: r.body,
		eligibilityText: r.eligibilityText,
		kinds: r.kinds,
		operator: r.operator,
		country: r.country as ProgramInput['country'],
		countries: r.countries as ProgramInput['countries'],
		regions: r.regions,
		sectors: r.sectors as ProgramInput['sectors'],
		womenSpecific: r.womenSpecific,
		status: r.status,
		terms: r.terms,
		criteria: r.criteria as ProgramInput['criteria'],
		deadlines: r.deadlines,
		howToApply: r.howToApply,
		sources: r.sources,
		officialUrl: r.officialUrl,
		verification: r.verification,
		reviewedOn: r.reviewedOn
	};
}

export { writeProgram as _writeProgram, normalise as _normalise };
