import { and, eq } from 'drizzle-orm';
import {
	agenda,
	coalition,
	initiative,
	recommendation,
	source,
	timelineEntry,
	type Barrier,
	type InstrumentType,
	type ItemKind,
	type ReportedFigure,
	type Status
} from './schema';
import type { Seed } from '../../core/registry';
import type { I18nText } from '../../core/text';
import data from '../../../../../seed/coalitions.json';

/**
 * Seeds the four coalitions exactly as seed/coalitions.json reports them: names, founding, reported
 * figures and leadership with their sources, and each reported outcome with one timeline entry for
 * its reported status, the source as its evidence. Nothing the file leaves null is filled in.
 */

interface SeedOutcome {
	title: string;
	status: string;
	statusText: string;
	date: string | null;
	instrument: { type: string; body: string; reference: string | null } | null;
	source: string;
	recommendationsTotal?: number;
	recommendationsAdopted?: number;
}

/** The source's status words → Birge's statuses (the source's word is kept beside it). */
const STATUS_MAP: Record<string, Status> = {
	in_progress: 'under_consideration',
	adopted: 'adopted',
	done: 'implemented',
	drafted: 'drafting'
};

const INSTRUMENT_MAP: Record<string, InstrumentType> = {
	law: 'law',
	decree: 'decree',
	'state program': 'state_program',
	'ministerial rules': 'ministerial_rules'
};

/**
 * How Birge files each reported outcome: its kind and barrier. This is Birge's classification
 * (the sources do not use these categories), keyed by coalition and position in the file.
 * - KZ manuals were produced by the coalition itself: a coalition output, not a government decision.
 * - TJ "10 of 12" is an aggregate outcome: the individual recommendations are not published.
 */
const CLASSIFICATION: Record<string, { kind: ItemKind; barrier: Barrier }[]> = {
	kg: [{ kind: 'recommendation', barrier: 'other' }],
	kz: [
		{ kind: 'recommendation', barrier: 'finance' },
		{ kind: 'coalition_output', barrier: 'other' },
		{ kind: 'recommendation', barrier: 'gbv' }
	],
	tj: [
		{ kind: 'aggregate', barrier: 'other' },
		{ kind: 'recommendation', barrier: 'other' }
	],
	uz: [{ kind: 'recommendation', barrier: 'gbv' }]
};

/** A source's stored title: the publication's title, then its publisher when the file names one. */
export const sourceTitle = (title: string, publisher?: string | null) =>
	publisher ? `${title} — ${publisher}` : title;

/** The initiative's one row. */
export const INITIATIVE_ID = 'wage';

export function seededItemId(slug: string, index: number) {
	return `${slug}-reported-${index + 1}`;
}

export const coalitionsSeed: Seed = {
	name: 'coalitions.reported',
	// Version 2 of coalitions.json: sources by their public title and publisher (no file paths or
	// internal labels); re-running updates the seed's own fields, never what people recorded.
	version: '2',
	kind: 'reference',
	async run(ctx) {
		for (const [key, s] of Object.entries(
			data.sources as Record<string, { title: string; publisher?: string | null; url: string | null }>
		)) {
			const title = sourceTitle(s.title, s.publisher);
			await ctx.db
				.insert(source)
				.values({ key, title, url: s.url })
				.onConflictDoUpdate({ target: source.key, set: { title, url: s.url } });
		}
		const { name, ...rest } = data.initiative;
		await ctx.db
			.insert(initiative)
			.values({ id: INITIATIVE_ID, name, data: rest })
			.onConflictDoUpdate({ target: initiative.id, set: { name, data: rest } });
		for (const c of data.coalitions) {
			const id = `coalition-${c.slug}`;
			const values = {
				id,
				slug: c.slug,
				country: c.country,
				name: c.name as I18nText,
				founded: c.founded ?? null,
				reported: c.reported as ReportedFigure[],
				leadership: 'leadership' in c ? (c.leadership ?? null) : null,
				partnerOf: 'partnerOf' in c ? (c.partnerOf ?? null) : null,
				createdAt: ctx.clock(),
				updatedAt: ctx.clock()
			};
			await ctx.db
				.insert(coalition)
				.values(values)
				.onConflictDoUpdate({
					target: coalition.id,
					set: {
						name: values.name,
						founded: values.founded,
						reported: values.reported,
						leadership: values.leadership,
						partnerOf: values.partnerOf
					}
				});
			const outcomes = c.outcomes as SeedOutcome[];
			for (const [index, o] of outcomes.entries()) {
				const itemId = seededItemId(c.slug, index);
				const cls = CLASSIFICATION[c.slug]?.[index] ?? { kind: 'recommendation', barrier: 'other' };
				const status = STATUS_MAP[o.status];
				if (!status) throw new Error(`coalitions seed: unknown status ${o.status}`);
				const aggregate = cls.kind === 'aggregate';
				const total = aggregate ? (o.recommendationsTotal ?? null) : null;
				const adopted = aggregate ? (o.recommendationsAdopted ?? null) : null;
				const progress = aggregate && total ? Math.round(((adopted ?? 0) / total) * 100) : null;
				const instrument = o.instrument
					? {
							type: INSTRUMENT_MAP[o.instrument.type] ?? 'other',
							name: o.instrument.reference,
							number: null,
							date: null,
							clause: null,
							body: o.instrument.body
						}
					: null;
				const inserted = await ctx.db
					.insert(recommendation)
					.values({
						id: itemId,
						coalitionId: id,
						agendaId: null,
						kind: cls.kind,
						barrier: cls.barrier,
						title: { en: o.title },
						text: {},
						targetBody: o.instrument?.body ?? null,
						status,
						progress,
						aggregateTotal: total,
						aggregateAdopted: adopted,
						sourceKey: o.source,
						demo: false,
						createdBy: null,
						createdAt: ctx.clock(),
						updatedAt: ctx.clock()
					})
					.onConflictDoNothing()
					.returning({ id: recommendation.id });
				if (!inserted.length) continue; // already seeded; its timeline is append-only
				await ctx.db.insert(timelineEntry).values({
					id: `${itemId}-entry-1`,
					recommendationId: itemId,
					date: o.date,
					status,
					reportedStatus: o.status === status ? null : o.status,
					progress,
					aggregateTotal: total,
					aggregateAdopted: adopted,
					note: { en: o.statusText },
					evidenceSourceKey: o.source,
					instrument,
					createdBy: null,
					createdAt: ctx.clock()
				});
			}
		}
	}
};

/**
 * Demo content to show the workflow on a fresh install: a demo agenda for the Kyrgyz coalition
 * with three demo recommendations at drafting. Labelled demo wherever shown; never counted in the
 * adoption figures.
 */
const DEMO_ITEMS: { barrier: Barrier; title: I18nText; targetBody: string }[] = [
	{
		barrier: 'finance',
		title: {
			en: 'Demo: Lower collateral requirements for micro-loans to women-led businesses',
			ru: 'Демо: Снизить требования к залогу по микрокредитам для бизнеса женщин',
			ky: 'Демо: Аялдардын бизнесине микрокредит боюнча күрөө талаптарын азайтуу'
		},
		targetBody: 'Demo: National Bank'
	},
	{
		barrier: 'information',
		title: {
			en: 'Demo: One public register of state support programs for women entrepreneurs',
			ru: 'Демо: Единый открытый реестр программ господдержки для женщин-предпринимателей',
			ky: 'Демо: Ишкер аялдар үчүн мамлекеттик колдоо программаларынын бирдиктүү ачык реестри'
		},
		targetBody: 'Demo: Ministry of Economy'
	},
	{
		barrier: 'financial_literacy',
		title: {
			en: 'Demo: Financial literacy modules in vocational schools',
			ru: 'Демо: Модули финансовой грамотности в профессиональных училищах',
			ky: 'Демо: Кесиптик окуу жайларында каржылык сабаттуулук модулдары'
		},
		targetBody: 'Demo: Ministry of Education'
	}
];

export const coalitionsDemoSeed: Seed = {
	name: 'coalitions.demo',
	version: '1',
	kind: 'demo',
	async run(ctx) {
		const agendaId = 'demo-agenda-kg';
		const [exists] = await ctx.db
			.select()
			.from(agenda)
			.where(and(eq(agenda.id, agendaId)));
		if (exists) return;
		await ctx.db.insert(agenda).values({
			id: agendaId,
			coalitionId: 'coalition-kg',
			title: {
				en: 'Demo agenda (not real)',
				ru: 'Демо-повестка (не настоящая)',
				ky: 'Демо күн тартиби (чыныгы эмес)'
			},
			demo: true,
			createdAt: ctx.clock()
		});
		for (const [i, item] of DEMO_ITEMS.entries()) {
			const id = `demo-kg-rec-${i + 1}`;
			await ctx.db.insert(recommendation).values({
				id,
				coalitionId: 'coalition-kg',
				agendaId,
				kind: 'recommendation',
				barrier: item.barrier,
				title: item.title,
				text: {},
				targetBody: item.targetBody,
				status: 'drafting',
				demo: true,
				createdAt: ctx.clock(),
				updatedAt: ctx.clock()
			});
			await ctx.db.insert(timelineEntry).values({
				id: `${id}-entry-1`,
				recommendationId: id,
				date: null,
				status: 'drafting',
				note: {
					en: 'Demo recommendation, added to show the workflow.',
					ru: 'Демо-рекомендация для показа работы.'
				},
				createdAt: ctx.clock()
			});
		}
	}
};
