import { pickText, reviewIsStale, statusOf, textIn, type I18nText, type ServiceContext } from '../../core';
import type { ImageInfo } from '../../core/images';
import { CONTENT_LOCALES, type Locale } from '#lib/i18n/locales';
import { formatMoney } from '#lib/i18n/format';
import { MINOR_DIGITS } from './inputs';
import { categoryNameIn, type CategoryNames } from './categories';
import type { CardRow, ProductRow, VariantRow } from './queries';
import type { Availability, Currency, DeliveryOption, Dimensions, ProductStatus, Takedown } from './schema';

/** What pages and the API show of shops and products (plain data: components import these as types). */

export interface PhotoView {
	id: string;
	alt: string;
	width: number;
	height: number;
	/** The master (largest) and the srcsets per format. */
	src: string;
	jpeg: string;
	webp: string;
	/** Empty until the AVIF job has made the copies (after the upload). */
	avif: string;
	/** The smallest JPEG: a card's fallback `src`. */
	small: string;
}

export interface PriceView {
	minor: number;
	currency: Currency;
	/** Formatted in the page's language (UZS without decimals). */
	text: string;
}

export interface ProductCard {
	slug: string;
	shopSlug: string;
	shopName: string;
	title: string;
	titleLocale: Locale;
	price: PriceView;
	availability: Availability;
	leadTimeDays: number | null;
	category: string;
	categoryName: string;
	country: string;
	region: string | null;
	photo: PhotoView | null;
	demo: boolean;
	path: string;
}

export interface ShopCard {
	slug: string;
	name: string;
	country: string;
	region: string | null;
	crafts: string;
	products: number;
	demo: boolean;
	path: string;
}

export interface ShopPage {
	id: string;
	slug: string;
	name: string;
	story: string;
	storyLocale: Locale | null;
	storyFallback: boolean;
	country: string;
	region: string | null;
	district: string | null;
	village: string | null;
	currency: Currency;
	crafts: string;
	languages: string[];
	delivery: DeliveryOption[];
	paymentNotes: string;
	telegram: string | null;
	/** The organization that runs the shop (its name), when not one maker alone. */
	organization: string | null;
	demo: boolean;
	takedown: Takedown | null;
	products: ProductCard[];
	path: string;
	/** The first listed product's preview image, for the shop's link preview. */
	ogImage: string | null;
}

export interface VariantView {
	id: string;
	size: string | null;
	colour: string | null;
	sku: string;
	barcode: string | null;
	price: PriceView | null;
	quantity: number | null;
}

/**
 * Where a language's text stands: the maker's own text (`source`), a translation a person checked
 * (`reviewed`), one checked before the source changed (`stale`), an automatic translation nobody has
 * checked (`machine-draft`), or none.
 */
export const TEXT_STATES = ['source', 'reviewed', 'stale', 'machine-draft', 'missing'] as const;
export type TextState = (typeof TEXT_STATES)[number];

export interface TranslationStatus {
	locale: Locale;
	title: boolean;
	description: boolean;
	titleState: TextState;
	descriptionState: TextState;
}

export interface ProductPage extends ProductCard {
	id: string;
	status: ProductStatus;
	description: string;
	descriptionLocale: Locale | null;
	descriptionFallback: boolean;
	materials: string;
	itemSize: Dimensions | null;
	packageSize: Dimensions | null;
	weightG: number | null;
	quantity: number | null;
	variants: VariantView[];
	photos: PhotoView[];
	shopCountry: string;
	shopDelivery: DeliveryOption[];
	shopTelegram: string | null;
	translations: TranslationStatus[];
	takedown: Takedown | null;
	/** The 1200×630 preview made from the first photo (its content-hashed path). */
	ogImage: string | null;
}

export function priceView(locale: Locale, minor: number, currency: Currency): PriceView {
	return { minor, currency, text: formatMoney(locale, minor / 10 ** MINOR_DIGITS[currency], currency) };
}

export function photoView(locale: Locale, p: NonNullable<CardRow['photo']>): PhotoView {
	const img: ImageInfo = p.image;
	const set = (format: 'jpeg' | 'webp' | 'avif') =>
		img.variants
			.filter((v) => v.format === format)
			.map((v) => `${v.url} ${v.width}w`)
			.join(', ');
	const smallest = img.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width)[0];
	return {
		id: p.id,
		alt: textIn(p.alt, locale),
		width: p.width,
		height: p.height,
		src: img.url,
		jpeg: set('jpeg'),
		webp: set('webp'),
		avif: set('avif'),
		small: smallest?.url ?? img.url
	};
}

export const productPath = (locale: Locale, shopSlug: string, slug: string) =>
	`/${locale}/shops/${shopSlug}/${slug}`;

export function toCard(
	ctx: ServiceContext,
	p: CardRow['product'],
	s: CardRow['shop'],
	first: CardRow['photo'] | undefined,
	categories: CategoryNames
): ProductCard {
	const title = pickText(p.title, ctx.locale);
	return {
		slug: p.slug,
		shopSlug: s.slug,
		shopName: textIn(s.name, ctx.locale),
		title: title?.text ?? p.slug,
		titleLocale: title?.locale ?? ctx.locale,
		price: priceView(ctx.locale, p.priceMinor, p.currency),
		availability: p.availability,
		leadTimeDays: p.leadTimeDays,
		category: p.category,
		categoryName: categoryNameIn(categories, ctx.locale, p.category),
		country: p.country,
		region: p.region,
		photo: first ? photoView(ctx.locale, first) : null,
		demo: p.demo,
		path: productPath(ctx.locale, s.slug, p.slug)
	};
}

/** The state of one language of a text (core provenance: the marks the content workspace keeps). */
export function textState(text: I18nText | null | undefined, locale: Locale): TextState {
	const status = statusOf(text, locale);
	if (!status) return 'missing';
	if (status === 'reviewed' && reviewIsStale(text, locale)) return 'stale';
	return status;
}

export function translationStatus(p: Pick<ProductRow, 'title' | 'description'>): TranslationStatus[] {
	return CONTENT_LOCALES.map((locale) => {
		const titleState = textState(p.title, locale);
		const descriptionState = textState(p.description, locale);
		return {
			locale,
			title: titleState !== 'missing',
			description: descriptionState !== 'missing',
			titleState,
			descriptionState
		};
	});
}

export function variantView(locale: Locale, v: VariantRow, currency: Currency): VariantView {
	return {
		id: v.id,
		size: v.size,
		colour: v.colour,
		sku: v.sku,
		barcode: v.barcode,
		price: v.priceMinor === null ? null : priceView(locale, v.priceMinor, currency),
		quantity: v.quantity
	};
}
