import { categoriesSeed, categoryNames, categoryTexts, listCategories } from './categories';
import { reindexCategory, reindexCategoryJob } from './category-search';
import type { ModuleDefinition } from '../../core/registry';
import type { ServiceContext } from '../../core';
import { orderRequest, product, shop } from './schema';
import {
	addCoOwner,
	createShop,
	getShop,
	listShops,
	myShops,
	organizationChoices,
	removeOwner,
	shopForEdit,
	updateShop
} from './shops';
import {
	createProduct,
	getProduct,
	productForEdit,
	productForExport,
	setProductStatus,
	shopProducts,
	updateProduct
} from './products';
import { addPhoto, movePhoto, photoAvifJob, photoAvifSeed, removePhoto, setPhotoAlt } from './photos';
import {
	cancelByBuyer,
	changeRequestStatus,
	decideRequest,
	eraseOldContacts,
	getRequest,
	listRequests,
	requestByToken,
	resendLink,
	sendRequest
} from './requests';
import {
	canModerateShops,
	dismissReports,
	listReports,
	reportProduct,
	restore,
	takeDown
} from './moderation';
import { addWords, distinctWords, findProducts, searchColumns } from './search';
import { insertProduct, type ProductRow } from './queries';
import { shopsIndicators } from './indicators';
import { deliverShopMessages, deliveryJob, eraseJob } from './jobs';
import { shopsSeed } from './seed';
import { shopsOpenApi } from './openapi';
import { apiCard, apiProduct, apiShop, apiShopCard } from './api-views';
import { marketplaceAccount } from './marketplaces/schema';
import { marketplaceExportJob, marketplaceFollowupJob } from './marketplaces/export-job';
import { mapsDueForReview } from './marketplaces/maps';

// The marketplace export (issue 13) loads on first use: its clients, formats and exceljs stay out of
// every server start. Each function keeps its signature; access is checked inside, as everywhere.
type Wired = typeof import('./marketplaces/wired');
function lazy<K extends keyof Wired>(name: K): Wired[K] {
	return (async (...args: unknown[]) => {
		const wired = await import('./marketplaces/wired');
		return (wired[name] as (...a: unknown[]) => unknown)(...args);
	}) as Wired[K];
}
const marketplaceApi = {
	marketplacesOverview: lazy('marketplacesOverview'),
	saveMarketplaceAccount: lazy('saveAccount'),
	testMarketplaceConnection: lazy('testConnection'),
	kaspiFeed: lazy('kaspiFeed'),
	saveListing: lazy('saveListing'),
	productListings: lazy('productListings'),
	startExport: lazy('startExport'),
	exportRunView: lazy('exportRunView'),
	marketplaceSheet: lazy('marketplaceSheet'),
	categoryMaps: lazy('categoryMaps'),
	editCategoryMap: lazy('editCategoryMap'),
	importCategoryDictionary: lazy('importCategoryDictionary'),
	importShopDictionary: lazy('importShopDictionary'),
	shopMapChecks: lazy('shopMapChecks'),
	acceptShopCategoryMap: lazy('acceptShopCategoryMap')
};
export type { AccountView } from './marketplaces/accounts';
/** Constant only (format-kaspi.ts imports nothing heavy). */
export { KASPI_FEED_HEADERS } from './marketplaces/format-kaspi';
export type { ListingView } from './marketplaces/listings';
export type { RunView } from './marketplaces/runs';

export {
	CATEGORIES,
	MINOR_DIGITS,
	SORTS,
	isEan13,
	parseAmount,
	textsFromForm,
	shopFromForm,
	productFromForm,
	amountText,
	VARIANT_ROWS
} from './inputs';
export {
	AVAILABILITY,
	CONTACT_KINDS,
	CURRENCY_OF,
	DELIVERY_OPTIONS,
	PRODUCT_STATUSES,
	REPORT_REASONS,
	REQUEST_STATUSES,
	SHOP_COUNTRIES
} from './schema';
export type { Availability, Currency, DeliveryOption, ProductStatus, RequestStatus } from './schema';
export { TRANSITIONS, CONTACT_RETENTION_DAYS } from './requests';
export { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photos';
export type { CatalogResult } from './search';
export type { ProductForExport } from './products';
export { shopStock, type LinkableProduct } from './stock';
export type {
	PhotoView,
	PriceView,
	ProductCard,
	ProductPage,
	ShopCard,
	ShopPage,
	TextState,
	TranslationStatus,
	VariantView
} from './views';

/**
 * The shops module's public API (maker storefronts, product cards, photos, order requests). Every
 * function takes the service context first and checks access itself.
 */
export const shops = {
	// shops (shops.ts)
	createShop,
	updateShop,
	myShops,
	shopForEdit,
	organizationChoices,
	addCoOwner,
	removeOwner,
	getShop,
	listShops,
	// products (products.ts)
	createProduct,
	updateProduct,
	setProductStatus,
	shopProducts,
	productForEdit,
	getProduct,
	/** For the marketplace export: see ProductForExport. */
	productForExport,
	// photos (photos.ts)
	addPhoto,
	setPhotoAlt,
	movePhoto,
	removePhoto,
	// order requests (requests.ts)
	sendRequest,
	listRequests,
	getRequest,
	changeRequestStatus,
	decideRequest,
	requestByToken,
	cancelByBuyer,
	resendLink,
	eraseOldContacts,
	deliverShopMessages,
	// moderation (moderation.ts)
	reportProduct,
	canModerateShops,
	listReports,
	takeDown,
	restore,
	dismissReports,
	// catalogue (search.ts)
	findProducts,
	// categories (categories.ts)
	listCategories,
	// API answers (api-views.ts)
	apiCard,
	apiShopCard,
	apiShop,
	apiProduct,
	// marketplace export (marketplaces/wired.ts, loaded on first use)
	...marketplaceApi
};

/**
 * For bench/shops only (not for routes or other modules): bulk loading of generated products straight
 * into the table, bypassing access checks and history. Rows loaded this way must be labelled demo.
 */
export const shopsBench = {
	searchColumns,
	/** The categories' stored names, for `searchColumns`. */
	categoryNames,
	distinctWords,
	addWords,
	/** The job's body after a category rename (category-search.ts), to time it at size. */
	reindexCategory,
	insertShops: async (ctx: ServiceContext, rows: (typeof shop.$inferInsert & { demo: true })[]) => {
		if (rows.length) await ctx.db.insert(shop).values(rows);
	},
	insertRows: async (ctx: ServiceContext, rows: (typeof product.$inferInsert & { demo: true })[]) =>
		insertProduct(ctx, rows)
};
export type { ProductRow };

export const shopsModule: ModuleDefinition = {
	name: 'shops',
	home: { title: 'home_module_shops_title', summary: 'home_module_shops_summary', path: '/shops' },
	seeds: [categoriesSeed, shopsSeed, photoAvifSeed],
	translatable: [categoryTexts],
	jobs: [
		eraseJob,
		deliveryJob,
		marketplaceExportJob,
		marketplaceFollowupJob,
		photoAvifJob,
		reindexCategoryJob
	],
	dueForReview: mapsDueForReview,
	indicators: shopsIndicators,
	openapi: shopsOpenApi,
	encryptedFields: [
		{
			table: orderRequest,
			id: orderRequest.id,
			column: orderRequest.buyerName,
			aad: 'shops_request.buyer_name'
		},
		{ table: orderRequest, id: orderRequest.id, column: orderRequest.contact, aad: 'shops_request.contact' },
		{ table: orderRequest, id: orderRequest.id, column: orderRequest.city, aad: 'shops_request.city' },
		{ table: orderRequest, id: orderRequest.id, column: orderRequest.message, aad: 'shops_request.message' },
		{
			table: marketplaceAccount,
			id: marketplaceAccount.id,
			column: marketplaceAccount.credentials,
			aad: 'shops_marketplace_account.credentials'
		}
	]
};
