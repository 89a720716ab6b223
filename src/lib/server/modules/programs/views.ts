import { z } from 'zod';
import { pickText, withPublicLinks, type ServiceContext } from '../../core';
import { PROGRAM_COUNTRIES, PROGRAM_KINDS, PROGRAM_STATUSES, VERIFICATIONS } from './schema';
import type { ListRow, ViewRow } from './queries';

/**
 * How programs are shown: the list item every page and the API build on, the warnings a page must
 * show, and the API's response views as zod schemas (their TypeScript types are their z.infer; the
 * OpenAPI document is generated from them, see openapi.ts).
 */

export const STALE_DAYS = 180;

/** Today in the context's clock (UTC date). */
export const today = (ctx: ServiceContext) => ctx.clock().toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);

/** A program as lists and the API show it, in the context's language. */
export function toListItem(ctx: ServiceContext, r: ListRow) {
	const title = pickText(r.title, ctx.locale);
	const summary = pickText(r.summary, ctx.locale);
	return {
		slug: r.slug,
		title: title?.text ?? r.slug,
		titleFallback: title?.fallback ? title.locale : null,
		titleDraft: title?.draft ?? false,
		summary: summary?.text ?? '',
		summaryFallback: summary?.fallback ? summary.locale : null,
		summaryDraft: summary?.draft ?? false,
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

/* ------------------------------------------------------------------ API response views */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const termsView = z
	.object({
		currency: z.string().nullable(),
		amountMin: z.number().nullable(),
		amountMax: z.number().nullable(),
		ratePercent: z.number().nullable(),
		termMonthsMax: z.number().nullable(),
		graceMonthsMax: z.number().nullable()
	})
	.meta({ id: 'Terms', description: 'As the sources state them; null = not known (never a guess).' });

export const sourceView = z
	.object({
		url: z
			.string()
			.nullable()
			.meta({ description: 'Null when the source is a report without a public address' }),
		publisher: z.string().nullable(),
		date: z
			.string()
			.nullable()
			.meta({ description: 'A full date, or only the year (and month) the source gives' }),
		note: z.string().nullable().optional(),
		noteDraft: z
			.boolean()
			.optional()
			.meta({ description: 'The note is an automatic translation not yet checked (program pages)' }),
		noteLang: z
			.string()
			.nullable()
			.optional()
			.meta({ description: 'The language the note is shown in when not the asked one' })
	})
	.meta({ id: 'Source' });

export const programSummaryView = z
	.object({
		slug: z.string(),
		title: z.string(),
		summary: z.string(),
		kinds: z.array(z.enum(PROGRAM_KINDS)),
		country: z.enum(PROGRAM_COUNTRIES),
		countries: z.array(z.string()),
		status: z.enum(PROGRAM_STATUSES),
		womenSpecific: z.boolean(),
		terms: termsView,
		sources: z.array(sourceView),
		verification: z.enum(VERIFICATIONS),
		reviewedOn: date.nullable(),
		url: z.string().meta({ description: 'The program page' })
	})
	.meta({ id: 'ProgramSummary', description: 'A published program as lists show it.' });
export type ProgramSummaryView = z.infer<typeof programSummaryView>;

export const programPageView = z
	.object({
		items: z.array(programSummaryView),
		total: z.number().int().meta({
			description: 'Matching programs (with q: at most 200 are counted; see more)'
		}),
		more: z.boolean().meta({ description: 'More programs match than were counted' }),
		page: z.number().int(),
		pageSize: z.number().int(),
		suggestions: z
			.array(z.string())
			.meta({ description: 'Nearest known words when nothing matched; each of them finds something' }),
		understood: z
			.object({
				region: z
					.string()
					.nullable()
					.meta({ description: 'ISO 3166-2 region the words name, applied as a filter' }),
				country: z.string().nullable().meta({ description: 'Country the words name, applied as a filter' }),
				kind: z
					.string()
					.nullable()
					.meta({ description: 'Kind of support the words name, applied as a filter' }),
				rest: z.string().meta({ description: 'The words searched as text' })
			})
			.nullable()
			.optional()
			.meta({
				description:
					'What the search read from q (a place or kind named in any language), or null when it searched the words as typed'
			})
	})
	.meta({ id: 'ProgramPage', description: 'A page of programs' });
export type ProgramPageView = z.infer<typeof programPageView>;

export const programView = programSummaryView
	.extend({
		body: z.string().nullable(),
		regions: z.array(z.string()).meta({ description: 'ISO 3166-2 codes; empty = the whole country' }),
		operator: z.string().nullable(),
		eligibilityText: z.string().nullable().meta({ description: "The source's own words" }),
		criteria: z
			.array(
				z.object({
					field: z.string(),
					requirement: z.string().meta({ description: 'The requirement in words, in the asked language' }),
					draft: z
						.boolean()
						.meta({ description: "The requirement's note is an automatic translation not yet checked" })
				})
			)
			.meta({ description: 'Eligibility criteria, one per profile field' }),
		deadlines: z.object({
			rolling: z.boolean().meta({ description: 'Applications any time' }),
			dates: z.array(
				z.object({
					date,
					note: z.string().optional(),
					noteDraft: z.boolean().optional().meta({ description: 'The note is an automatic translation' })
				})
			)
		}),
		howToApply: z.object({ steps: z.array(z.string()), documents: z.array(z.string()) }),
		officialUrl: z.string().nullable()
	})
	.meta({ id: 'Program', description: 'A published program with everything its page shows.' });
export type ProgramView = z.infer<typeof programView>;

/** The results, in their order on the page (see matching.ts); `likely`, `closed`, `unknown_status` were added later (additive). */
export const MATCH_RESULTS = [
	'eligible',
	'likely',
	'maybe',
	'unknown_status',
	'ineligible',
	'closed'
] as const;

export const reasonView = z.object({
	field: z.string(),
	met: z.boolean().nullable().meta({ description: 'Null: unknown (the profile or the source does not say)' }),
	text: z.string()
});

/** One program checked against a profile (pages; the API view leaves out `verification`). */
export const matchItem = z.object({
	slug: z.string(),
	title: z.string(),
	result: z.enum(MATCH_RESULTS).meta({
		description:
			'eligible: every condition known and met, and the sources list them all. likely: every listed condition met, but the sources may not list every condition (confirm with the operator). maybe: a fact is unknown. ineligible: a condition is not met. closed: the program or its round has ended. unknown_status: whether it takes applicants now is not known (never presented as open). New values may be added.'
	}),
	reasons: z.array(reasonView),
	maxAmount: z
		.string()
		.nullable()
		.meta({ description: 'The largest amount, formatted in the asked language' }),
	next: z.array(z.string()).meta({ description: 'What to check or do next' }),
	url: z.string(),
	verification: z.enum(VERIFICATIONS)
});
export type MatchItem = z.infer<typeof matchItem>;

export const matchView = z
	.object({ items: z.array(matchItem.omit({ verification: true }).meta({ id: 'MatchItem' })) })
	.meta({ id: 'MatchResults', description: 'Programs with a result and a reason per criterion' });
export type MatchView = z.infer<typeof matchView>;

/** The API's list item: absolute URL, no page-only fields. */
export function toSummaryView(i: ProgramListItem, origin: string): ProgramSummaryView {
	return {
		slug: i.slug,
		title: i.title,
		summary: i.summary,
		kinds: i.kinds,
		country: i.country as ProgramSummaryView['country'],
		countries: i.countries,
		status: i.status,
		womenSpecific: i.womenSpecific,
		terms: i.terms,
		sources: withPublicLinks(i.sources, origin),
		verification: i.verification,
		reviewedOn: i.reviewedOn,
		url: origin + i.url
	};
}
