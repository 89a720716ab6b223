import { z } from 'zod';
import { CARE_CONFIDENCE, CARE_KINDS, CARE_METHODS, CARE_STATES } from './schema';
import type { ServiceRow } from './queries';
import { earliestDay } from './seed';
import { pickText, type ServiceContext } from '../../core';
import { LOCALES } from '#lib/i18n/locales';
import type { MessageKey } from '#lib/i18n/messages';

/**
 * What the care module answers, as zod schemas: each view's TypeScript type is its `z.infer`, and
 * openapi.ts documents the API from the same schemas.
 */

/** An entry not confirmed for this many months shows a warning and returns to the review queue. */
export const STALE_AFTER_MONTHS = 6;

export const pickedTextView = z.object({
	text: z.string(),
	/** The locale the text is actually in. */
	locale: z.enum(LOCALES),
	/** True when the text is not in the requested locale (the page says so). */
	fallback: z.boolean(),
	/** True when the text is an automatic translation nobody has checked yet (the page says so). */
	draft: z.boolean()
});

export const phoneView = z.object({
	display: z.string().describe('Exactly as the operator or source writes it.'),
	tel: z.string().nullable().describe('tel: address when dialable as one number.')
});
export type Phone = z.infer<typeof phoneView>;

export const careSourceView = z.object({
	url: z.string().nullable(),
	note: z.string().nullable().describe("The source's own note (as collected)."),
	date: z.string().nullable().describe('As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.')
});

export const serviceView = z.object({
	id: z.string(),
	country: z.string(),
	kind: z.enum(CARE_KINDS),
	name: pickedTextView,
	phones: z.array(phoneView),
	hours: pickedTextView.nullable(),
	cost: pickedTextView.nullable(),
	languages: z.array(z.string()).nullable(),
	regions: z.array(z.string()).nullable().describe('ISO 3166-2 codes served; null = the whole country.'),
	operator: pickedTextView.nullable(),
	address: pickedTextView.nullable().describe('Only where the operator publishes it.'),
	audience: pickedTextView.nullable(),
	offers: pickedTextView.nullable(),
	note: pickedTextView.nullable(),
	sources: z.array(careSourceView),
	confidence: z.enum(CARE_CONFIDENCE),
	lastConfirmed: z
		.object({
			on: z.iso.date(),
			asGiven: z
				.string()
				.describe(
					'As precise as the confirmation: a seed entry dated by a source that only gives a year says `2025`.'
				),
			method: z.enum(CARE_METHODS),
			by: z.enum(['source', 'editor'])
		})
		.nullable(),
	stale: z.boolean().describe('Not confirmed for six months: may have changed.'),
	demo: z.boolean()
});
export type ServiceView = z.infer<typeof serviceView>;

export const countryHelpView = z.object({
	country: z.string(),
	region: z.string().nullable(),
	/** Emergency and police numbers, first. */
	emergency: z.array(serviceView),
	others: z.array(serviceView),
	/** True when at least one published entry has a phone number. */
	hasConfirmedPhone: z.boolean(),
	/** Plain-language facts about the law and public help (rights.ts), each with its sources. */
	rights: z.array(
		z.object({
			key: z.custom<MessageKey>((v) => typeof v === 'string' && v.startsWith('care_rights_')),
			sources: z.array(careSourceView)
		})
	)
});
export type CountryHelp = z.infer<typeof countryHelpView>;

export const queueItemView = serviceView.extend({
	state: z.enum(CARE_STATES),
	reason: z.string().nullable(),
	/** The day the entry became (or becomes) stale; null when never confirmed. */
	staleFrom: z.iso.date().nullable()
});
export type QueueItem = z.infer<typeof queueItemView>;

/** GET /api/v1/care/services. */
export const careServicesApi = z.object({ services: z.array(serviceView) });
export type CareServicesApi = z.infer<typeof careServicesApi>;

/** The API's schemas under their component names in /api/v1/openapi.json. */
export const API_SCHEMAS = {
	CareText: pickedTextView,
	CarePhone: phoneView,
	CareSourceRef: careSourceView,
	CareService: serviceView,
	CareServices: careServicesApi
} as const;

/* --------------------------------------------------------------- builders */

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

/** A `tel:` address when the text is one dialable number; null otherwise (shown, not linked). */
export function phoneLink(display: string): Phone {
	const dialable = /^\+?[0-9][0-9\s\-().]*$/.test(display.trim());
	const digits = display.replace(/[^\d+]/g, '');
	return { display, tel: dialable && digits.length >= 2 ? `tel:${digits}` : null };
}

/** The confirmation date as precise as its source: `2025` rather than 1 January 2025. */
function asGiven(r: ServiceRow): string {
	const on = r.lastConfirmedOn!;
	if (r.lastConfirmedBy || r.lastConfirmedMethod !== 'source') return on;
	const match = r.sources.map((s) => s.date).find((d) => d && earliestDay(d) === on);
	return match ?? on;
}

export function toServiceView(ctx: ServiceContext, r: ServiceRow): ServiceView {
	const pick = (v: ServiceRow['hours']) => pickText(v, ctx.locale);
	return {
		id: r.id,
		country: r.country,
		kind: r.kind,
		name: pick(r.name) ?? { text: r.id, locale: 'en', fallback: true, draft: false },
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
		/*
		 * `on` is a full date; `asGiven` is as precise as the confirmation really is (a seed entry
		 * dated by a source that only gives `2025` is confirmed as of `2025`, stored as 2025-01-01).
		 */
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

export function toQueueItem(ctx: ServiceContext, r: ServiceRow): QueueItem {
	const v = toServiceView(ctx, r);
	const reason = r.state === 'published' ? (v.stale ? 'care_reason_stale' : null) : r.reviewReason;
	return { ...v, state: r.state, reason, staleFrom: r.lastConfirmedOn ? staleFrom(r.lastConfirmedOn) : null };
}
