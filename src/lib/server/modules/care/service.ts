import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { z } from 'zod';
import {
	careConfirmation,
	careService,
	CARE_KINDS,
	type CareConfidence,
	type CareKind,
	type CareMethod,
	type CareSource,
	type CareState
} from './schema';
import { confirmInput, findInput, withdrawInput } from './inputs';
import { rightsFor, type RightsFact } from './rights';
import { earliestDay } from './seed';
import {
	AppError,
	auditTrail,
	hasRole,
	parseInput,
	pickText,
	reference,
	requireRole,
	requireUser,
	writeAudit,
	type PickedText,
	type ServiceContext
} from '../../core';
import { COUNTRIES } from '#lib/i18n/format';

/** An entry not confirmed for this many months shows a warning and returns to the review queue. */
export const STALE_AFTER_MONTHS = 6;

type Row = typeof careService.$inferSelect;

/** `YYYY-MM-DD` of a Date, in UTC. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The day an entry confirmed on `confirmedOn` becomes stale. */
export function staleFrom(confirmedOn: string): string {
	const d = new Date(`${confirmedOn}T00:00:00Z`);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + STALE_AFTER_MONTHS);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return isoDay(d);
}

export function isStale(confirmedOn: string | null, today: Date): boolean {
	return confirmedOn === null || staleFrom(confirmedOn) <= isoDay(today);
}

export interface Phone {
	/** Exactly as the operator or source writes it. */
	display: string;
	/** A `tel:` address when the text is one dialable number; null otherwise (shown, not linked). */
	tel: string | null;
}

export function phoneLink(display: string): Phone {
	const dialable = /^\+?[0-9][0-9\s\-().]*$/.test(display.trim());
	const digits = display.replace(/[^\d+]/g, '');
	return { display, tel: dialable && digits.length >= 2 ? `tel:${digits}` : null };
}

export interface ServiceView {
	id: string;
	country: string;
	kind: CareKind;
	name: PickedText;
	phones: Phone[];
	hours: PickedText | null;
	cost: PickedText | null;
	languages: string[] | null;
	/** null = the whole country. */
	regions: string[] | null;
	operator: PickedText | null;
	address: PickedText | null;
	audience: PickedText | null;
	offers: PickedText | null;
	note: PickedText | null;
	sources: CareSource[];
	confidence: CareConfidence;
	/**
	 * `on` is a full date; `asGiven` is as precise as the confirmation really is (a seed entry dated
	 * by a source that only gives `2025` is confirmed as of `2025`, stored as 2025-01-01).
	 */
	lastConfirmed: { on: string; asGiven: string; method: CareMethod; by: 'source' | 'editor' } | null;
	/** Not confirmed for six months: shown with a warning, and back in the review queue. */
	stale: boolean;
	demo: boolean;
}

/** The confirmation date as precise as its source: `2025` rather than 1 January 2025. */
function asGiven(r: Row): string {
	const on = r.lastConfirmedOn!;
	if (r.lastConfirmedBy || r.lastConfirmedMethod !== 'source') return on;
	const match = r.sources.map((s) => s.date).find((d) => d && earliestDay(d) === on);
	return match ?? on;
}

function view(ctx: ServiceContext, r: Row): ServiceView {
	const pick = (v: Row['hours']) => pickText(v, ctx.locale);
	return {
		id: r.id,
		country: r.country,
		kind: r.kind,
		name: pick(r.name) ?? { text: r.id, locale: 'en', fallback: true },
		phones: r.phones.map(phoneLink),
		hours: pick(r.hours),
		cost: pick(r.cost),
		languages: r.languages,
		regions: r.regions,
		operator: pick(r.operator),
		address: pick(r.address),
		audience: pick(r.audience),
		offers: pick(r.offers),
		note: pick(r.note),
		sources: r.sources,
		confidence: r.confidence,
		lastConfirmed:
			r.lastConfirmedOn && r.lastConfirmedMethod
				? {
						on: r.lastConfirmedOn,
						asGiven: asGiven(r),
						method: r.lastConfirmedMethod,
						by: r.lastConfirmedBy ? 'editor' : 'source'
					}
				: null,
		stale: isStale(r.lastConfirmedOn, ctx.clock()),
		demo: r.demo
	};
}

const KIND_ORDER = new Map(CARE_KINDS.map((k, i) => [k, i]));
const byKindThenName = (a: ServiceView, b: ServiceView) =>
	(KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) || a.name.text.localeCompare(b.name.text);

/**
 * Published entries only: state `published`, which the database allows only with a recorded
 * confirmation. Entries in review or retired never leave this function.
 */
async function publishedRows(ctx: ServiceContext, country?: string) {
	const where = country
		? and(eq(careService.state, 'published'), eq(careService.country, country))
		: eq(careService.state, 'published');
	return ctx.db.select().from(careService).where(where).orderBy(asc(careService.id));
}

/** Public: published services, filtered by country, region (or whole country) and kind. */
export async function findServices(
	ctx: ServiceContext,
	input: z.input<typeof findInput> = {}
): Promise<ServiceView[]> {
	const data = parseInput(findInput, input);
	if (data.region) {
		const division = await reference.getDivision(ctx, data.region);
		if (!division || (data.country && !data.region.startsWith(`${data.country}-`)))
			throw new AppError('INVALID', { fields: { region: { key: 'error_field_choice' } } });
	}
	const rows = await publishedRows(ctx, data.country ?? data.region?.slice(0, 2));
	return rows
		.filter((r) => r.state === 'published' && r.lastConfirmedOn !== null)
		.filter((r) => !data.region || r.regions === null || r.regions.includes(data.region))
		.filter((r) => !data.kind || r.kind === data.kind)
		.map((r) => view(ctx, r))
		.sort(byKindThenName);
}

export interface CountryHelp {
	country: string;
	region: string | null;
	/** Emergency and police numbers, first. */
	emergency: ServiceView[];
	others: ServiceView[];
	/** True when at least one published entry has a phone number. */
	hasConfirmedPhone: boolean;
	rights: RightsFact[];
}

/** Public: what the /care page shows for a country (and region). */
export async function countryHelp(
	ctx: ServiceContext,
	input: z.input<typeof findInput>
): Promise<CountryHelp | null> {
	const data = parseInput(findInput, input);
	if (!data.country) return null;
	const services = await findServices(ctx, { country: data.country, region: data.region });
	const urgent = (s: ServiceView) => (s.kind === 'emergency' || s.kind === 'police') && s.phones.length > 0;
	return {
		country: data.country,
		region: data.region ?? null,
		emergency: services.filter(urgent),
		others: services.filter((s) => !urgent(s)),
		hasConfirmedPhone: services.some((s) => s.phones.length > 0),
		rights: rightsFor(data.country)
	};
}

/** First-level divisions of a country, for the region choice. */
export async function regionsOf(ctx: ServiceContext, country: string) {
	if (!(COUNTRIES as readonly string[]).includes(country)) return [];
	return reference.listDivisions(ctx, country);
}

/* ---------- Review: care editors (optionally limited to a country) ---------- */

/** The countries whose entries the actor may review. */
export function reviewableCountries(ctx: ServiceContext): string[] {
	return COUNTRIES.filter((c) => hasRole(ctx.actor, 'care_editor', { country: c }));
}

function requireEditor(ctx: ServiceContext): string[] {
	requireRole(ctx, 'care_editor');
	const countries = reviewableCountries(ctx);
	if (countries.length === 0) throw new AppError('FORBIDDEN');
	return countries;
}

export interface QueueItem extends ServiceView {
	state: CareState;
	reason: string | null;
	/** The day the entry became (or becomes) stale; null when never confirmed. */
	staleFrom: string | null;
}

function queueItem(ctx: ServiceContext, r: Row): QueueItem {
	const v = view(ctx, r);
	const reason = r.state === 'published' ? (v.stale ? 'care_reason_stale' : null) : r.reviewReason;
	return { ...v, state: r.state, reason, staleFrom: r.lastConfirmedOn ? staleFrom(r.lastConfirmedOn) : null };
}

/**
 * The review queue: entries waiting for a first confirmation, entries not confirmed for six months
 * (still shown, with a warning), and retired entries, for the editor's countries.
 */
export async function reviewQueue(ctx: ServiceContext) {
	const countries = requireEditor(ctx);
	const rows = await ctx.db
		.select()
		.from(careService)
		.where(inArray(careService.country, countries))
		.orderBy(asc(careService.country), asc(careService.id));
	const items = rows.map((r) => queueItem(ctx, r));
	return {
		countries,
		due: items.filter((i) => i.state === 'review' || (i.state === 'published' && i.stale)),
		current: items.filter((i) => i.state === 'published' && !i.stale),
		retired: items.filter((i) => i.state === 'retired')
	};
}

async function loadForEditor(ctx: ServiceContext, id: string): Promise<Row> {
	requireUser(ctx);
	const [row] = await ctx.db.select().from(careService).where(eq(careService.id, id));
	if (!row) {
		requireEditor(ctx);
		throw new AppError('NOT_FOUND');
	}
	requireRole(ctx, 'care_editor', { country: row.country });
	return row;
}

/** One entry with its confirmation history, for an editor of its country. */
export async function reviewEntry(ctx: ServiceContext, id: string) {
	const row = await loadForEditor(ctx, id);
	const history = await ctx.db
		.select()
		.from(careConfirmation)
		.where(eq(careConfirmation.serviceId, id))
		.orderBy(desc(careConfirmation.id));
	return {
		entry: queueItem(ctx, row),
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
export async function confirmService(ctx: ServiceContext, input: z.input<typeof confirmInput>) {
	requireUser(ctx);
	const data = parseInput(confirmInput, input);
	const row = await loadForEditor(ctx, data.id);
	if (row.state === 'retired') throw new AppError('CONFLICT', { messageKey: 'care_error_expired' });
	const today = isoDay(ctx.clock());
	if (data.confirmedOn > today)
		throw new AppError('INVALID', { fields: { confirmedOn: { key: 'care_error_future_date' } } });
	if (isStale(data.confirmedOn, ctx.clock()))
		throw new AppError('INVALID', { fields: { confirmedOn: { key: 'care_error_too_old' } } });
	const phones = data.phones?.length ? data.phones : row.phones;
	const userId = ctx.actor.userId!;
	const after = {
		state: 'published' as const,
		phones,
		reviewReason: null,
		lastConfirmedOn: data.confirmedOn,
		lastConfirmedBy: userId,
		lastConfirmedMethod: data.method,
		updatedAt: ctx.clock()
	};
	await ctx.db.update(careService).set(after).where(eq(careService.id, row.id));
	await ctx.db.insert(careConfirmation).values({
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
export async function withdrawService(ctx: ServiceContext, input: z.input<typeof withdrawInput>) {
	requireUser(ctx);
	const data = parseInput(withdrawInput, input);
	const row = await loadForEditor(ctx, data.id);
	if (row.state !== 'published') throw new AppError('CONFLICT');
	await ctx.db
		.update(careService)
		.set({ state: 'review', reviewReason: 'care_reason_withdrawn', updatedAt: ctx.clock() })
		.where(and(eq(careService.id, row.id), ne(careService.state, 'retired')));
	await ctx.db.insert(careConfirmation).values({
		serviceId: row.id,
		action: 'withdrawn',
		confirmedOn: isoDay(ctx.clock()),
		method: null,
		byUserId: ctx.actor.userId,
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
 * Returns the ids it recorded.
 */
export async function recordStaleEntries(ctx: ServiceContext): Promise<string[]> {
	const rows = await ctx.db.select().from(careService).where(eq(careService.state, 'published'));
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
