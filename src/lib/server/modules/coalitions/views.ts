import { z } from 'zod';
import { BARRIERS, INSTRUMENT_TYPES, ITEM_KINDS, STATUSES } from './schema';
import * as q from './queries';
import { pickText, translatedFields, type I18nText, type ServiceContext, publicLink } from '../../core';
import { recommendationTexts, sourceTexts, timelineTexts } from './translations';
import { LOCALES, type Locale } from '#lib/i18n/locales';

/**
 * What the coalitions module answers, as zod schemas: the views pages render and the JSON the API
 * returns. Each view's TypeScript type is its `z.infer`, and openapi.ts documents the API from the
 * same schemas (z.toJSONSchema), so the document cannot drift from what is sent.
 */

/* ------------------------------------------------------- views for pages */

export const textView = z.object({
	text: z.string(),
	/** The locale the text is in, when it is not the one asked for (the page says so). */
	fallbackLocale: z.enum(LOCALES).nullable(),
	/** True when the text is an automatic translation nobody has checked yet (the page says so). */
	draft: z.boolean()
});
export type Text = z.infer<typeof textView>;

export const adoptionView = z
	.object({ adopted: z.int().min(0), total: z.int().min(0) })
	.meta({ description: '"N of M adopted or implemented"' });

export const instrumentView = z.object({
	type: z.enum(INSTRUMENT_TYPES),
	name: z.string().nullable().describe("The instrument's title, as the source or the coordinator gives it"),
	number: z.string().nullish(),
	date: z.string().nullish().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
	clause: z.string().nullish(),
	body: z.string().nullish().describe('Who adopted it (a ministry, the government, parliament)'),
	draft: z
		.boolean()
		.optional()
		.describe('True when the name or body shown is an automatic translation nobody has checked yet')
});

export const evidenceView = z.object({
	kind: z.enum(['url', 'file', 'source']),
	url: z
		.string()
		.nullable()
		.describe("External link, or the evidence file's address, or the source's own URL (may be null)"),
	title: z.string(),
	sourceKey: z.string().nullable()
});
export type Evidence = z.infer<typeof evidenceView>;

const partialDateView = z
	.string()
	.nullable()
	.describe('YYYY, YYYY-MM or YYYY-MM-DD; null when the source gives none');

export const entryView = z.object({
	id: z.string(),
	seq: z.int(),
	date: partialDateView,
	status: z.enum(STATUSES),
	reportedStatus: z.string().nullable().describe("The source's own status word"),
	progress: z.int().min(0).max(100).nullable(),
	aggregate: adoptionView.nullable(),
	note: textView,
	/** Everything recorded as evidence: an uploaded document, a link, a source. */
	evidence: z.array(evidenceView),
	instrument: instrumentView.nullable(),
	correctsId: z.string().nullable(),
	correctedBy: z.array(z.string()),
	recordedAt: z.iso.datetime()
});
export type EntryView = z.infer<typeof entryView>;

export const itemView = z.object({
	id: z.string(),
	kind: z.enum(ITEM_KINDS),
	barrier: z.enum(BARRIERS),
	title: textView,
	text: textView,
	targetBody: z.string().nullable(),
	/** True when the target body shown is an automatic translation nobody has checked yet. */
	targetBodyDraft: z.boolean(),
	status: z.enum(STATUSES),
	progress: z.int().min(0).max(100).nullable(),
	aggregate: adoptionView.nullable(),
	agendaId: z.string().nullable(),
	sourceKey: z.string().nullable(),
	demo: z.boolean(),
	endorsements: z.int().min(0),
	latest: entryView.nullable(),
	/** The evidence behind the current status: the newest entry with this status that has some. */
	evidence: z.array(evidenceView),
	timeline: z.array(entryView)
});
export type ItemView = z.infer<typeof itemView>;

/* -------------------------------------------------------- views for the API */

export const coalitionSourceApi = z.object({
	key: z.string(),
	title: z.string(),
	url: z.string().nullable()
});

export const reportedFigureApi = z.object({
	members: z.int().nullable().describe('Member organizations, as reported'),
	womenRepresented: z.int().nullable(),
	date: z.string().nullable(),
	note: z.string().nullable(),
	source: z.string().describe('Key of a CoalitionSource'),
	sourceTitle: z.string(),
	sourceUrl: z.string().nullable()
});

export const coalitionApi = z.object({
	slug: z.string().meta({ example: 'kg' }),
	country: z.string().meta({ example: 'KG' }),
	name: z.string(),
	fallbackLocale: z.enum(LOCALES).nullable(),
	reported: z.array(reportedFigureApi),
	registeredMembers: z.int().min(0).describe('Member organizations registered in Birge'),
	adoption: adoptionView,
	url: z.string().describe('The public accountability page')
});

export const coalitionsApi = z.object({
	items: z.array(coalitionApi),
	sources: z.array(coalitionSourceApi)
});
export type CoalitionsApi = z.infer<typeof coalitionsApi>;

export const timelineEntryApi = z.object({
	id: z.string(),
	date: partialDateView,
	status: z.enum(STATUSES),
	reportedStatus: z.string().nullable().describe("The source's own status word"),
	progress: z.int().min(0).max(100).nullable(),
	aggregate: adoptionView.nullable(),
	note: z.string(),
	evidence: z.array(evidenceView).describe('Document, link and/or source backing this entry'),
	instrument: instrumentView.nullable(),
	correctsId: z.string().nullable().describe('The entry this one corrects (entries are never changed)'),
	recordedAt: z.iso.datetime()
});

export const coalitionItemApi = z.object({
	id: z.string(),
	kind: z.enum(ITEM_KINDS),
	barrier: z.enum(BARRIERS),
	title: z.string(),
	text: z.string(),
	targetBody: z.string().nullable(),
	status: z.enum(STATUSES),
	progress: z.int().min(0).max(100).nullable(),
	aggregate: adoptionView.nullable(),
	endorsements: z.int().min(0),
	demo: z.boolean().describe('Demo content, not real'),
	timeline: z.array(timelineEntryApi)
});

export const recommendationsApi = z.object({
	coalition: z.string(),
	adoption: adoptionView,
	items: z.array(coalitionItemApi)
});
export type RecommendationsApi = z.infer<typeof recommendationsApi>;

/** The API's schemas under their component names in /api/v1/openapi.json. */
export const API_SCHEMAS = {
	CoalitionSource: coalitionSourceApi,
	Adoption: adoptionView,
	ReportedFigure: reportedFigureApi,
	Coalition: coalitionApi,
	Coalitions: coalitionsApi,
	Instrument: instrumentView,
	Evidence: evidenceView,
	TimelineEntry: timelineEntryApi,
	CoalitionItem: coalitionItemApi,
	CoalitionRecommendations: recommendationsApi
} as const;

/* --------------------------------------------------------------- builders */

export function text(value: I18nText | null | undefined, locale: Locale): Text {
	const picked = pickText(value, locale);
	return {
		text: picked?.text ?? '',
		fallbackLocale: picked?.fallback ? picked.locale : null,
		draft: picked?.draft ?? false
	};
}

/** Where an uploaded evidence document is served (the evidence download route). */
export const FILE_PATH = '/api/v1/coalitions/evidence/';

type EntryRow = Awaited<ReturnType<typeof q.entriesOf>>[number];

export interface SourceView {
	key: string;
	/** The title in her language (the published title with a gloss), else as published. */
	title: string;
	url: string | null;
	/** True when the title is an automatic translation nobody has checked yet (the page says so). */
	draft: boolean;
	fallbackLocale: Locale | null;
}

/** Every source with its title in her language (three rows; their translations beside them). */
export async function localisedSources(ctx: ServiceContext): Promise<SourceView[]> {
	const rows = await q.allSources(ctx.db);
	const texts = await translatedFields(ctx, sourceTexts, rows);
	return rows.map((r) => {
		const t = text(texts.get(r.key)?.title ?? { en: r.title }, ctx.locale);
		return {
			key: r.key,
			title: t.text || r.title,
			url: r.url,
			draft: t.draft,
			fallbackLocale: t.fallbackLocale
		};
	});
}

export function toEntryView(
	row: EntryRow,
	locale: Locale,
	correctedBy: string[],
	note: I18nText = row.entry.note,
	sourceTitles?: Map<string, string>,
	texts: Record<string, I18nText> = {}
): EntryView {
	const e = row.entry;
	// The instrument's name and body in her language (the entry keeps them as written).
	const name = e.instrument?.name && texts['instrument.name'] ? text(texts['instrument.name'], locale) : null;
	const body = e.instrument?.body && texts['instrument.body'] ? text(texts['instrument.body'], locale) : null;
	const instrument = e.instrument
		? {
				...e.instrument,
				name: name?.text || e.instrument.name,
				body: body?.text || e.instrument.body,
				...(name?.draft || body?.draft ? { draft: true } : {})
			}
		: null;
	const evidence: Evidence[] = [];
	if (e.evidenceFileId)
		evidence.push({
			kind: 'file',
			url: FILE_PATH + e.evidenceFileId,
			title: row.fileName ?? 'document',
			sourceKey: null
		});
	if (e.evidenceUrl)
		evidence.push({ kind: 'url', url: e.evidenceUrl, title: e.evidenceUrl, sourceKey: null });
	if (e.evidenceSourceKey)
		evidence.push({
			kind: 'source',
			url: row.sourceUrl ?? null,
			title: sourceTitles?.get(e.evidenceSourceKey) ?? row.sourceTitle ?? e.evidenceSourceKey,
			sourceKey: e.evidenceSourceKey
		});
	return {
		id: e.id,
		seq: e.seq,
		date: e.date,
		status: e.status,
		reportedStatus: e.reportedStatus,
		progress: e.progress,
		aggregate:
			e.aggregateTotal !== null ? { adopted: e.aggregateAdopted ?? 0, total: e.aggregateTotal } : null,
		note: text(note, locale),
		evidence,
		instrument,
		correctsId: e.correctsId,
		correctedBy,
		recordedAt: e.createdAt.toISOString()
	};
}

/** An item's target body in her language, with its draft mark (as written when it has no translation). */
function targetBodyOf(own: string | null, texts: I18nText | undefined, locale: Locale) {
	if (!own) return { targetBody: null, targetBodyDraft: false };
	const t = texts ? text(texts, locale) : null;
	return { targetBody: t?.text || own, targetBodyDraft: t?.draft ?? false };
}

/** Items with their whole timelines and endorsement counts (two reads for any number of items). */
export async function toItemViews(ctx: ServiceContext, rows: q.ItemRow[]): Promise<ItemView[]> {
	const ids = rows.map((r) => r.id);
	const [entries, counts, sources] = await Promise.all([
		q.entriesOf(ctx.db, ids),
		q.endorsementCounts(ctx.db, ids),
		localisedSources(ctx)
	]);
	const sourceTitles = new Map(sources.map((s) => [s.key, s.title]));
	const itemTexts = await translatedFields(ctx, recommendationTexts, rows);
	// Timeline notes in her language: the entry's own text and the translations kept beside it.
	const notes = await translatedFields(
		ctx,
		timelineTexts,
		entries.map((r) => r.entry)
	);
	const correctedBy = new Map<string, string[]>();
	for (const { entry } of entries)
		if (entry.correctsId)
			correctedBy.set(entry.correctsId, [...(correctedBy.get(entry.correctsId) ?? []), entry.id]);
	const byItem = new Map<string, EntryView[]>();
	for (const row of entries) {
		const list = byItem.get(row.entry.recommendationId) ?? [];
		list.push(
			toEntryView(
				row,
				ctx.locale,
				correctedBy.get(row.entry.id) ?? [],
				notes.get(row.entry.id)?.note,
				sourceTitles,
				notes.get(row.entry.id)
			)
		);
		byItem.set(row.entry.recommendationId, list);
	}
	return rows.map((r) => {
		const timeline = byItem.get(r.id) ?? [];
		return {
			id: r.id,
			kind: r.kind,
			barrier: r.barrier,
			title: text(r.title, ctx.locale),
			text: text(r.text, ctx.locale),
			...targetBodyOf(r.targetBody, itemTexts.get(r.id)?.targetBody, ctx.locale),
			status: r.status,
			progress: r.progress,
			aggregate:
				r.kind === 'aggregate' ? { adopted: r.aggregateAdopted ?? 0, total: r.aggregateTotal ?? 0 } : null,
			agendaId: r.agendaId,
			sourceKey: r.sourceKey,
			demo: r.demo,
			endorsements: counts.get(r.id) ?? 0,
			latest: timeline.at(-1) ?? null,
			evidence:
				[...timeline].reverse().find((e) => e.status === r.status && e.evidence.length)?.evidence ?? [],
			timeline
		};
	});
}

/** An item as the API sends it: text in one language, evidence addresses absolute. */
export function toItemApi(item: ItemView, origin: string): z.infer<typeof coalitionItemApi> {
	// Site paths made absolute on the public origin; a scheme other than http(s) is not handed on.
	const abs = (u: string | null) => publicLink(u, origin);
	return {
		id: item.id,
		kind: item.kind,
		barrier: item.barrier,
		title: item.title.text,
		text: item.text.text,
		targetBody: item.targetBody,
		status: item.status,
		progress: item.progress,
		aggregate: item.aggregate,
		endorsements: item.endorsements,
		demo: item.demo,
		timeline: item.timeline.map((e) => ({
			id: e.id,
			date: e.date,
			status: e.status,
			reportedStatus: e.reportedStatus,
			progress: e.progress,
			aggregate: e.aggregate,
			note: e.note.text,
			evidence: e.evidence.map((x) => ({ ...x, url: abs(x.url) })),
			instrument: e.instrument,
			correctsId: e.correctsId,
			recordedAt: e.recordedAt
		}))
	};
}
