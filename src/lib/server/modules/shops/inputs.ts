import { z } from 'zod';
import { i18nTextSchema } from '../../core/text';
import { LOCALES } from '#lib/i18n/locales';
import {
	AVAILABILITY,
	CONTACT_KINDS,
	CURRENCIES,
	DELIVERY_OPTIONS,
	PRODUCT_STATUSES,
	REPORT_REASONS,
	REQUEST_STATUSES,
	SHOP_COUNTRIES,
	type Currency
} from './schema';
import taxonomy from '../../../../../seed/shops/categories.json';

/**
 * The codes of Birge's product categories (seed/shops/categories.json), for validating input; their
 * names are read from `shops_category` (categories.ts), where translators correct them.
 */
export const CATEGORIES = taxonomy.categories.map((c) => c.code) as [string, ...string[]];

/** Empty form values mean "not given". */
const blank = (v: unknown) => (v === '' || v === null || v === undefined ? undefined : v);
const num = (v: unknown) => {
	const b = blank(v);
	if (typeof b === 'string') {
		const n = Number(
			b
				.trim()
				.replace(/[\s\u00a0]/g, '')
				.replace(',', '.')
		);
		return Number.isFinite(n) ? n : b;
	}
	return b;
};
const optionalInt = (min: number, max: number) =>
	z.preprocess(num, z.number().int().min(min).max(max).nullable().optional());

/** Lower-case Latin letters, digits and hyphens, 3 to 60 characters, no leading or trailing hyphen. */
export const slugSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/, { error: 'shops_error_slug' });

/** A per-locale text where at least one language is filled. */
const requiredText = (max: number) =>
	i18nTextSchema
		.refine((t) => Object.values(t).every((v) => typeof v !== 'string' || v.length <= max), {
			error: 'shops_error_text_long'
		})
		.refine((t) => Object.values(t).some((v) => typeof v === 'string' && v.length > 0), {
			error: 'shops_error_text_required'
		});
const optionalText = (max: number) =>
	i18nTextSchema.refine((t) => Object.values(t).every((v) => typeof v !== 'string' || v.length <= max), {
		error: 'shops_error_text_long'
	});

/** EAN-13: 13 digits whose last is the GS1 check digit of the first twelve. */
export function isEan13(code: string): boolean {
	if (!/^\d{13}$/.test(code)) return false;
	let sum = 0;
	for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
	return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/** The seller's article: letters, digits, dot, underscore, hyphen, slash; 1 to 50 characters. */
export const skuSchema = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,49}$/, { error: 'shops_error_sku' });

export const barcodeSchema = z.preprocess(
	(v) => (typeof v === 'string' ? v.replace(/\s/g, '') || undefined : v),
	z.string().refine(isEan13, { error: 'shops_error_ean13' }).nullable().optional()
);

/** Digits a currency is shown with: UZS without decimals, the others with two (tyiyn, tiyn, diram). */
export const MINOR_DIGITS: Record<Currency, number> = { KGS: 2, KZT: 2, TJS: 2, UZS: 0 };

/** "1 250,50" → 125050 minor units (UZS: whole sums only). null when it is not an amount. */
export function parseAmount(value: string, currency: Currency): number | null {
	const s = value
		.trim()
		.replace(/[\s\u00a0]/g, '')
		.replace(',', '.');
	const digits = MINOR_DIGITS[currency];
	const re = digits ? /^\d{1,12}(\.\d{1,2})?$/ : /^\d{1,15}$/;
	if (!re.test(s)) return null;
	const [whole, frac = ''] = s.split('.');
	const minor = Number(whole) * 10 ** digits + Number((frac + '00').slice(0, digits) || 0);
	return Number.isSafeInteger(minor) ? minor : null;
}

/** Price in integer minor units: a number (API), or the form's typed amount (with `currency`). */
const priceSchema = z
	.number({ error: 'shops_error_price' })
	.int({ error: 'shops_error_price' })
	.min(1, { error: 'shops_error_price' })
	.max(2_000_000_000, { error: 'shops_error_price' });

const cm = z.preprocess(
	num,
	z
		.number({ error: 'shops_error_dimension' })
		.min(0.1, { error: 'shops_error_dimension' })
		.max(500, { error: 'shops_error_dimension' })
);
export const dimensionsSchema = z.object({ lengthCm: cm, widthCm: cm, heightCm: cm }).transform((d) => ({
	lengthCm: Math.round(d.lengthCm * 10) / 10,
	widthCm: Math.round(d.widthCm * 10) / 10,
	heightCm: Math.round(d.heightCm * 10) / 10
}));

const telegramHandle = z.preprocess(
	(v) =>
		typeof v === 'string'
			? v
					.trim()
					.replace(/^@/, '')
					.replace(/^https?:\/\/t\.me\//, '') || undefined
			: v,
	z
		.string()
		.regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/, { error: 'shops_error_telegram' })
		.nullable()
		.optional()
);

const divisionCode = z.preprocess(
	blank,
	z
		.string()
		.trim()
		.regex(/^[A-Z0-9-]{2,20}$/, { error: 'error_field_invalid' })
		.nullable()
		.optional()
);

/** Shop addresses the catalogue's own pages use (/shops/all, /shops/moderation, /shops/requests/…). */
const RESERVED_SLUGS = new Set(['all', 'moderation', 'requests']);

export const shopInput = z.object({
	slug: slugSchema.refine((s) => !RESERVED_SLUGS.has(s), { error: 'shops_error_slug_taken' }),
	name: requiredText(120),
	story: optionalText(5000).default({}),
	country: z.enum(SHOP_COUNTRIES),
	region: divisionCode,
	district: divisionCode,
	village: divisionCode,
	crafts: optionalText(300).default({}),
	languages: z.array(z.enum(LOCALES)).max(6).default([]),
	delivery: z.array(z.enum(DELIVERY_OPTIONS)).max(4).default([]),
	paymentNotes: optionalText(1000).default({}),
	telegram: telegramHandle,
	organizationId: z.preprocess(blank, z.string().max(100).nullable().optional())
});
export type ShopInput = z.input<typeof shopInput>;

export const variantInput = z.object({
	size: z.preprocess(blank, z.string().trim().max(40).nullable().optional()),
	colour: z.preprocess(blank, z.string().trim().max(40).nullable().optional()),
	sku: skuSchema,
	barcode: barcodeSchema,
	priceMinor: z.preprocess(blank, priceSchema.nullable().optional()),
	quantity: optionalInt(0, 1_000_000)
});
export type VariantInput = z.input<typeof variantInput>;

export const productInput = z
	.object({
		slug: slugSchema,
		title: requiredText(150),
		description: optionalText(5000).default({}),
		category: z.enum(CATEGORIES, { error: 'shops_error_category' }),
		materials: optionalText(300).default({}),
		itemSize: dimensionsSchema.nullable().optional(),
		packageSize: dimensionsSchema.nullable().optional(),
		weightG: optionalInt(1, 100_000),
		priceMinor: priceSchema,
		availability: z.enum(AVAILABILITY),
		leadTimeDays: optionalInt(1, 365),
		quantity: optionalInt(0, 1_000_000),
		variants: z.array(variantInput).max(50).default([])
	})
	.superRefine((p, ctx) => {
		if (p.availability === 'made_to_order' && !p.leadTimeDays)
			ctx.addIssue({ code: 'custom', path: ['leadTimeDays'], message: 'shops_error_lead_time' });
		if (p.availability === 'in_stock' && (p.quantity === null || p.quantity === undefined))
			ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'shops_error_quantity' });
		const skus = new Set<string>();
		p.variants.forEach((v, i) => {
			if (skus.has(v.sku.toLowerCase()))
				ctx.addIssue({ code: 'custom', path: ['variants', i, 'sku'], message: 'shops_error_sku_taken' });
			skus.add(v.sku.toLowerCase());
		});
	});
export type ProductInput = z.input<typeof productInput>;
export type ProductData = z.output<typeof productInput>;

export const productStatusInput = z.enum(PRODUCT_STATUSES);

export const photoAltInput = optionalText(300);

/** The request form: who she is and how to reach her, what she wants. */
export const requestInput = z
	.object({
		buyerName: z.string().trim().min(1).max(100),
		contactKind: z.enum(CONTACT_KINDS),
		contact: z.string().trim().min(3).max(100),
		city: z.string().trim().min(1).max(100),
		variantId: z.preprocess(blank, z.string().max(100).nullable().optional()),
		quantity: z.preprocess(num, z.number().int().min(1).max(10_000)),
		message: z.preprocess(blank, z.string().trim().max(2000).nullable().optional()),
		/** The honeypot: a field people never see; anything in it is a robot. */
		website: z.preprocess(blank, z.string().max(500).nullable().optional())
	})
	.superRefine((r, ctx) => {
		if (r.contactKind === 'phone' && !/^\+?[0-9][0-9\s\-()]{6,20}$/.test(r.contact))
			ctx.addIssue({ code: 'custom', path: ['contact'], message: 'error_field_phone' });
		if (r.contactKind === 'telegram' && !/^@?[A-Za-z][A-Za-z0-9_]{4,31}$/.test(r.contact))
			ctx.addIssue({ code: 'custom', path: ['contact'], message: 'shops_error_telegram' });
	});
export type RequestInput = z.input<typeof requestInput>;

export const statusChangeInput = z.object({
	status: z.enum(REQUEST_STATUSES),
	note: z.preprocess(blank, z.string().trim().max(1000).nullable().optional())
});

export const reportInput = z.object({
	reason: z.enum(REPORT_REASONS),
	message: z.preprocess(blank, z.string().trim().max(2000).nullable().optional())
});

export const takedownInput = z.object({ reason: z.string().trim().min(5).max(1000) });

export const SORTS = ['new', 'price_asc', 'price_desc', 'relevance'] as const;

export const catalogInput = z.object({
	q: z.preprocess(blank, z.string().trim().max(200).optional()),
	country: z.preprocess(blank, z.enum(SHOP_COUNTRIES).optional()),
	region: z.preprocess(
		blank,
		z
			.string()
			.regex(/^[A-Z]{2}-[A-Z0-9-]{1,12}$/)
			.optional()
	),
	category: z.preprocess(blank, z.enum(CATEGORIES).optional()),
	/** Whole units of the currency (the filter is typed by a person); needs `country` to mean anything. */
	priceMin: z.preprocess(num, z.number().int().min(0).max(1e9).optional()),
	priceMax: z.preprocess(num, z.number().int().min(0).max(1e9).optional()),
	availability: z.preprocess(blank, z.enum(AVAILABILITY).optional()),
	sort: z.preprocess(blank, z.enum(SORTS).optional()),
	page: z.preprocess(num, z.number().int().min(1).max(1000).default(1)),
	pageSize: z.preprocess(num, z.number().int().min(1).max(60).default(24))
});
export type CatalogInput = z.input<typeof catalogInput>;

export const requestListInput = z.object({
	status: z.preprocess(blank, z.enum(REQUEST_STATUSES).optional()),
	page: z.preprocess(num, z.number().int().min(1).max(10000).default(1))
});

export { CURRENCIES };

/** Per-locale text from a form's `<name>_<locale>` fields. */
export function textsFromForm(form: FormData, name: string): Record<string, string> {
	return Object.fromEntries(LOCALES.map((l) => [l, String(form.get(`${name}_${l}`) ?? '')]));
}

const str = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** The shop profile form → the service's input (strings as typed; the service validates). */
export function shopFromForm(form: FormData): Record<string, unknown> {
	return {
		slug: str(form, 'slug'),
		name: textsFromForm(form, 'name'),
		story: textsFromForm(form, 'story'),
		country: str(form, 'country'),
		region: str(form, 'region'),
		district: str(form, 'district'),
		village: str(form, 'village'),
		crafts: textsFromForm(form, 'crafts'),
		languages: form.getAll('languages').map(String),
		delivery: form.getAll('delivery').map(String),
		paymentNotes: textsFromForm(form, 'paymentNotes'),
		telegram: str(form, 'telegram'),
		organizationId: str(form, 'organizationId')
	};
}

/** How many variant rows the product form shows (filled ones plus blank rows to add). */
export const VARIANT_ROWS = 6;

/** The product form → the service's input. The price is typed in the shop's currency ("1 500,50"). */
export function productFromForm(form: FormData, currency: Currency): Record<string, unknown> {
	const dims = (prefix: string) => {
		const d = {
			lengthCm: str(form, `${prefix}_length`),
			widthCm: str(form, `${prefix}_width`),
			heightCm: str(form, `${prefix}_height`)
		};
		return Object.values(d).every((v) => !v.trim()) ? null : d;
	};
	const amount = (name: string) => {
		const raw = str(form, name);
		if (!raw.trim()) return null;
		return parseAmount(raw, currency) ?? raw;
	};
	const variants = [];
	for (let i = 0; i < VARIANT_ROWS; i++) {
		const sku = str(form, `variant_${i}_sku`);
		const size = str(form, `variant_${i}_size`);
		const colour = str(form, `variant_${i}_colour`);
		if (!sku.trim() && !size.trim() && !colour.trim()) continue;
		variants.push({
			sku,
			size,
			colour,
			barcode: str(form, `variant_${i}_barcode`),
			priceMinor: amount(`variant_${i}_price`),
			quantity: str(form, `variant_${i}_quantity`)
		});
	}
	return {
		slug: str(form, 'slug'),
		title: textsFromForm(form, 'title'),
		description: textsFromForm(form, 'description'),
		category: str(form, 'category'),
		materials: textsFromForm(form, 'materials'),
		itemSize: dims('itemSize'),
		packageSize: dims('packageSize'),
		weightG: str(form, 'weightG'),
		priceMinor: amount('price') ?? '',
		availability: str(form, 'availability'),
		leadTimeDays: str(form, 'leadTimeDays'),
		quantity: str(form, 'quantity'),
		variants
	};
}

/** An amount in minor units as the form shows it again ("1500.50"; UZS whole). */
export function amountText(minor: number | null, currency: Currency): string {
	if (minor === null) return '';
	const digits = MINOR_DIGITS[currency];
	if (!digits) return String(minor);
	const whole = Math.floor(minor / 100);
	const frac = minor % 100;
	return frac ? `${whole}.${String(frac).padStart(2, '0')}` : String(whole);
}
