import { z } from 'zod';
import { publicLink } from '../../core';
import { AVAILABILITY, CURRENCIES, DELIVERY_OPTIONS, SHOP_COUNTRIES } from './schema';
import {
	TEXT_STATES,
	type PhotoView,
	type ProductCard,
	type ProductPage,
	type ShopCard,
	type ShopPage
} from './views';

/** The JSON API's answers (zod, documented in /api/v1/openapi.json); links absolute on the origin. */

const price = z.object({
	minor: z.number().int().meta({ description: 'Integer minor units of the currency (UZS has none)' }),
	currency: z.enum(CURRENCIES),
	text: z.string().meta({ description: 'Formatted in the requested language' })
});
const photo = z.object({
	url: z.string().meta({ description: 'The largest copy (at most 2560 px)' }),
	width: z.number().int(),
	height: z.number().int(),
	alt: z.string(),
	srcset: z.string().meta({ description: 'JPEG widths, "url 320w, …"' })
});
export const productCardView = z
	.object({
		shop: z.string(),
		shopName: z.string(),
		slug: z.string(),
		title: z.string(),
		price,
		availability: z.enum(AVAILABILITY),
		leadTimeDays: z.number().int().nullable(),
		category: z.string(),
		country: z.enum(SHOP_COUNTRIES),
		region: z.string().nullable(),
		photos: z.array(photo),
		demo: z.boolean(),
		url: z.string()
	})
	.meta({ id: 'ShopProductCard' });
export const productPageView = z
	.object({
		items: z.array(productCardView),
		total: z.number().int(),
		more: z.boolean(),
		page: z.number().int(),
		pageSize: z.number().int(),
		suggestions: z.array(z.string())
	})
	.meta({ id: 'ShopProductPage' });
export const shopCardView = z
	.object({
		slug: z.string(),
		name: z.string(),
		country: z.enum(SHOP_COUNTRIES),
		region: z.string().nullable(),
		crafts: z.string(),
		products: z.number().int(),
		demo: z.boolean(),
		url: z.string()
	})
	.meta({ id: 'ShopCard' });
export const shopListView = z
	.object({ items: z.array(shopCardView), total: z.number().int(), page: z.number().int() })
	.meta({ id: 'ShopList' });
export const shopView = shopCardView
	.extend({
		story: z.string(),
		district: z.string().nullable(),
		village: z.string().nullable(),
		languages: z.array(z.string()),
		delivery: z.array(z.enum(DELIVERY_OPTIONS)),
		paymentNotes: z.string(),
		telegram: z.string().nullable().meta({ description: 'Public only when the maker chose it' }),
		items: z.array(productCardView)
	})
	.meta({ id: 'Shop' });
export const productView = productCardView
	.extend({
		description: z.string(),
		materials: z.string(),
		itemSize: z.object({ lengthCm: z.number(), widthCm: z.number(), heightCm: z.number() }).nullable(),
		packageSize: z.object({ lengthCm: z.number(), widthCm: z.number(), heightCm: z.number() }).nullable(),
		weightG: z.number().int().nullable(),
		quantity: z.number().int().nullable(),
		variants: z.array(
			z.object({
				id: z.string(),
				size: z.string().nullable(),
				colour: z.string().nullable(),
				sku: z.string(),
				barcode: z.string().nullable(),
				price: price.nullable(),
				quantity: z.number().int().nullable()
			})
		),
		translations: z.array(
			z.object({
				locale: z.string(),
				title: z.boolean(),
				description: z.boolean(),
				titleState: z.enum(TEXT_STATES).meta({
					description:
						"source: the maker's text; reviewed: a translation a person checked; stale: checked before the source changed; machine-draft: an automatic translation nobody checked; missing"
				}),
				descriptionState: z.enum(TEXT_STATES)
			})
		)
	})
	.meta({ id: 'ShopProduct' });
export const requestCreatedView = z
	.object({
		status: z.literal('new'),
		url: z.string().meta({ description: "The buyer's private link: keep it, it is the only way back" })
	})
	.meta({ id: 'ShopRequestCreated' });

const abs = (path: string, origin: string) => publicLink(path, origin) ?? path;

function photoOut(p: PhotoView, origin: string) {
	return {
		url: abs(p.src, origin),
		width: p.width,
		height: p.height,
		alt: p.alt,
		srcset: p.jpeg
			.split(', ')
			.filter(Boolean)
			.map((s) => abs(s, origin))
			.join(', ')
	};
}

export function apiCard(
	c: ProductCard,
	origin: string,
	photos?: PhotoView[]
): z.infer<typeof productCardView> {
	return {
		shop: c.shopSlug,
		shopName: c.shopName,
		slug: c.slug,
		title: c.title,
		price: c.price,
		availability: c.availability,
		leadTimeDays: c.leadTimeDays,
		category: c.category,
		country: c.country as z.infer<typeof productCardView>['country'],
		region: c.region,
		photos: (photos ?? (c.photo ? [c.photo] : [])).map((p) => photoOut(p, origin)),
		demo: c.demo,
		url: origin + c.path
	};
}

export function apiShopCard(s: ShopCard, origin: string): z.infer<typeof shopCardView> {
	return {
		slug: s.slug,
		name: s.name,
		country: s.country as z.infer<typeof shopCardView>['country'],
		region: s.region,
		crafts: s.crafts,
		products: s.products,
		demo: s.demo,
		url: origin + s.path
	};
}

export function apiShop(s: ShopPage, origin: string): z.infer<typeof shopView> {
	return {
		slug: s.slug,
		name: s.name,
		country: s.country as z.infer<typeof shopView>['country'],
		region: s.region,
		crafts: s.crafts,
		products: s.products.length,
		demo: s.demo,
		url: origin + s.path,
		story: s.story,
		district: s.district,
		village: s.village,
		languages: s.languages,
		delivery: s.delivery,
		paymentNotes: s.paymentNotes,
		telegram: s.telegram,
		items: s.products.map((p) => apiCard(p, origin))
	};
}

export function apiProduct(p: ProductPage, origin: string): z.infer<typeof productView> {
	return {
		...apiCard(p, origin, p.photos),
		description: p.description,
		materials: p.materials,
		itemSize: p.itemSize,
		packageSize: p.packageSize,
		weightG: p.weightG,
		quantity: p.quantity,
		variants: p.variants,
		translations: p.translations
	};
}
