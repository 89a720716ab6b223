import {
	type AnyPgColumn,
	bigint,
	bigserial,
	boolean,
	check,
	date,
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

/**
 * Home production networks: a coordinator sends kits (materials + a pattern) to makers at home, one order
 * fans out to many makers, pieces come back as reports, accepted pieces become earnings in an append-only
 * ledger, payouts made outside Birge are recorded against it. Money is integer minor units in the
 * network's currency.
 */

export const COORDINATOR_ROLES = ['coordinator', 'co_coordinator'] as const;
export type CoordinatorRole = (typeof COORDINATOR_ROLES)[number];
export const PAY_METHODS = ['cash', 'bank_card', 'mobile_wallet'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];
export const CONSENT_HOW = ['in_app', 'paper', 'spoken', 'sms'] as const;
export type ConsentHow = (typeof CONSENT_HOW)[number];
export const MAKER_STATUSES = ['active', 'left', 'anonymised'] as const;
export type MakerStatus = (typeof MAKER_STATUSES)[number];
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const UNITS = ['g', 'm', 'pcs'] as const;
export type Unit = (typeof UNITS)[number];
export const MOVEMENT_KINDS = ['received', 'issued', 'returned', 'written_off'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const SEND_HOW = ['in_person', 'post', 'courier', 'bus_or_taxi'] as const;
export type SendHow = (typeof SEND_HOW)[number];
export const ORDER_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ASSIGNMENT_STATUSES = ['offered', 'accepted', 'declined', 'returned', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const REPORT_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const ENTRY_KINDS = ['earning', 'adjustment', 'payout', 'correction'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const FILE_KINDS = ['document', 'finished_photo'] as const;
export type PatternFileKind = (typeof FILE_KINDS)[number];

/** Column helpers for the columns most tables share (the same SQL as writing them out). */
const networkRef = () =>
	text('network_id')
		.notNull()
		.references((): AnyPgColumn => network.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull();
/** An account that did something; kept as null when the account is deleted. */
const accountRef = (name: string) => text(name).references(() => authUser.id, { onDelete: 'set null' });

/** A network, run by a coordinator who is an account or an organization (from accounts). */
export const network = pgTable(
	'production_network',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		country: text('country').notNull(),
		regionCode: text('region_code'),
		currency: text('currency').notNull(),
		/** The organization (a shop, an association) that runs it; null when a person runs it herself. */
		organizationId: text('organization_id').references(() => organization.id, { onDelete: 'set null' }),
		/** Material loss above this share (basis points of what was issued) is flagged in reconciliation. */
		lossToleranceBp: integer('loss_tolerance_bp').notNull().default(500),
		demo: boolean('demo').notNull().default(false),
		createdBy: accountRef('created_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('production_network_tolerance', sql`${t.lossToleranceBp} between 0 and 10000`)]
);

/** The coordinator and co-coordinators of a network. */
export const coordinator = pgTable(
	'production_coordinator',
	{
		networkId: networkRef(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		role: text('role').$type<CoordinatorRole>().notNull(),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.networkId, t.userId] }),
		index('production_coordinator_user_idx').on(t.userId)
	]
);

/** An invitation link or code; a maker with an account joins with it. */
export const invitation = pgTable('production_invitation', {
	id: text('id').primaryKey(),
	networkId: networkRef(),
	code: text('code').notNull().unique(),
	createdBy: accountRef('created_by'),
	createdAt: createdAt(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	uses: integer('uses').notNull().default(0)
});

/**
 * A maker: her own account, or a profile the coordinator keeps for a woman without a smartphone. Sex and
 * disability only when she agreed; the payment account reference is encrypted (core crypto). When she
 * withdraws consent the profile is anonymised; the ledger keeps its amounts.
 */
export const maker = pgTable(
	'production_maker',
	{
		id: text('id').primaryKey(),
		networkId: networkRef(),
		userId: text('user_id').references(() => authUser.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		/** A first-level division of the network's country (core reference). */
		regionCode: text('region_code'),
		/** Kyrgyzstan: her district's SOATE code (core reference). */
		districtCode: text('district_code'),
		village: text('village'),
		phone: text('phone'),
		skills: text('skills'),
		piecesPerWeek: integer('pieces_per_week'),
		payMethod: text('pay_method').$type<PayMethod>().notNull().default('cash'),
		/** Encrypted with core crypto (aad `production_maker.pay_account`). */
		payAccount: text('pay_account'),
		/** Only with her consent to statistics (statsConsent). */
		sex: text('sex').$type<Sex>(),
		disability: boolean('disability'),
		statsConsent: boolean('stats_consent').notNull().default(false),
		consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
		consentHow: text('consent_how').$type<ConsentHow>().notNull(),
		consentBy: accountRef('consent_by'),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		leftAt: timestamp('left_at', { withTimezone: true }),
		status: text('status').$type<MakerStatus>().notNull().default('active'),
		demo: boolean('demo').notNull().default(false),
		createdAt: createdAt()
	},
	(t) => [
		index('production_maker_network_idx').on(t.networkId, t.status),
		uniqueIndex('production_maker_user_uq')
			.on(t.networkId, t.userId)
			.where(sql`${t.userId} is not null`),
		check('production_maker_pieces', sql`${t.piecesPerWeek} is null or ${t.piecesPerWeek} >= 0`)
	]
);

export const pattern = pgTable('production_pattern', {
	id: text('id').primaryKey(),
	networkId: networkRef(),
	title: jsonb('title').$type<I18nText>().notNull(),
	instructions: jsonb('instructions').$type<I18nText>().notNull().default({}),
	videoLinks: jsonb('video_links').$type<string[]>().notNull().default([]),
	difficulty: text('difficulty').$type<Difficulty>().notNull(),
	minutesPerPiece: integer('minutes_per_piece').notNull(),
	defaultRateMinor: integer('default_rate_minor').notNull(),
	createdAt: createdAt()
});

/** Pattern files through core files: documents (PDF, images) and photos of the finished piece. */
export const patternFile = pgTable(
	'production_pattern_file',
	{
		patternId: text('pattern_id')
			.notNull()
			.references(() => pattern.id, { onDelete: 'cascade' }),
		fileId: text('file_id').notNull(),
		kind: text('kind').$type<PatternFileKind>().notNull(),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.patternId, t.fileId] })]
);

/** Piece rates with validity periods; a row with a maker overrides the pattern's rate for her. */
export const rate = pgTable(
	'production_rate',
	{
		id: text('id').primaryKey(),
		patternId: text('pattern_id')
			.notNull()
			.references(() => pattern.id, { onDelete: 'cascade' }),
		makerId: text('maker_id').references(() => maker.id, { onDelete: 'cascade' }),
		rateMinor: integer('rate_minor').notNull(),
		validFrom: date('valid_from', { mode: 'string' }).notNull(),
		validTo: date('valid_to', { mode: 'string' }),
		createdAt: createdAt()
	},
	(t) => [
		index('production_rate_pattern_idx').on(t.patternId, t.makerId, t.validFrom),
		check('production_rate_positive', sql`${t.rateMinor} >= 0`),
		check('production_rate_period', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`)
	]
);

/** A material with its unit; `onHand` is the running stock, never negative (a check and a row lock). */
export const material = pgTable(
	'production_material',
	{
		id: text('id').primaryKey(),
		networkId: networkRef(),
		name: text('name').notNull(),
		unit: text('unit').$type<Unit>().notNull(),
		/** Cost of one unit, minor units; null when unknown. */
		unitCostMinor: integer('unit_cost_minor'),
		onHand: integer('on_hand').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [check('production_material_on_hand', sql`${t.onHand} >= 0`)]
);

/** A bill of materials for `pieces` pieces of a pattern. */
export const kit = pgTable(
	'production_kit',
	{
		id: text('id').primaryKey(),
		networkId: networkRef(),
		patternId: text('pattern_id')
			.notNull()
			.references(() => pattern.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		pieces: integer('pieces').notNull(),
		createdAt: createdAt()
	},
	(t) => [check('production_kit_pieces', sql`${t.pieces} > 0`)]
);

export const kitLine = pgTable(
	'production_kit_line',
	{
		kitId: text('kit_id')
			.notNull()
			.references(() => kit.id, { onDelete: 'cascade' }),
		materialId: text('material_id')
			.notNull()
			.references(() => material.id),
		quantity: integer('quantity').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.kitId, t.materialId] }),
		check('production_kit_line_qty', sql`${t.quantity} > 0`)
	]
);

export const order = pgTable(
	'production_order',
	{
		id: text('id').primaryKey(),
		networkId: networkRef(),
		patternId: text('pattern_id')
			.notNull()
			.references(() => pattern.id),
		quantity: integer('quantity').notNull(),
		dueDate: date('due_date', { mode: 'string' }).notNull(),
		/** The shop product finished pieces may add stock to (the shops module, when it lands). */
		shopProductRef: text('shop_product_ref'),
		note: text('note'),
		status: text('status').$type<OrderStatus>().notNull().default('open'),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		createdBy: accountRef('created_by'),
		createdAt: createdAt()
	},
	(t) => [
		index('production_order_network_idx').on(t.networkId, t.status, t.dueDate),
		check('production_order_qty', sql`${t.quantity} > 0`)
	]
);

/** One maker's part of an order (the fan-out). */
export const assignment = pgTable(
	'production_assignment',
	{
		id: text('id').primaryKey(),
		orderId: text('order_id')
			.notNull()
			.references(() => order.id, { onDelete: 'cascade' }),
		networkId: networkRef(),
		makerId: text('maker_id')
			.notNull()
			.references(() => maker.id),
		quantity: integer('quantity').notNull(),
		dueDate: date('due_date', { mode: 'string' }).notNull(),
		kitId: text('kit_id').references(() => kit.id),
		status: text('status').$type<AssignmentStatus>().notNull().default('offered'),
		/** Running totals, updated in the report and review transactions. */
		reportedPieces: integer('reported_pieces').notNull().default(0),
		acceptedPieces: integer('accepted_pieces').notNull().default(0),
		/** Reports waiting for a check (the queue's and the dashboard's counts read these, not the reports). */
		pendingReports: integer('pending_reports').notNull().default(0),
		createdAt: createdAt(),
		respondedAt: timestamp('responded_at', { withTimezone: true })
	},
	(t) => [
		index('production_assignment_order_idx').on(t.orderId),
		index('production_assignment_network_idx').on(t.networkId, t.orderId),
		index('production_assignment_maker_idx').on(t.makerId, t.status),
		uniqueIndex('production_assignment_uq').on(t.orderId, t.makerId),
		check('production_assignment_qty', sql`${t.quantity} > 0`),
		check(
			'production_assignment_pieces',
			sql`${t.acceptedPieces} >= 0 and ${t.reportedPieces} >= 0 and ${t.acceptedPieces} <= ${t.quantity}`
		)
	]
);

/** Kits sent to a maker: which kit, how many, when, how. */
export const shipment = pgTable('production_shipment', {
	id: text('id').primaryKey(),
	networkId: networkRef(),
	makerId: text('maker_id')
		.notNull()
		.references(() => maker.id),
	kitId: text('kit_id')
		.notNull()
		.references(() => kit.id),
	assignmentId: text('assignment_id').references(() => assignment.id),
	kits: integer('kits').notNull(),
	sentOn: date('sent_on', { mode: 'string' }).notNull(),
	how: text('how').$type<SendHow>().notNull(),
	createdBy: accountRef('created_by'),
	createdAt: createdAt()
});

/** Every change of stock, append-only (a trigger); `delta` is signed. */
export const stockMovement = pgTable(
	'production_stock_movement',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		networkId: networkRef(),
		materialId: text('material_id')
			.notNull()
			.references(() => material.id),
		kind: text('kind').$type<MovementKind>().notNull(),
		quantity: integer('quantity').notNull(),
		delta: integer('delta').notNull(),
		makerId: text('maker_id').references(() => maker.id),
		assignmentId: text('assignment_id').references(() => assignment.id),
		shipmentId: text('shipment_id').references(() => shipment.id),
		note: text('note'),
		at: timestamp('at', { withTimezone: true }).notNull(),
		by: text('by')
	},
	(t) => [
		index('production_movement_material_idx').on(t.materialId),
		index('production_movement_maker_idx').on(t.makerId, t.assignmentId),
		check('production_movement_qty', sql`${t.quantity} > 0`)
	]
);

/** A maker's report of finished pieces; the coordinator accepts or rejects it. */
export const report = pgTable(
	'production_report',
	{
		id: text('id').primaryKey(),
		networkId: networkRef(),
		assignmentId: text('assignment_id')
			.notNull()
			.references(() => assignment.id),
		makerId: text('maker_id')
			.notNull()
			.references(() => maker.id),
		pieces: integer('pieces').notNull(),
		photoFileId: text('photo_file_id'),
		note: text('note'),
		status: text('status').$type<ReportStatus>().notNull().default('pending'),
		/** Pieces accepted (all when accepted whole; fewer when some failed the check; 0 when rejected). */
		acceptedPieces: integer('accepted_pieces'),
		rejectReason: text('reject_reason'),
		reworkRequested: boolean('rework_requested').notNull().default(false),
		reviewedBy: text('reviewed_by'),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		/**
		 * The submitter's idempotency key (the web form's hidden key, the API's Idempotency-Key, the
		 * bot's Telegram message): a repeat of the same key on the same assignment returns this report.
		 */
		clientKey: text('client_key'),
		createdAt: createdAt()
	},
	(t) => [
		index('production_report_queue_idx').on(t.networkId, t.status, t.createdAt, t.id),
		uniqueIndex('production_report_client_key_uq').on(t.assignmentId, t.clientKey),
		index('production_report_maker_idx').on(t.makerId, t.status, t.createdAt, t.id),
		index('production_report_assignment_idx').on(t.assignmentId),
		check('production_report_pieces', sql`${t.pieces} > 0`)
	]
);

/**
 * The append-only ledger per maker (a trigger refuses UPDATE, DELETE, TRUNCATE). Earnings and positive
 * adjustments are positive amounts, payouts negative; a correction names the entry it corrects. At most
 * one earning per report (a unique index), which is what makes two concurrent accepts produce one.
 */
export const ledgerEntry = pgTable(
	'production_ledger_entry',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		networkId: networkRef(),
		makerId: text('maker_id')
			.notNull()
			.references(() => maker.id),
		kind: text('kind').$type<EntryKind>().notNull(),
		amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
		currency: text('currency').notNull(),
		reportId: text('report_id').references(() => report.id),
		pieces: integer('pieces'),
		rateMinor: integer('rate_minor'),
		corrects: bigint('corrects', { mode: 'number' }).references((): AnyPgColumn => ledgerEntry.id),
		method: text('method').$type<PayMethod>(),
		reference: text('reference'),
		paidOn: date('paid_on', { mode: 'string' }),
		reason: text('reason'),
		/** The coordinator's reason for a payout above the balance (her confirmation, recorded). */
		overBalanceReason: text('over_balance_reason'),
		at: timestamp('at', { withTimezone: true }).notNull(),
		by: text('by')
	},
	(t) => [
		index('production_ledger_maker_idx').on(t.makerId, t.at),
		index('production_ledger_network_idx').on(t.networkId, t.at),
		uniqueIndex('production_ledger_one_earning')
			.on(t.reportId)
			.where(sql`${t.kind} = 'earning'`)
	]
);

/** The running balance per maker, updated in the same transaction as every ledger entry. */
export const balance = pgTable(
	'production_balance',
	{
		makerId: text('maker_id')
			.primaryKey()
			.references(() => maker.id),
		networkId: networkRef(),
		earnedMinor: bigint('earned_minor', { mode: 'number' }).notNull().default(0),
		paidMinor: bigint('paid_minor', { mode: 'number' }).notNull().default(0),
		balanceMinor: bigint('balance_minor', { mode: 'number' }).notNull().default(0),
		entries: integer('entries').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [index('production_balance_network_idx').on(t.networkId)]
);

export type Network = typeof network.$inferSelect;
export type Maker = typeof maker.$inferSelect;
export type Pattern = typeof pattern.$inferSelect;
export type Material = typeof material.$inferSelect;
export type Order = typeof order.$inferSelect;
export type Assignment = typeof assignment.$inferSelect;
export type Report = typeof report.$inferSelect;
export type LedgerEntry = typeof ledgerEntry.$inferSelect;
