import {
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
// Same module (shops): the listing hangs from a product, the account from a shop.
import { product, shop } from '../schema';
import type { CardAttribute, CardPrice, CardProperty, CardTexts, MarketplaceId, Problem } from './card';
import type { CategoryMapping } from './category-maps';
import type { MarketplaceMessage, StepOutcome } from './client';

/**
 * The marketplace export's tables (issue 13), re-exported by shops/schema.ts so the schema barrel sees
 * them. Prices are what the maker entered in the marketplace's own currency (integer minor units,
 * never converted); credentials are sealed through core crypto; results are append-only.
 */

export interface ListingExtra {
	shortDescription?: CardTexts;
	properties?: CardProperty[];
	model?: string;
}

/** A price sent to Wildberries, with the one it replaced (until Wildberries is known to have taken it). */
export interface SentPrice {
	currency: string;
	amountMinor: number;
	discountPercent?: number;
	at: string;
	previous?: SentPrice;
}

/** One product on one marketplace: the fields that marketplace needs beyond the product card. */
export const marketplaceListing = pgTable(
	'shops_marketplace_listing',
	{
		productId: text('product_id')
			.notNull()
			.references(() => product.id, { onDelete: 'cascade' }),
		marketplace: text('marketplace').$type<MarketplaceId>().notNull(),
		enabled: boolean('enabled').notNull().default(false),
		prices: jsonb('prices').$type<CardPrice[]>().notNull().default([]),
		/** Wildberries subjectID, Ozon description_category_id, Kaspi/Uzum category name; null: the map's. */
		categoryId: text('category_id'),
		/** Ozon type_id; null: the map's. */
		typeId: integer('type_id'),
		attributes: jsonb('attributes').$type<CardAttribute[]>().notNull().default([]),
		/** IKPU/MXIK (Uzum). */
		productCode: text('product_code'),
		/** Ozon VAT code. */
		vat: text('vat'),
		/** Uzum's short description and properties (uz and ru), Kaspi's model: fields no product has. */
		extra: jsonb('extra').$type<ListingExtra>().notNull().default({}),
		/** Kaspi: withdrawn (`available="no"`), kept in the price list. */
		withdrawn: boolean('withdrawn').notNull().default(false),
		/**
		 * The price the marketplace has (Wildberries prices API), set by the export job only
		 * (`sent-price.ts`: a held-back price gives way to the one it replaced): the validator warns when
		 * a new price is a third or less of it (Wildberries' quarantine).
		 */
		lastSentPrice: jsonb('last_sent_price').$type<SentPrice>(),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.productId, t.marketplace] })]
);

/** A shop's connection to one marketplace: sealed credentials, Kaspi's ids and the feed's secret token. */
export const marketplaceAccount = pgTable(
	'shops_marketplace_account',
	{
		id: text('id').primaryKey(),
		shopId: text('shop_id')
			.notNull()
			.references(() => shop.id, { onDelete: 'cascade' }),
		marketplace: text('marketplace').$type<MarketplaceId>().notNull(),
		/** Core crypto, aad `shops_marketplace_account.credentials`; never returned in clear. */
		credentials: text('credentials'),
		/** The currency the marketplace's cabinet uses (Wildberries, Ozon). */
		currency: text('currency'),
		kaspiMerchantId: text('kaspi_merchant_id'),
		kaspiCompany: text('kaspi_company'),
		kaspiStoreIds: text('kaspi_store_ids')
			.array()
			.$type<string[]>()
			.notNull()
			.default(sql`'{}'::text[]`),
		/** The Kaspi price list's secret URL token. */
		feedToken: text('feed_token').unique(),
		lastTest: jsonb('last_test').$type<{ ok: boolean; reason?: string; at: string } | null>(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('shops_marketplace_account_shop_idx').on(t.shopId, t.marketplace)]
);

export const EXPORT_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportRunState = (typeof EXPORT_RUN_STATES)[number];

/** One export of a shop's enabled listings to one marketplace (a `shops.marketplace-export` job). */
export const exportRun = pgTable(
	'shops_export_run',
	{
		id: text('id').primaryKey(),
		shopId: text('shop_id')
			.notNull()
			.references(() => shop.id, { onDelete: 'cascade' }),
		marketplace: text('marketplace').$type<MarketplaceId>().notNull(),
		state: text('state').$type<ExportRunState>().notNull().default('queued'),
		total: integer('total').notNull().default(0),
		done: integer('done').notNull().default(0),
		requestedBy: text('requested_by'),
		/** Why the run failed as a whole (a message key suffix: no_credentials, unreachable…). */
		failure: text('failure'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(t) => [index('shops_export_run_shop_idx').on(t.shopId, t.createdAt)]
);

/** Per product and run: accepted, or Birge's problems, or the marketplace's own errors. Append-only. */
export const exportResult = pgTable(
	'shops_export_result',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		runId: text('run_id')
			.notNull()
			.references(() => exportRun.id, { onDelete: 'cascade' }),
		productId: text('product_id')
			.notNull()
			.references(() => product.id, { onDelete: 'cascade' }),
		status: text('status').$type<'accepted' | 'failed' | 'skipped' | 'pending' | 'blocked'>().notNull(),
		offerIds: text('offer_ids')
			.array()
			.$type<string[]>()
			.notNull()
			.default(sql`'{}'::text[]`),
		problems: jsonb('problems').$type<Problem[]>().notNull().default([]),
		errors: jsonb('errors').$type<MarketplaceMessage[]>().notNull().default([]),
		/** Wildberries: the photos call after the card (null where there is none: Ozon, a blocked card). */
		media: jsonb('media').$type<StepOutcome>(),
		/** Wildberries: the prices call after the card. */
		price: jsonb('price').$type<StepOutcome>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('shops_export_result_run_product_idx').on(t.runId, t.productId)]
);

/** A staff edit or a dictionary re-check of one Birge category's map to one marketplace (seed otherwise). */
export const categoryMap = pgTable(
	'shops_category_map',
	{
		birgeCategory: text('birge_category').notNull(),
		marketplace: text('marketplace').$type<MarketplaceId>().notNull(),
		mapping: jsonb('mapping').$type<CategoryMapping>().notNull(),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.birgeCategory, t.marketplace] })]
);

/**
 * A maker's own dictionary re-check of one map, kept for her shop only: her shop's validators read it
 * while the platform's map still has the same category (and type) id; other shops see the platform's map
 * until staff accept hers (`acceptedAt`, when it was copied into `shops_category_map`).
 */
export const shopCategoryMap = pgTable(
	'shops_shop_category_map',
	{
		shopId: text('shop_id')
			.notNull()
			.references(() => shop.id, { onDelete: 'cascade' }),
		birgeCategory: text('birge_category').notNull(),
		marketplace: text('marketplace').$type<MarketplaceId>().notNull(),
		mapping: jsonb('mapping').$type<CategoryMapping>().notNull(),
		updatedBy: text('updated_by'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.shopId, t.birgeCategory, t.marketplace] })]
);

/**
 * What happened to a Wildberries result's photos or price after its run (append-only): the scheduled
 * follow-up (`shops.marketplace-followup`) re-checks a card waiting for its nmID and reads the prices
 * task's status; the newest row per (run, product, step) is the step's outcome on the run page.
 */
export const exportFollowup = pgTable(
	'shops_export_followup',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		runId: text('run_id')
			.notNull()
			.references(() => exportRun.id, { onDelete: 'cascade' }),
		productId: text('product_id')
			.notNull()
			.references(() => product.id, { onDelete: 'cascade' }),
		step: text('step').$type<'media' | 'price'>().notNull(),
		outcome: jsonb('outcome').$type<StepOutcome>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('shops_export_followup_run_idx').on(t.runId, t.productId, t.id)]
);
