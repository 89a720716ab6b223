import { careConfirmation, careService, type CareConfidence, type CareKind, type CareSource } from './schema';
import type { Seed } from '../../core/registry';
import { carryProvenance, type I18nText } from '../../core/text';
import type { ServiceContext } from '../../core/context';
import { confirmationsOf, insertConfirmation, serviceById, updateService } from './queries';
import data from '../../../../../seed/care-services.json';

/**
 * Seeds the directory from seed/care-services.json (published research, provenance in its "about";
 * version 2, re-checked 2026-12-01).
 * Rules: only `publish: true` entries with confidence A or B may be shown, and each is recorded as
 * confirmed by its sources, dated by the newest date those sources carry (method "source"). An A/B
 * entry whose sources carry no date has no confirmation to record and waits in the review queue;
 * C entries wait in the queue; X (expired) entries are retired. Phone numbers are copied exactly.
 */

export interface SeedService {
	id: string;
	country: string;
	kind: string;
	name: Record<string, string>;
	phone: string | null;
	hours: string | null;
	cost: string | null;
	audience: string | null;
	services: string | null;
	operator: string | null;
	address: string | null;
	note: string | null;
	sources: { url: string | null; note: string | null }[];
	confidence: string;
	publish: boolean;
}

/**
 * Regions served, where the seed's own name of a local service places it (ISO 3166-2). Every other
 * entry serves the whole country.
 */
const REGIONS: Record<string, string[]> = {
	// "Crisis Center Ghamkhori (Bokhtar, Khatlon)"
	'tj-ghamkhori-crisis-centre': ['TJ-KT'],
	// "Gulrukhsor women's centre, Khujand" (Sughd region)
	'tj-gulrukhsor-khujand': ['TJ-SU']
};

/** A date at the start of a source's note: `2023-10-16, citing…`, `2025: 47,302 calls`, `2018, …`. */
export function dateFromNote(note: string | null): string | null {
	const m = note?.match(/^((?:19|20)\d{2})(?:-(\d{2}))?(?:-(\d{2}))?(?=$|[\s,:;.)])/);
	if (!m) return null;
	return [m[1], m[2], m[2] && m[3]].filter(Boolean).join('-');
}

/** A date in a news address: `/2023/08/11/…` or `/2016/10/…` (a bare year is not trusted). */
export function dateFromUrl(url: string | null): string | null {
	const m = url?.match(/\/((?:19|20)\d{2})\/(\d{2})\/(?:(\d{2})\/)?/);
	if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
	return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

/** `2025` → `2025-01-01`, `2016-10` → `2016-10-01`: the earliest day the source allows. */
export function earliestDay(date: string): string {
	const [y, m = '01', d = '01'] = date.split('-');
	return `${y}-${m}-${d}`;
}

/** Sources with their dates: from the note, else the address, else the same address elsewhere. */
export function datedSources(services: SeedService[]): Map<string, CareSource[]> {
	const byUrl = new Map<string, string>();
	const first = services.map((s) =>
		s.sources.map((src) => {
			const date = dateFromNote(src.note) ?? dateFromUrl(src.url);
			if (date && src.url && !byUrl.has(src.url)) byUrl.set(src.url, date);
			return { url: src.url, note: src.note, date };
		})
	);
	return new Map(
		services.map((s, i) => [
			s.id,
			first[i].map((src) => ({ ...src, date: src.date ?? (src.url ? (byUrl.get(src.url) ?? null) : null) }))
		])
	);
}

const en = (value: string | null): I18nText | null => (value ? { en: value } : null);

export interface SeedPlan {
	service: typeof careService.$inferInsert;
	confirmation: typeof careConfirmation.$inferInsert | null;
}

export function seedPlan(services: SeedService[] = data.services as SeedService[]): SeedPlan[] {
	const sources = datedSources(services);
	return services.map((s) => {
		const dated = sources.get(s.id) ?? [];
		const confidence = s.confidence as CareConfidence;
		const days = dated.map((d) => d.date && earliestDay(d.date)).filter((d): d is string => !!d);
		const newest = days.sort().at(-1) ?? null;
		const phones = s.phone ? [s.phone] : [];
		const confirmable = s.publish && (confidence === 'A' || confidence === 'B');
		const published = confirmable && newest !== null;
		const state = confidence === 'X' ? 'retired' : published ? 'published' : 'review';
		const reason =
			state === 'published'
				? null
				: confidence === 'X'
					? 'care_reason_expired'
					: confirmable
						? 'care_reason_no_dated_source'
						: 'care_reason_unverified';
		return {
			service: {
				id: s.id,
				country: s.country,
				kind: s.kind as CareKind,
				name: s.name,
				phones,
				hours: en(s.hours),
				cost: en(s.cost),
				languages: null,
				regions: REGIONS[s.id] ?? null,
				operator: en(s.operator),
				address: en(s.address),
				audience: en(s.audience),
				offers: en(s.services),
				note: en(s.note),
				sources: dated,
				confidence,
				state,
				reviewReason: reason,
				lastConfirmedOn: published ? newest : null,
				lastConfirmedBy: null,
				lastConfirmedMethod: published ? 'source' : null
			},
			confirmation: published
				? {
						serviceId: s.id,
						action: 'confirmed' as const,
						confirmedOn: newest!,
						method: 'source' as const,
						byUserId: null,
						note: 'seed/care-services.json: confidence ' + confidence,
						phones
					}
				: null
		};
	});
}

/**
 * Version 2 (seed/care-services.json re-checked 2026-12-01) applied to a database seeded before:
 * - a new entry is added as version 1 adds entries;
 * - an entry an editor has acted on (her confirmation or withdrawal is the newest in its history) keeps
 *   its state and confirmation: only its sources, confidence and seed texts are brought up to date,
 *   and an entry she withdrew is never published again by the seed;
 * - an entry only the seed has confirmed follows the new data: published when it now has a dated
 *   source (a confirmation by source is appended), back to review when it has lost one (a withdrawal
 *   by the seed is appended), re-confirmed when its newest source is newer.
 * Texts keep their translations and every text a person changed (core carryProvenance).
 */
export async function applySeedPlan(ctx: ServiceContext, plan: SeedPlan[] = seedPlan()) {
	const today = ctx.clock().toISOString().slice(0, 10);
	for (const { service, confirmation } of plan) {
		const existing = await serviceById(ctx.db, service.id);
		if (!existing) {
			await ctx.db.insert(careService).values({ ...service, createdAt: ctx.clock(), updatedAt: ctx.clock() });
			if (confirmation) await insertConfirmation(ctx.db, { ...confirmation, createdAt: ctx.clock() });
			continue;
		}
		const texts: Partial<typeof careService.$inferInsert> = {};
		const carry = { by: null, at: ctx.clock(), seed: true };
		for (const f of TEXT_FIELDS) {
			const next = service[f] as I18nText | null | undefined;
			if (next) texts[f] = carryProvenance(existing[f], next, carry) as never;
		}
		const common = {
			...texts,
			sources: service.sources,
			confidence: service.confidence,
			updatedAt: ctx.clock()
		};
		const [latest] = await confirmationsOf(ctx.db, service.id);
		const editorActed = !!latest?.byUserId;
		if (editorActed || existing.state === 'retired') {
			await updateService(ctx.db, service.id, common);
			continue;
		}
		if (service.state === 'published' && confirmation) {
			const newer = !existing.lastConfirmedOn || existing.lastConfirmedOn < confirmation.confirmedOn;
			await updateService(ctx.db, service.id, {
				...common,
				state: 'published',
				reviewReason: null,
				...(newer || existing.state !== 'published'
					? {
							lastConfirmedOn: confirmation.confirmedOn,
							lastConfirmedBy: null,
							lastConfirmedMethod: 'source' as const,
							phones: service.phones
						}
					: {})
			});
			if (newer || existing.state !== 'published')
				await insertConfirmation(ctx.db, { ...confirmation, createdAt: ctx.clock() });
		} else if (service.state !== 'published') {
			await updateService(ctx.db, service.id, {
				...common,
				state: service.state,
				reviewReason: service.reviewReason
			});
			if (existing.state === 'published')
				await insertConfirmation(ctx.db, {
					serviceId: service.id,
					action: 'withdrawn',
					confirmedOn: today,
					method: 'source',
					byUserId: null,
					note: `seed/care-services.json version 2: confidence ${service.confidence}, no dated source`,
					phones: existing.phones,
					createdAt: ctx.clock()
				});
		}
	}
}

const TEXT_FIELDS = ['name', 'hours', 'cost', 'operator', 'address', 'audience', 'offers', 'note'] as const;

export const careSeed: Seed = {
	name: 'care.services',
	version: '2',
	kind: 'reference',
	run: (ctx) => applySeedPlan(ctx)
};
