import { z } from 'zod';
import type { MessageKey } from '#lib/i18n/messages';
import { AppError, writeAudit, type ServiceContext } from '../../../core';
import { MARKETPLACES, type CardAttribute, type CardPrice, type MarketplaceId, type Problem } from './card';
import type { AttributeRule } from './category-rules';
import { loadMaps, mappingFor, rulesFor } from './maps';
import { accountOf, cardsFor, editableProduct, type ListingRow } from './product-card';
import { KASPI, OZON, UZUM } from './rules';
import { marketplaceListing } from './schema';
import { minorExponent } from './units';
import { translateProblems, validateCard, type TranslatedProblem } from './validate';
import { and, eq } from 'drizzle-orm';

/**
 * Per-product listings (issue 13 §1): the price in the marketplace's currency as the maker typed it
 * (integer minor units, never converted), the category and attribute values, the product code, and
 * the validator's problems in her language before anything is sent.
 */

/** The currencies a listing's price may be in: the cabinet's (Wildberries, Ozon) or the fixed one. */
export const LISTING_CURRENCIES: Record<MarketplaceId, readonly string[]> = {
	// Wildberries documents no currency list: the one her cabinet uses, as she says (Birge's currencies and RUB).
	wildberries: ['RUB', 'KZT', 'KGS', 'UZS', 'TJS'],
	ozon: OZON.currencies,
	kaspi: [KASPI.currency],
	uzum: [UZUM.currency]
};

/** "1 250,50" in a currency → minor units; null when it is not an amount. */
export function amountMinor(text: string, currency: string): number | null {
	const s = text
		.trim()
		.replace(/[\s\u00a0]/g, '')
		.replace(',', '.');
	const digits = minorExponent(currency);
	const re = digits ? new RegExp(`^\\d{1,12}(\\.\\d{1,${digits}})?$`) : /^\d{1,15}$/;
	if (!re.test(s)) return null;
	const [whole, frac = ''] = s.split('.');
	const minor = Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || 0);
	return Number.isSafeInteger(minor) ? minor : null;
}

const text = (max: number) => z.string().trim().max(max).optional().default('');

export const listingInput = z.object({
	marketplace: z.enum(MARKETPLACES),
	enabled: z.boolean().default(false),
	currency: z.string().regex(/^[A-Z]{3}$/),
	price: text(20),
	oldPrice: text(20),
	/** Wildberries: the discount in whole per cent (the price is then the price before it). */
	discount: text(5),
	categoryId: text(200),
	typeId: text(15),
	vat: text(10),
	productCode: text(40),
	model: text(200),
	withdrawn: z.boolean().default(false),
	/** Attribute id → values separated by ";" and, for a dictionary attribute, value ids likewise. */
	attributes: z
		.record(z.string().regex(/^\d{1,12}$/), z.object({ values: text(2000), dictionaryIds: text(500) }))
		.default({}),
	shortDescription: z.object({ uz: text(500), ru: text(500) }).default({ uz: '', ru: '' }),
	/** Uzum: "name uz | value uz | name ru | value ru", one a line. */
	properties: text(5000)
});
export type ListingInput = z.input<typeof listingInput>;

const split = (s: string) =>
	s
		.split(';')
		.map((v) => v.trim())
		.filter(Boolean);

function invalid(field: string, key: string): never {
	throw new AppError('INVALID', { fields: { [field]: { key: key as MessageKey } } });
}

/** Saves one product's listing on one marketplace (owners and co-owners); the same form twice is one row. */
export async function saveListing(
	ctx: ServiceContext,
	shopSlug: string,
	productSlug: string,
	input: ListingInput
) {
	const { product: p } = await editableProduct(ctx, shopSlug, productSlug);
	const parsed = listingInput.safeParse(input);
	if (!parsed.success) throw new AppError('INVALID', { messageKey: 'marketplaces_listing_invalid' });
	const data = parsed.data;
	if (!LISTING_CURRENCIES[data.marketplace].includes(data.currency))
		invalid('currency', 'marketplaces_error_currency');
	const prices: CardPrice[] = [];
	if (data.price) {
		const amount = amountMinor(data.price, data.currency);
		if (amount === null || amount <= 0) invalid('price', 'marketplaces_error_price');
		const old = data.oldPrice ? amountMinor(data.oldPrice, data.currency) : undefined;
		if (old === null) invalid('oldPrice', 'marketplaces_error_price');
		// Wildberries' `discount` is an integer per cent; 0–99 is Birge's bound (100 % is no sale).
		const discount = data.marketplace === 'wildberries' && data.discount ? Number(data.discount) : 0;
		if (!Number.isInteger(discount) || discount < 0 || discount > 99)
			invalid('discount', 'marketplaces_error_discount');
		prices.push({
			currency: data.currency,
			amountMinor: amount,
			...(old ? { oldAmountMinor: old } : {}),
			...(discount ? { discountPercent: discount } : {})
		});
	}
	if (data.typeId && !/^\d{1,12}$/.test(data.typeId)) invalid('typeId', 'marketplaces_error_number');
	const attributes: CardAttribute[] = [];
	for (const [id, a] of Object.entries(data.attributes)) {
		const values = split(a.values);
		if (!values.length) continue;
		const ids = split(a.dictionaryIds);
		if (ids.some((v) => !/^\d{1,15}$/.test(v))) invalid(`attr_${id}_dict`, 'marketplaces_error_number');
		attributes.push({
			id: Number(id),
			values,
			...(ids.length ? { dictionaryValueIds: ids.map(Number) } : {})
		});
	}
	const properties = data.properties
		.split('\n')
		.map((line) => line.split('|').map((v) => v.trim()))
		.filter((parts) => parts.some(Boolean))
		.map(([nameUz = '', valueUz = '', nameRu = '', valueRu = '']) => ({
			name: { uz: nameUz, ru: nameRu },
			value: { uz: valueUz, ru: valueRu }
		}));
	const short = data.shortDescription;
	const row = {
		productId: p.id,
		marketplace: data.marketplace,
		enabled: data.enabled,
		prices,
		categoryId: data.categoryId || null,
		typeId: data.typeId ? Number(data.typeId) : null,
		attributes,
		productCode: data.productCode || null,
		vat: data.vat || null,
		withdrawn: data.withdrawn,
		extra: {
			...(data.model ? { model: data.model } : {}),
			...(short.uz || short.ru
				? {
						shortDescription: {
							...(short.uz ? { uz: { text: short.uz, machineDraft: false } } : {}),
							...(short.ru ? { ru: { text: short.ru, machineDraft: false } } : {})
						}
					}
				: {}),
			...(properties.length ? { properties } : {})
		},
		updatedBy: ctx.actor.userId,
		updatedAt: ctx.clock()
	};
	await ctx.db.transaction(async (tx) => {
		const tctx = { ...ctx, db: tx };
		const { productId, marketplace, ...set } = row;
		await tx
			.insert(marketplaceListing)
			.values(row)
			.onConflictDoUpdate({ target: [marketplaceListing.productId, marketplaceListing.marketplace], set });
		await writeAudit(tctx, {
			action: 'shops.listing.save',
			entity: 'shops_marketplace_listing',
			entityId: `${productId}:${marketplace}`,
			after: { enabled: row.enabled, prices, categoryId: row.categoryId, typeId: row.typeId }
		});
	});
}

export interface ListingView {
	marketplace: MarketplaceId;
	saved: boolean;
	enabled: boolean;
	withdrawn: boolean;
	currency: string;
	currencies: readonly string[];
	price: string;
	oldPrice: string;
	discount: string;
	categoryId: string;
	typeId: string;
	vat: string;
	productCode: string;
	model: string;
	shortDescription: { uz: string; ru: string };
	properties: string;
	/** The category's attributes (from the map or an imported dictionary), with what she entered. */
	attributes: (AttributeRule & { values: string; dictionaryIds: string })[];
	mapVerified: boolean;
	problems: TranslatedProblem[];
	errors: number;
}

function amountText(amount: number | undefined, currency: string): string {
	if (amount === undefined) return '';
	const digits = minorExponent(currency);
	const whole = Math.floor(amount / 10 ** digits);
	const frac = amount % 10 ** digits;
	return digits && frac ? `${whole}.${String(frac).padStart(digits, '0')}` : String(whole);
}

/** A product's listings on every marketplace, each with the validator's problems in her language. */
export async function productListings(
	ctx: ServiceContext,
	shopSlug: string,
	productSlug: string
): Promise<{ product: { slug: string; demo: boolean }; listings: ListingView[] }> {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, productSlug);
	const kaspi = await accountOf(ctx, s.id, 'kaspi');
	const card = (await cardsFor(ctx, s, [p], kaspi?.kaspiStoreIds ?? [])).get(p.id)!;
	const maps = await loadMaps(ctx, s.id);
	const rows = await ctx.db.select().from(marketplaceListing).where(eq(marketplaceListing.productId, p.id));
	const listings: ListingView[] = [];
	for (const marketplace of MARKETPLACES) {
		const row = rows.find((r) => r.marketplace === marketplace);
		const account = marketplace === 'kaspi' ? kaspi : await accountOf(ctx, s.id, marketplace);
		const problems = await validateFor(ctx, marketplace, card, row, p.category, maps, account);
		const rules = rulesFor(maps, p.category, marketplace, row);
		const price = row?.prices[0];
		const currency = price?.currency ?? account?.currency ?? LISTING_CURRENCIES[marketplace][0];
		listings.push({
			marketplace,
			saved: !!row,
			enabled: row?.enabled ?? false,
			withdrawn: row?.withdrawn ?? false,
			currency,
			currencies: LISTING_CURRENCIES[marketplace],
			price: amountText(price?.amountMinor, currency),
			oldPrice: amountText(price?.oldAmountMinor, currency),
			discount: price?.discountPercent ? String(price.discountPercent) : '',
			categoryId: row?.categoryId ?? '',
			typeId: row?.typeId ? String(row.typeId) : '',
			vat: row?.vat ?? '',
			productCode: row?.productCode ?? '',
			model: row?.extra.model ?? '',
			shortDescription: {
				uz: row?.extra.shortDescription?.uz?.text ?? '',
				ru: row?.extra.shortDescription?.ru?.text ?? ''
			},
			properties: (row?.extra.properties ?? [])
				.map((pr) => [pr.name.uz, pr.value.uz, pr.name.ru, pr.value.ru].map((v) => v ?? '').join(' | '))
				.join('\n'),
			// The category's attributes are asked for before its id is chosen (the map knows them).
			attributes: (rules?.attributes ?? mappingFor(maps, p.category, marketplace)?.attributes ?? []).map(
				(rule) => {
					const given = row?.attributes.find((a) => a.id === rule.id);
					return {
						...rule,
						values: given?.values.join('; ') ?? '',
						dictionaryIds: given?.dictionaryValueIds?.join('; ') ?? ''
					};
				}
			),
			mapVerified: rules?.verified ?? false,
			problems: translateProblems(problems, ctx.locale),
			errors: problems.filter((pr) => pr.severity === 'error').length
		});
	}
	return { product: { slug: p.slug, demo: p.demo || s.demo }, listings };
}

/** The validator for one card on one marketplace with the shop's settings (currency, Kaspi stores). */
export async function validateFor(
	ctx: ServiceContext,
	marketplace: MarketplaceId,
	card: Parameters<typeof validateCard>[1],
	row: ListingRow | undefined,
	productCategory: string,
	maps: Awaited<ReturnType<typeof loadMaps>>,
	account: { currency: string | null; kaspiStoreIds: string[] } | null
): Promise<Problem[]> {
	const currency = account?.currency ?? row?.prices[0]?.currency ?? LISTING_CURRENCIES[marketplace][0];
	return validateCard(marketplace, card, {
		settings: { currency },
		category: rulesFor(maps, productCategory, marketplace, row),
		kaspiStoreIds: account?.kaspiStoreIds ?? []
	});
}

export async function listingRow(ctx: ServiceContext, productId: string, marketplace: MarketplaceId) {
	const [row] = await ctx.db
		.select()
		.from(marketplaceListing)
		.where(and(eq(marketplaceListing.productId, productId), eq(marketplaceListing.marketplace, marketplace)));
	return row ?? null;
}
