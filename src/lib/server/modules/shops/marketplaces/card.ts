import type { Locale } from '#lib/i18n/locales';

/**
 * The export layer's own input: one product card with its per-marketplace listings. Built by the shops
 * module from a product, its variants and photos (wired after the shops branch merges); everything here
 * reads only this shape, so the validators, formats and clients stay independent of the tables.
 */
export const MARKETPLACES = ['wildberries', 'ozon', 'kaspi', 'uzum'] as const;
export type MarketplaceId = (typeof MARKETPLACES)[number];

/** One text in one language, with where it came from: a machine draft is flagged before export. */
export interface CardText {
	text: string;
	machineDraft: boolean;
}
export type CardTexts = Partial<Record<Locale, CardText>>;

/** The packed item: centimetres (decimals allowed, as measured) and grams. */
export interface CardPackage {
	lengthCm: number;
	widthCm: number;
	heightCm: number;
	weightG: number;
}

export interface CardVariant {
	/** The seller's own code for this variant (Wildberries vendorCode, Ozon offer_id, Kaspi SKU). */
	sku: string;
	/** EAN-13 or another barcode; Wildberries issues one when absent. */
	barcode?: string;
	/** A size or colour label where the variants differ ("S", "42"); absent for one-size goods. */
	size?: string;
	/** Units in stock (Kaspi availabilities). */
	stock?: number;
}

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'bmp';

/** A photo as core images stored it: a public URL (built from ORIGIN) and its real pixel size. */
export interface CardPhoto {
	url: string;
	widthPx: number;
	heightPx: number;
	format: PhotoFormat;
	bytes: number;
}

/** A price the maker entered in one currency, in integer minor units (Birge never converts). */
export interface CardPrice {
	currency: string;
	amountMinor: number;
	/** The price before a discount (Ozon old_price), same currency. */
	oldAmountMinor?: number;
	/** The price the marketplace had last (to warn of a Wildberries quarantine on a big cut). */
	previousAmountMinor?: number;
	/** Wildberries `discount`: whole per cent off `amountMinor` (which is then the price before it). */
	discountPercent?: number;
	/** The discount sent with the previous price. */
	previousDiscountPercent?: number;
}

/** One attribute value by the marketplace's own id (Wildberries characteristic, Ozon attribute). */
export interface CardAttribute {
	id: number;
	/** Values as the marketplace wants them: strings, or one number for a numeric characteristic. */
	values: (string | number)[];
	/** Ozon dictionary value ids, in the order of `values`, where the attribute has a dictionary. */
	dictionaryValueIds?: number[];
}

/** A property pair in the cabinet's two languages (Uzum: Uzbek Latin and Russian). */
export interface CardProperty {
	name: Partial<Record<Locale, string>>;
	value: Partial<Record<Locale, string>>;
}

export interface KaspiAvailability {
	storeId: string;
	stockCount?: number;
	/** Days to ship a pre-order (≤ 30 by the guide; only on an available point). */
	preOrderDays?: number;
}

export interface MarketplaceListing {
	/** Wildberries subjectID, Ozon description_category_id, Kaspi/Uzum category as its cabinet names it. */
	categoryId?: number | string;
	/** Ozon type_id. */
	typeId?: number;
	prices: CardPrice[];
	attributes: CardAttribute[];
	/** Uzbekistan's product classification code (IKPU/MXIK). */
	productCode?: string;
	/** Ozon VAT as an allowed code ("0", "0.05", "0.07", "0.1", "0.2"). */
	vat?: string;
	/** Kaspi: the store points this offer is on (the shop's store ids). */
	availabilities?: KaspiAvailability[];
	/** Kaspi: city prices (cityId → whole tenge in minor units), instead of one price. */
	cityPrices?: { cityId: string; amountMinor: number }[];
	/** Kaspi: withdraw the offer (`available="no"`), never by dropping it from the list. */
	withdrawn?: boolean;
	/** The model name Kaspi shows (defaults to the Russian title). */
	model?: string;
}

export interface MarketplaceCard {
	/** Birge's product code: the seller article when the variants do not carry their own. */
	productCode: string;
	brand?: string;
	title: CardTexts;
	description: CardTexts;
	/** Uzum's short description (1–2 sentences). */
	shortDescription?: CardTexts;
	/** Uzum's properties, each in Uzbek Latin and Russian. */
	properties?: CardProperty[];
	package: CardPackage | null;
	variants: CardVariant[];
	photos: CardPhoto[];
	listings: Partial<Record<MarketplaceId, MarketplaceListing>>;
	/** True for demo content: every sheet and feed row says so. */
	demo?: boolean;
}

/** One problem found before export: a field path, a code (a message key suffix) and its parameters. */
export interface Problem {
	field: string;
	code: ProblemCode;
	params?: Record<string, string | number>;
	/** `error` blocks this marketplace's export of this card; `warning` is shown and does not. */
	severity: 'error' | 'warning';
}

export const PROBLEM_CODES = [
	'required',
	'too_long',
	'too_few_words',
	'not_capitalised',
	'machine_draft',
	'package_missing',
	'not_positive',
	'too_heavy',
	'photos_too_few',
	'photos_too_many',
	'photo_too_small',
	'photo_format',
	'photo_too_big',
	'photo_not_public',
	'category_not_mapped',
	'type_not_mapped',
	'attribute_required',
	'attribute_too_many_values',
	'attribute_not_number',
	'attribute_no_dictionary_value',
	'price_missing',
	'price_not_whole',
	'price_not_positive',
	'price_cut_quarantine',
	'price_task_cancelled',
	'discount_quarantine',
	'currency_not_accepted',
	'vat_invalid',
	'variants_too_many',
	'sku_not_latin',
	'barcode_invalid',
	'store_missing',
	'preorder_too_long',
	'properties_too_few',
	'ikpu_length',
	'ikpu_not_digits',
	'ikpu_base_code'
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Per-marketplace settings of the shop that the validators and formats need. */
export interface ExportSettings {
	/** The currency the marketplace's cabinet uses (Wildberries, Ozon); Kaspi is KZT, Uzum UZS. */
	currency: string;
}
