import {
	boolean,
	index,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { I18nText } from '../../core/text';

/* Better Auth's tables (user, session, account, verification + the phone-number plugin's fields). */

export const authUser = pgTable('auth_user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	phoneNumber: text('phone_number').unique(),
	phoneNumberVerified: boolean('phone_number_verified'),
	/** Preferred UI language (for e-mails, reminders and the bot). */
	locale: text('locale'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const authSession = pgTable(
	'auth_session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		token: text('token').notNull().unique(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' })
	},
	(t) => [index('auth_session_user_idx').on(t.userId)]
);

export const authAccount = pgTable(
	'auth_account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		password: text('password'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('auth_account_user_idx').on(t.userId)]
);

export const authVerification = pgTable(
	'auth_verification',
	{
		id: text('id').primaryKey(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('auth_verification_identifier_idx').on(t.identifier)]
);

/* Birge's own: organizations, their members, and role grants. */

export const ORGANIZATION_KINDS = [
	'business_association',
	'civil_society',
	'government_body',
	'donor',
	'other'
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const organization = pgTable(
	'accounts_organization',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull().unique(),
		kind: text('kind').$type<OrganizationKind>().notNull(),
		name: jsonb('name').$type<I18nText>().notNull(),
		country: text('country'),
		region: text('region'),
		/** Demo organizations are labelled demo wherever they are shown. */
		demo: boolean('demo').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('accounts_organization_country_idx').on(t.country)]
);

export const organizationMember = pgTable(
	'accounts_organization_member',
	{
		organizationId: text('organization_id')
			.notNull()
			.references(() => organization.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		role: text('role').$type<'member' | 'staff' | 'admin'>().notNull().default('member'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.organizationId, t.userId] }),
		index('accounts_member_user_idx').on(t.userId)
	]
);

export const roleGrant = pgTable(
	'accounts_role_grant',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => authUser.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		country: text('country'),
		organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
		/** The content locale a translator grant covers (issue 18); null for other roles. */
		locale: text('locale'),
		grantedBy: text('granted_by'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('accounts_role_grant_user_idx').on(t.userId),
		uniqueIndex('accounts_role_grant_unique_idx').on(
			t.userId,
			t.role,
			sql`coalesce(${t.country}, '')`,
			sql`coalesce(${t.organizationId}, '')`,
			sql`coalesce(${t.locale}, '')`
		)
	]
);

/* The Telegram link (telegram.ts). */

/** A Birge account linked to a Telegram chat (at most one chat per account, one account per chat). */
export const accountsTelegram = pgTable('accounts_telegram', {
	userId: text('user_id')
		.primaryKey()
		.references(() => authUser.id, { onDelete: 'cascade' }),
	chatId: text('chat_id').notNull().unique(),
	linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
	/** The language the chat speaks (chosen in the bot, else Telegram's); messages to the chat use it. */
	locale: text('locale')
});

/** One-time codes a signed-in web user sends to the bot (`/start link_<code>`) to link her chat. */
export const accountsTelegramCode = pgTable('accounts_telegram_code', {
	code: text('code').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => authUser.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});
