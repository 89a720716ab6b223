import type { z } from 'zod';
import { carryProvenance, plainText, type ServiceContext } from '../../core';
import type { ProgramDeadlines, ProgramTerms, PublicationState } from './schema';
import type { programInput, ProgramInput } from './inputs';
import { insertHistory, insertProgram, updateProgramRow, type ProgramRow } from './queries';
import { indexWords, searchColumns } from './search';

/**
 * A program's stored record: input normalised for storage, every write kept in the append-only
 * history with what changed, the search text rewritten and a published program's words indexed.
 * Curation, CSV import and the seed write through here; access is theirs to check first.
 */

/** Validated program input as stored (unknown terms null, lists empty, last deadline derived). */
export function normalise(data: z.infer<typeof programInput>) {
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
		criteriaComplete: data.criteriaComplete ?? false,
		contacts: {
			phone: data.contacts?.phone ?? null,
			address: data.contacts?.address ?? null,
			hours: data.contacts?.hours ?? null,
			partnerBanks: data.contacts?.partnerBanks ?? [],
			source: data.contacts?.source
				? {
						url: data.contacts.source.url,
						publisher: data.contacts.source.publisher ?? null,
						date: data.contacts.source.date ?? null
					}
				: null
		},
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
export type ProgramValues = ReturnType<typeof normalise>;

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
	'criteriaComplete',
	'contacts',
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

/** The tracked fields that differ: { field: [before, after] }. */
export function diff(before: Partial<ProgramRow> | null, after: Partial<ProgramRow>) {
	const changes: Record<string, [unknown, unknown]> = {};
	for (const k of TRACKED) {
		if (!(k in after)) continue;
		const b = before ? (before[k] ?? null) : null;
		const a = after[k] ?? null;
		if (stableJson(b) !== stableJson(a)) changes[k] = [b, a];
	}
	return changes;
}

/** Appends one entry to a program's history. */
export async function recordHistory(
	ctx: ServiceContext,
	entry: {
		programId: string;
		actorId: string | null;
		action: string;
		changes: Record<string, [unknown, unknown]>;
		note?: string | null;
	}
): Promise<void> {
	await insertHistory(ctx, { ...entry, at: ctx.clock(), note: entry.note ?? null });
}

/** Writes a program (new or existing) with its search text, its words when published, and history. */
export async function writeProgram(
	ctx: ServiceContext,
	id: string,
	values: ProgramValues & { publication: PublicationState; reviewedBy?: string | null },
	existing: ProgramRow | null,
	action: string,
	note?: string,
	options: { clearPending?: boolean } = {}
): Promise<void> {
	const cols = searchColumns(values);
	const now = ctx.clock();
	if (existing) {
		// Texts keep each locale's provenance (drafts stay drafts; what a person changed is hers).
		const carry = { by: ctx.actor.userId, at: now, seed: action === 'seed' };
		for (const f of ['title', 'summary', 'body', 'eligibilityText'] as const)
			values = { ...values, [f]: carryProvenance(existing[f], values[f], carry) };
		await updateProgramRow(ctx, id, {
			...values,
			...cols,
			updatedAt: now,
			...(options.clearPending ? { pending: null } : {})
		});
	} else {
		await insertProgram(ctx, {
			id,
			...values,
			...cols,
			createdBy: ctx.actor.userId,
			createdAt: now,
			updatedAt: now
		});
	}
	if (values.publication === 'published') await indexWords(ctx, cols);
	await insertHistory(ctx, {
		programId: id,
		at: now,
		actorId: ctx.actor.userId,
		action,
		changes: diff(existing, values),
		note: note ?? null
	});
}

/** A stored row back as input (edit forms, CSV export). */
export function toInput(r: ProgramRow): ProgramInput {
	return {
		slug: r.slug,
		title: plainText(r.title),
		summary: plainText(r.summary),
		body: plainText(r.body),
		eligibilityText: plainText(r.eligibilityText),
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
		criteriaComplete: r.criteriaComplete,
		contacts: r.contacts,
		deadlines: r.deadlines,
		howToApply: {
			steps: r.howToApply.steps.map(plainText),
			documents: r.howToApply.documents.map(plainText)
		},
		sources: r.sources,
		officialUrl: r.officialUrl,
		verification: r.verification,
		reviewedOn: r.reviewedOn
	};
}
