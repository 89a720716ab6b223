import {
	bigint,
	bigserial,
	boolean,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { I18nText } from '../../core/text';
import type { SurveyItem } from './xlsform';

/** Kinds of campaign content (issue 16, item 1). */
export const STORY_KINDS = [
	'interview',
	'skit',
	'video',
	'success_story',
	'article',
	'radio_spot',
	'tv_segment',
	'post'
] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

/** The barriers campaign content addresses. */
export const STORY_BARRIERS = ['finance', 'information', 'literacy', 'violence'] as const;
export type StoryBarrier = (typeof STORY_BARRIERS)[number];

/**
 * Channels reach is counted on. `social_media` and `radio_tv` are the groups the initiative reported
 * its figures under (seeded "as reported"); new figures are entered per channel.
 */
export const CHANNELS = [
	'facebook',
	'instagram',
	'telegram',
	'youtube',
	'radio',
	'tv',
	'print',
	'event',
	'social_media',
	'radio_tv'
] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels whose audience figures are estimates by nature (broadcast ratings, print runs). */
export const ESTIMATED_CHANNELS: readonly Channel[] = ['radio', 'tv', 'radio_tv', 'print'];

/** Countries impact works in; `RG` is the region as a whole (figures reported region-wide). */
export const IMPACT_COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;
export const REGION = 'RG';

export const DIMENSIONS = ['sex', 'age_band', 'region', 'disability', 'urban_rural'] as const;

export const NUMERIC_TYPES = ['integer', 'decimal', 'percent'] as const;
export const DIRECTIONS = ['increase', 'decrease'] as const;
export const VALUE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const WAVE_KINDS = ['baseline', 'endline'] as const;
export const RESPONSE_MODES = ['web', 'enumerator', 'import'] as const;

/** A person featured in a story, with her consent as recorded. */
export interface FeaturedPerson {
	name: string;
	/** She agreed to be featured. */
	consent: boolean;
	/** Her name may be shown publicly (false: "not public", never shown outside the coordinators' screens). */
	public: boolean;
}

export const story = pgTable(
	'impact_story',
	{
		id: text('id').primaryKey(),
		kind: text('kind').$type<StoryKind>().notNull(),
		/** KG, KZ, TJ, UZ or RG (region-wide). */
		country: text('country').notNull(),
		title: jsonb('title').$type<I18nText>().notNull(),
		summary: jsonb('summary').$type<I18nText>().notNull().default({}),
		channels: jsonb('channels').$type<Channel[]>().notNull().default([]),
		date: date('date', { mode: 'string' }).notNull(),
		link: text('link'),
		/** core_file id of an uploaded file (private, read through the module's read check). */
		fileId: text('file_id'),
		people: jsonb('people').$type<FeaturedPerson[]>().notNull().default([]),
		barrier: text('barrier').$type<StoryBarrier>(),
		/** The featured maker's shop, as a plain slug (shops reads its own tables). */
		shopSlug: text('shop_slug'),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('impact_story_country_date_idx').on(t.country, t.date)]
);

/** Reach figures: per story or campaign, channel, country and period; append-only corrections by new rows. */
export const reach = pgTable(
	'impact_reach',
	{
		id: text('id').primaryKey(),
		storyId: text('story_id').references(() => story.id),
		campaign: text('campaign'),
		channel: text('channel').$type<Channel>().notNull(),
		country: text('country').notNull(),
		/** YYYY, YYYY-Qn or YYYY-MM; null when the source gives no period. */
		period: text('period'),
		impressions: bigint('impressions', { mode: 'number' }),
		reach: bigint('reach', { mode: 'number' }),
		engagements: bigint('engagements', { mode: 'number' }),
		views: bigint('views', { mode: 'number' }),
		/** An estimate (radio and TV audiences), not a platform's count. */
		estimate: boolean('estimate').notNull().default(false),
		/** A figure as the initiative reported it (seeded), not measured by Birge. */
		asReported: boolean('as_reported').notNull().default(false),
		source: text('source').notNull(),
		createdBy: text('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('impact_reach_country_channel_idx').on(t.country, t.channel)]
);

export const result = pgTable('impact_result', {
	id: text('id').primaryKey(),
	title: jsonb('title').$type<I18nText>().notNull(),
	position: integer('position').notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const indicator = pgTable('impact_indicator', {
	id: text('id').primaryKey(),
	resultId: text('result_id')
		.notNull()
		.references(() => result.id),
	title: jsonb('title').$type<I18nText>().notNull(),
	definition: jsonb('definition').$type<I18nText>().notNull().default({}),
	unit: text('unit').notNull(),
	numericType: text('numeric_type').$type<(typeof NUMERIC_TYPES)[number]>().notNull(),
	direction: text('direction').$type<(typeof DIRECTIONS)[number]>().notNull(),
	/** A module's registered indicator (`coalitions.recommendations_adopted`) read from snapshots, or null: entered. */
	moduleIndicator: text('module_indicator'),
	dimensions: jsonb('dimensions').$type<string[]>().notNull().default([]),
	baselineValue: doublePrecision('baseline_value'),
	baselinePeriod: text('baseline_period'),
	position: integer('position').notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const target = pgTable(
	'impact_target',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicator.id),
		period: text('period').notNull(),
		country: text('country').notNull(),
		value: doublePrecision('value').notNull()
	},
	(t) => [uniqueIndex('impact_target_unique').on(t.indicatorId, t.period, t.country)]
);

/** Disaggregated parts of an entered value: dimension → dimension value → number. */
export type ValueParts = Record<string, Record<string, number>>;

/**
 * An entered value (a total and/or its disaggregated parts, with evidence), approved by a second
 * coordinator. Approved rows are frozen by a trigger: a correction is a new entry.
 */
export const value = pgTable(
	'impact_value',
	{
		id: text('id').primaryKey(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicator.id),
		period: text('period').notNull(),
		country: text('country').notNull(),
		total: doublePrecision('total'),
		parts: jsonb('parts').$type<ValueParts>().notNull().default({}),
		/** Dimensions whose parts do not add up to the total. */
		flags: jsonb('flags').$type<string[]>().notNull().default([]),
		evidence: text('evidence').notNull(),
		evidenceUrl: text('evidence_url'),
		status: text('status').$type<ValueStatus>().notNull().default('pending'),
		enteredBy: text('entered_by').notNull(),
		enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
		decidedBy: text('decided_by'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decisionNote: text('decision_note')
	},
	(t) => [index('impact_value_lookup_idx').on(t.indicatorId, t.period, t.country, t.status)]
);

export const survey = pgTable('impact_survey', {
	id: text('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	title: jsonb('title').$type<I18nText>().notNull(),
	items: jsonb('items').$type<SurveyItem[]>().notNull(),
	createdBy: text('created_by').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

export const wave = pgTable('impact_wave', {
	id: text('id').primaryKey(),
	surveyId: text('survey_id')
		.notNull()
		.references(() => survey.id),
	country: text('country').notNull(),
	kind: text('kind').$type<(typeof WAVE_KINDS)[number]>().notNull(),
	open: boolean('open').notNull().default(true),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** One respondent's answers in a wave. Append-only (trigger). */
export const response = pgTable(
	'impact_response',
	{
		id: text('id').primaryKey(),
		waveId: text('wave_id')
			.notNull()
			.references(() => wave.id),
		/** HMAC of the consented pseudonymous code (never the code itself); null: anonymous. */
		codeHash: text('code_hash'),
		mode: text('mode').$type<(typeof RESPONSE_MODES)[number]>().notNull(),
		answers: jsonb('answers').$type<Record<string, string | number | string[]>>().notNull(),
		enteredBy: text('entered_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('impact_response_wave_idx').on(t.waveId)]
);
