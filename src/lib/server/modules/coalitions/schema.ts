import {
	type AnyPgColumn,
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../core/text';
import { authUser, organization } from '../accounts/schema';

/** The seven barriers a National Women's Business Agenda groups its recommendations by. */
export const BARRIERS = [
	'finance',
	'information',
	'financial_literacy',
	'gbv',
	'legal_regulatory',
	'markets',
	'other'
] as const;
export type Barrier = (typeof BARRIERS)[number];

/** Accountability statuses, in the order a recommendation normally moves through them. */
export const STATUSES = [
	'drafting',
	'endorsed',
	'submitted',
	'under_consideration',
	'partially_adopted',
	'adopted',
	'implemented',
	'declined'
] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses counted as "adopted or implemented". */
export const ADOPTED_STATUSES: readonly Status[] = ['adopted', 'implemented'];

export const INSTRUMENT_TYPES = ['law', 'decree', 'state_program', 'ministerial_rules', 'other'] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];

/**
 * Kinds of tracked items: a single recommendation; an aggregate outcome known only as "N of M"
 * (first-class, for when the individual recommendations are not published); a coalition's own
 * output (a manual, a study) that is reported but is not a decision of government, so it is not
 * counted in "adopted or implemented".
 */
export const ITEM_KINDS = ['recommendation', 'aggregate', 'coalition_output'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const COUNCIL_ROLES = ['chair', 'coordinator', 'member'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

export const MEMBER_STATUSES = ['pending', 'member', 'declined', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** A figure as a source reported it (never the count of organizations registered in Birge). */
export interface ReportedFigure {
	members?: number | null;
	womenRepresented?: number | null;
	/** Key into coalitions_source. */
	source: string;
	note?: string | null;
	date?: string | null;
}

export interface ReportedValue {
	value: string;
	source: string;
	note?: string | null;
}

export interface Instrument {
	type: InstrumentType;
	/** The instrument's title, as the source or the coordinator gives it. */
	name: string | null;
	number?: string | null;
	/** YYYY, YYYY-MM or YYYY-MM-DD. */
	date?: string | null;
	clause?: string | null;
	/** Who adopted it (a ministry, the government, parliament). */
	body?: string | null;
}

/** Sources that published figures and outcomes (seed documents, reports, articles). */
export const source = pgTable('coalitions_source', {
	key: text('key').primaryKey(),
	title: text('title').notNull(),
	url: text('url')
});

/** The programme the coalitions were formed under, with its reported figures (one row). */
export const initiative = pgTable('coalitions_initiative', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	data: jsonb('data').$type<Record<string, unknown>>().notNull()
});

export const coalition = pgTable(
	'coalitions_coalition',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		country: text('country').notNull(),
		name: jsonb('name').$type<I18nText>().notNull(),
		/** Profile text per locale. */
		profile: jsonb('profile').$type<I18nText>().notNull().default({}),
		founded: jsonb('founded').$type<ReportedValue | null>(),
		reported: jsonb('reported').$type<ReportedFigure[]>().notNull().default([]),
		/** Reported leadership (a person named by a source; not a Birge account). */
		leadership: jsonb('leadership').$type<{ role: string; person: string; source: string } | null>(),
		partnerOf: text('partner_of'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('coalitions_coalition_country_idx').on(t.country)]
);

/** Coordination council: Birge users with a role in one coalition. */
export const council = pgTable(
	'coalitions_council',
	{
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id),
		userId: text('user_id').notNull(),
		role: text('role').$type<CouncilRole>().notNull(),
		displayName: text('display_name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.coalitionId, t.userId] }),
		index('coalitions_council_user_idx').on(t.userId)
	]
);

export interface MemberContacts {
	person?: string | null;
	email?: string | null;
	phone?: string | null;
}

/**
 * An organization's membership of a coalition, from its join request to its leaving. One open
 * (pending or member) row per organization and coalition; earlier rows stay as history.
 */
export const member = pgTable(
	'coalitions_member',
	{
		id: text('id').primaryKey(),
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id),
		organizationId: text('organization_id').references(() => organization.id),
		/** For a request from an organization not yet in Birge: created when a coordinator approves. */
		proposedOrganization: jsonb('proposed_organization').$type<{
			name: string;
			kind: string;
		} | null>(),
		status: text('status').$type<MemberStatus>().notNull(),
		orgType: text('org_type').notNull(),
		region: text('region'),
		womenRepresented: integer('women_represented'),
		barriers: jsonb('barriers').$type<Barrier[]>().notNull().default([]),
		/** Shown to the coalition's members and coordinators only. */
		contacts: jsonb('contacts').$type<MemberContacts>().notNull().default({}),
		/** Consent to appear in the public directory. */
		listed: boolean('listed').notNull().default(false),
		message: text('message'),
		requestedBy: text('requested_by').notNull(),
		requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
		reviewedBy: text('reviewed_by'),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewNote: text('review_note'),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(t) => [
		index('coalitions_member_coalition_idx').on(t.coalitionId, t.status),
		uniqueIndex('coalitions_member_open_idx')
			.on(t.coalitionId, t.organizationId)
			.where(sql`${t.status} in ('pending', 'member') and ${t.organizationId} is not null`)
	]
);

/** An agenda (e.g. "NWBA 2023"). */
export const agenda = pgTable('coalitions_agenda', {
	id: text('id').primaryKey(),
	coalitionId: text('coalition_id')
		.notNull()
		.references(() => coalition.id),
	title: jsonb('title').$type<I18nText>().notNull(),
	demo: boolean('demo').notNull().default(false),
	createdBy: text('created_by'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A published version of an agenda: a snapshot of its recommendations at that moment. */
export const agendaVersion = pgTable(
	'coalitions_agenda_version',
	{
		id: text('id').primaryKey(),
		agendaId: text('agenda_id')
			.notNull()
			.references(() => agenda.id),
		number: integer('number').notNull(),
		note: text('note'),
		snapshot: jsonb('snapshot')
			.$type<{ id: string; barrier: string; title: I18nText; text: I18nText }[]>()
			.notNull(),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('coalitions_agenda_version_number_idx').on(t.agendaId, t.number)]
);

/**
 * A tracked item: a recommendation, an aggregate outcome or a coalition output. `status`,
 * `progress` and the aggregate counts are the latest timeline entry's, kept here for listing.
 */
export const recommendation = pgTable(
	'coalitions_recommendation',
	{
		id: text('id').primaryKey(),
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id),
		agendaId: text('agenda_id').references(() => agenda.id),
		kind: text('kind').$type<ItemKind>().notNull(),
		barrier: text('barrier').$type<Barrier>().notNull(),
		title: jsonb('title').$type<I18nText>().notNull(),
		text: jsonb('text').$type<I18nText>().notNull().default({}),
		targetBody: text('target_body'),
		status: text('status').$type<Status>().notNull(),
		progress: integer('progress'),
		aggregateTotal: integer('aggregate_total'),
		aggregateAdopted: integer('aggregate_adopted'),
		/** Reported by a source (seeded) rather than entered in Birge. */
		sourceKey: text('source_key'),
		demo: boolean('demo').notNull().default(false),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('coalitions_recommendation_coalition_idx').on(t.coalitionId, t.barrier)]
);

export const proposer = pgTable(
	'coalitions_proposer',
	{
		recommendationId: text('recommendation_id')
			.notNull()
			.references(() => recommendation.id),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id)
	},
	(t) => [primaryKey({ columns: [t.recommendationId, t.organizationId] })]
);

/** One endorsement per member organization and recommendation. */
export const endorsement = pgTable(
	'coalitions_endorsement',
	{
		recommendationId: text('recommendation_id')
			.notNull()
			.references(() => recommendation.id),
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id),
		userId: text('user_id').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.recommendationId, t.organizationId] })]
);

/** The members-only discussion of a recommendation. */
export const comment = pgTable(
	'coalitions_comment',
	{
		id: text('id').primaryKey(),
		recommendationId: text('recommendation_id')
			.notNull()
			.references(() => recommendation.id),
		userId: text('user_id').notNull(),
		authorName: text('author_name').notNull(),
		organizationId: text('organization_id'),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('coalitions_comment_rec_idx').on(t.recommendationId, t.createdAt)]
);

/** Uploaded evidence documents; the bytes live in BIRGE_DATA_DIR/files/<id>. */
export const file = pgTable('coalitions_file', {
	id: text('id').primaryKey(),
	coalitionId: text('coalition_id')
		.notNull()
		.references(() => coalition.id),
	name: text('name').notNull(),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	uploadedBy: text('uploaded_by').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * The timeline of a tracked item. APPEND-ONLY: the services have no update or delete path and a
 * database trigger (custom migration) refuses UPDATE, DELETE and TRUNCATE. A correction is a new
 * entry naming, in `corrects_id`, the entry it corrects.
 */
export const timelineEntry = pgTable(
	'coalitions_timeline_entry',
	{
		id: text('id').primaryKey(),
		/** Insertion order (the newest entry defines the current status). */
		seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
		recommendationId: text('recommendation_id')
			.notNull()
			.references(() => recommendation.id),
		/** When it happened: YYYY, YYYY-MM or YYYY-MM-DD; null when the source gives no date. */
		date: text('date'),
		status: text('status').$type<Status>().notNull(),
		/** The status word the source used, when it is not one of Birge's (e.g. "in_progress"). */
		reportedStatus: text('reported_status'),
		progress: integer('progress'),
		aggregateTotal: integer('aggregate_total'),
		aggregateAdopted: integer('aggregate_adopted'),
		note: jsonb('note').$type<I18nText>().notNull().default({}),
		evidenceUrl: text('evidence_url'),
		evidenceFileId: text('evidence_file_id').references(() => file.id),
		evidenceSourceKey: text('evidence_source_key').references(() => source.key),
		instrument: jsonb('instrument').$type<Instrument | null>(),
		correctsId: text('corrects_id').references((): AnyPgColumn => timelineEntry.id),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('coalitions_timeline_rec_idx').on(t.recommendationId, t.seq)]
);

/* Following a coalition (follow.ts). */

/** Who follows a coalition's accountability timeline, and how she wants each new entry: e-mail or Telegram. */
export const coalitionFollow = pgTable(
	'coalitions_follow',
	{
		coalitionId: text('coalition_id')
			.notNull()
			.references(() => coalition.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		channel: text('channel').$type<'email' | 'telegram'>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.coalitionId, t.userId] })]
);
