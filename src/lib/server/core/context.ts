import type { Db } from '#lib/server/db';
import type { Locale } from '#lib/i18n/locales';
import type { Platform } from './platform';

/** Platform-wide roles. Everybody signed in is an entrepreneur; the others are granted. */
export const ROLES = [
	'entrepreneur',
	'org_staff',
	'coalition_coordinator',
	'care_editor',
	'translator',
	'platform_admin'
] as const;
export type Role = (typeof ROLES)[number];

/** A role granted to a user, optionally limited to one country and/or one organization. */
export interface RoleGrant {
	role: Exclude<Role, 'entrepreneur'>;
	/** ISO country code the grant is limited to; null = every country. */
	country: string | null;
	organizationId: string | null;
	/** The content locale a `translator` grant covers; null = every locale (other roles: null). */
	locale?: string | null;
}

export const ORG_MEMBER_ROLES = ['member', 'staff', 'admin'] as const;
export type OrgMemberRole = (typeof ORG_MEMBER_ROLES)[number];

export interface Membership {
	organizationId: string;
	organizationKind: string;
	country: string | null;
	role: OrgMemberRole;
}

export interface Actor {
	/** null for an anonymous visitor. */
	userId: string | null;
	grants: RoleGrant[];
	memberships: Membership[];
}

export const ANONYMOUS: Actor = Object.freeze({ userId: null, grants: [], memberships: [] }) as Actor;

/** Everything a service call needs; built by the caller (route, API, bot, CLI, job, test). */
export interface ServiceContext {
	actor: Actor;
	locale: Locale;
	clock: () => Date;
	db: Db;
	/** The platform this call runs on: sender, file store, keyring, origin, rate-limit switch. */
	platform: Platform;
	/** A client key for rate limits (IP for the web, chat id for the bot). Never logged. */
	clientKey?: string;
}

export function createContext(
	db: Db,
	platform: Platform,
	options: Partial<Omit<ServiceContext, 'db' | 'platform'>> = {}
): ServiceContext {
	return {
		db,
		platform,
		actor: options.actor ?? ANONYMOUS,
		locale: options.locale ?? 'ru',
		clock: options.clock ?? (() => new Date()),
		clientKey: options.clientKey
	};
}

/** The same context inside a transaction. */
export function withDb(ctx: ServiceContext, db: Db): ServiceContext {
	return { ...ctx, db };
}
