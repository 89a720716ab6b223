import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages';
import { AppError, writeAudit, type ServiceContext } from '../../../core';
import { log } from '#lib/server/log';
import { requireShopOwner } from '../access';
import { productsOfShop, shopById } from '../queries';
import { MARKETPLACES, type MarketplaceCard, type MarketplaceId } from './card';
import type { ConnectionResult, MarketplaceClient } from './client';
import { ozonClient } from './client-ozon';
import { wildberriesClient } from './client-wildberries';
import {
	kaspiFeedUrl,
	newFeedToken,
	openCredentials,
	parseCredentials,
	sealCredentials
} from './credentials';
import { kaspiPriceListStream } from './format-kaspi';
import { accountOf, cardsFor, editableShop, type AccountRow } from './product-card';
import { LISTING_CURRENCIES } from './listings';
import { marketplaceAccount, marketplaceListing } from './schema';
import { validateKaspi } from './validate-kaspi';

/**
 * A shop's marketplace accounts: credentials sealed through core crypto (never returned in clear, never
 * logged), a connection test through the client, Kaspi's merchant id, company and store points, and
 * the Kaspi price list served at a stable secret URL.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const accountInput = z.object({
	marketplace: z.enum(MARKETPLACES),
	currency: z.preprocess(
		blank,
		z
			.string()
			.regex(/^[A-Z]{3}$/)
			.optional()
	),
	token: z.preprocess(blank, z.string().optional()),
	clientId: z.preprocess(blank, z.string().optional()),
	apiKey: z.preprocess(blank, z.string().optional()),
	kaspiMerchantId: z.preprocess(blank, z.string().trim().max(100).optional()),
	kaspiCompany: z.preprocess(blank, z.string().trim().max(200).optional()),
	/** Store point ids separated by commas or spaces (PP1, PP2). */
	kaspiStoreIds: z.preprocess(blank, z.string().max(500).optional())
});
export type AccountInput = z.input<typeof accountInput>;

function invalid(field: string, key: string): never {
	throw new AppError('INVALID', { fields: { [field]: { key: key as MessageKey } } });
}

/** Owners only: saves a marketplace account. Credentials left empty keep the ones stored. */
export async function saveAccount(ctx: ServiceContext, shopSlug: string, input: AccountInput) {
	const s = await editableShop(ctx, shopSlug);
	await requireShopOwner(ctx, s.id);
	const parsed = accountInput.safeParse(input);
	if (!parsed.success) throw new AppError('INVALID', { messageKey: 'marketplaces_account_invalid' });
	const data = parsed.data;
	const m = data.marketplace;
	const existing = await accountOf(ctx, s.id, m);
	let credentials = existing?.credentials ?? null;
	if (m === 'wildberries' && data.token) {
		const check = z.string().trim().min(20).max(2000).safeParse(data.token);
		if (!check.success) invalid('token', 'marketplaces_error_token');
		credentials = sealCredentials(m, parseCredentials(m, { token: data.token }), ctx.platform.keyring);
	}
	if (m === 'ozon' && (data.clientId || data.apiKey)) {
		if (!data.clientId || !/^\d{1,20}$/.test(data.clientId.trim()))
			invalid('clientId', 'marketplaces_error_client_id');
		if (!data.apiKey || data.apiKey.trim().length < 8 || data.apiKey.length > 200)
			invalid('apiKey', 'marketplaces_error_token');
		credentials = sealCredentials(
			m,
			parseCredentials(m, { clientId: data.clientId, apiKey: data.apiKey }),
			ctx.platform.keyring
		);
	}
	if (data.currency && !LISTING_CURRENCIES[m].includes(data.currency))
		invalid('currency', 'marketplaces_error_currency');
	const stores = (data.kaspiStoreIds ?? '').split(/[\s,;]+/).filter(Boolean);
	if (stores.some((id) => !/^[A-Za-z0-9_-]{1,40}$/.test(id)))
		invalid('kaspiStoreIds', 'marketplaces_error_store_ids');
	const values = {
		credentials,
		currency: data.currency ?? existing?.currency ?? null,
		kaspiMerchantId: m === 'kaspi' ? (data.kaspiMerchantId ?? null) : null,
		kaspiCompany: m === 'kaspi' ? (data.kaspiCompany ?? null) : null,
		kaspiStoreIds: m === 'kaspi' ? stores : [],
		feedToken: m === 'kaspi' ? (existing?.feedToken ?? newFeedToken()) : null,
		lastTest: credentials === existing?.credentials ? (existing?.lastTest ?? null) : null,
		updatedAt: ctx.clock()
	};
	await ctx.db.transaction(async (tx) => {
		if (existing)
			await tx.update(marketplaceAccount).set(values).where(eq(marketplaceAccount.id, existing.id));
		else
			await tx
				.insert(marketplaceAccount)
				.values({ id: randomUUID(), shopId: s.id, marketplace: m, ...values });
		// What changed, never the credentials themselves.
		await writeAudit(
			{ ...ctx, db: tx },
			{
				action: 'shops.marketplace_account.save',
				entity: 'shops_marketplace_account',
				entityId: `${s.id}:${m}`,
				after: {
					credentialsChanged: credentials !== (existing?.credentials ?? null),
					currency: values.currency,
					stores
				}
			}
		);
	});
}

export interface AccountView {
	marketplace: MarketplaceId;
	hasCredentials: boolean;
	currency: string | null;
	currencies: readonly string[];
	kaspiMerchantId: string;
	kaspiCompany: string;
	kaspiStoreIds: string;
	feedUrl: string | null;
	lastTest: AccountRow['lastTest'];
}

export function accountView(
	ctx: ServiceContext,
	marketplace: MarketplaceId,
	row: AccountRow | null
): AccountView {
	return {
		marketplace,
		hasCredentials: !!row?.credentials,
		currency: row?.currency ?? null,
		currencies: LISTING_CURRENCIES[marketplace],
		kaspiMerchantId: row?.kaspiMerchantId ?? '',
		kaspiCompany: row?.kaspiCompany ?? '',
		kaspiStoreIds: row?.kaspiStoreIds.join(', ') ?? '',
		feedUrl: row?.feedToken ? kaspiFeedUrl(ctx.platform.origin, row.feedToken) : null,
		lastTest: row?.lastTest ?? null
	};
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The API client for a shop's account, its hosts from the platform's configuration. */
export function clientFor(ctx: ServiceContext, row: AccountRow): MarketplaceClient {
	if (!row.credentials) throw new AppError('INVALID', { messageKey: 'marketplaces_no_credentials' });
	const endpoints = ctx.platform.endpoints ?? {};
	const deps = {
		fetch: globalThis.fetch,
		sleep,
		maxWaitMs: 120_000,
		// The client's own fields: status codes, counts, waits; never a credential or a body.
		log: (
			level: 'info' | 'warn',
			event: string,
			fields: Record<string, string | number | boolean | undefined>
		) => log[level](`marketplace ${event}`, fields)
	};
	const settings = { currency: row.currency ?? LISTING_CURRENCIES[row.marketplace][0] };
	if (row.marketplace === 'wildberries') {
		const { token } = openCredentials('wildberries', row.credentials, ctx.platform.keyring);
		return wildberriesClient({
			...deps,
			token,
			settings,
			hosts: {
				...(endpoints['wildberries.content'] ? { content: endpoints['wildberries.content'] } : {}),
				...(endpoints['wildberries.prices'] ? { prices: endpoints['wildberries.prices'] } : {})
			}
		});
	}
	if (row.marketplace === 'ozon') {
		const { clientId, apiKey } = openCredentials('ozon', row.credentials, ctx.platform.keyring);
		return ozonClient({
			...deps,
			clientId,
			apiKey,
			settings,
			pollIntervalMs: endpoints['ozon.seller'] ? 50 : 5000,
			hosts: endpoints['ozon.seller'] ? { seller: endpoints['ozon.seller'] } : {}
		});
	}
	throw new AppError('INVALID', { messageKey: 'marketplaces_no_api' });
}

/** The connection test: one harmless call with the stored credentials; the outcome is kept. */
export async function testConnection(
	ctx: ServiceContext,
	shopSlug: string,
	marketplace: string
): Promise<ConnectionResult> {
	const s = await editableShop(ctx, shopSlug);
	if (marketplace !== 'wildberries' && marketplace !== 'ozon')
		throw new AppError('INVALID', { messageKey: 'marketplaces_no_api' });
	const row = await accountOf(ctx, s.id, marketplace);
	if (!row?.credentials) throw new AppError('INVALID', { messageKey: 'marketplaces_no_credentials' });
	const result = await clientFor(ctx, row).testConnection();
	await ctx.db
		.update(marketplaceAccount)
		.set({ lastTest: { ok: result.ok, reason: result.reason, at: ctx.clock().toISOString() } })
		.where(eq(marketplaceAccount.id, row.id));
	return result;
}

/**
 * The Kaspi price list of the shop whose feed token this is, streamed: every enabled Kaspi listing of
 * a published product that passes the Kaspi checks; a withdrawn one stays with `available="no"`.
 * null when the token is unknown or the shop is taken down.
 */
export async function kaspiFeed(
	ctx: ServiceContext,
	token: string
): Promise<ReadableStream<Uint8Array> | null> {
	if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
	const [row] = await ctx.db
		.select()
		.from(marketplaceAccount)
		.where(and(eq(marketplaceAccount.feedToken, token), eq(marketplaceAccount.marketplace, 'kaspi')));
	if (!row) return null;
	const s = await shopById(ctx, row.shopId);
	if (!s || s.takedown) return null;
	const enabled = await ctx.db
		.select({ productId: marketplaceListing.productId })
		.from(marketplaceListing)
		.where(and(eq(marketplaceListing.marketplace, 'kaspi'), eq(marketplaceListing.enabled, true)));
	const ids = new Set(enabled.map((e) => e.productId));
	const products = (await productsOfShop(ctx, s.id, true)).filter((p) => ids.has(p.id) && !p.takedown);
	const cards = await cardsFor(ctx, s, products, row.kaspiStoreIds);
	const valid: MarketplaceCard[] = [];
	for (const p of products) {
		const card = cards.get(p.id)!;
		if (!validateKaspi(card, row.kaspiStoreIds).some((pr) => pr.severity === 'error')) valid.push(card);
	}
	return kaspiPriceListStream(
		valid,
		{ company: row.kaspiCompany ?? '', merchantId: row.kaspiMerchantId ?? '', storeIds: row.kaspiStoreIds },
		ctx.clock()
	);
}
