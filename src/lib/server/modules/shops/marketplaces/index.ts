/**
 * Marketplace export (issue 13): one product card checked field by field against Wildberries, Ozon,
 * Kaspi and Uzum, then sent (Wildberries, Ozon) or written in each one's own format (Kaspi XML price
 * list, Kaspi and Uzum sheets). Self-contained: it reads only `MarketplaceCard` and imports nothing
 * but core and npm packages, so the shops module wires it to products, variants and photos.
 * Limits and their sources: docs/marketplaces.md.
 */
import { checkIkpu, ikpuKind } from './ikpu';
import {
	editMapping,
	importDictionary,
	parseCategoryMaps,
	recheckMaps,
	rulesFromMapping,
	seededCategoryMaps
} from './category-maps';
import { ozonClient } from './client-ozon';
import { wildberriesClient } from './client-wildberries';
import { kaspiPriceList, kaspiPriceListStream, kaspiPriceListText } from './format-kaspi';
import {
	kaspiFeedUrl,
	newFeedToken,
	openCredentials,
	parseCredentials,
	sealCredentials
} from './credentials';
import { publicPhotoUrl } from './urls';
import { ozonImportBodies, ozonItems } from './format-ozon';
import { wildberriesBatches, wildberriesCard, wildberriesPriceTasks } from './format-wildberries';
import { kaspiSheet, sheetCsv, sheetXlsx, uzumSheet } from './sheets';
import { ozonDimensions, wildberriesDimensions } from './units';
import { hasErrors, translateProblems, validateCard } from './validate';

export const marketplaces = {
	// checks
	validateCard,
	hasErrors,
	translateProblems,
	checkIkpu,
	ikpuKind,
	// formats
	wildberriesCard,
	wildberriesBatches,
	wildberriesPriceTasks,
	ozonItems,
	ozonImportBodies,
	kaspiPriceList,
	kaspiPriceListText,
	kaspiPriceListStream,
	kaspiSheet,
	uzumSheet,
	sheetCsv,
	sheetXlsx,
	wildberriesDimensions,
	ozonDimensions,
	// clients, credentials, public URLs
	wildberriesClient,
	ozonClient,
	parseCredentials,
	sealCredentials,
	openCredentials,
	newFeedToken,
	kaspiFeedUrl,
	publicPhotoUrl,
	// category maps and dictionaries
	seededCategoryMaps,
	parseCategoryMaps,
	editMapping,
	importDictionary,
	recheckMaps,
	rulesFromMapping
};

export { MARKETPLACES, PROBLEM_CODES } from './card';
export { WILDBERRIES_HOSTS, OZON_HOSTS } from './client';
export { WILDBERRIES, OZON, KASPI, UZUM } from './rules';
export { DictionaryImportError } from './category-maps';
export { MarketplaceHttpError } from './client-http';
export { CREDENTIALS_AAD } from './credentials';
export { KASPI_FEED_HEADERS } from './format-kaspi';
export type {
	CardAttribute,
	CardPackage,
	CardPhoto,
	CardPrice,
	CardProperty,
	CardText,
	CardTexts,
	CardVariant,
	ExportSettings,
	KaspiAvailability,
	MarketplaceCard,
	MarketplaceId,
	MarketplaceListing,
	PhotoFormat,
	Problem,
	ProblemCode
} from './card';
export type { AttributeRule, CategoryRules } from './category-rules';
export type {
	CategoryMapEntry,
	CategoryMapping,
	CategoryMapsFile,
	DictionaryCategory,
	MapCheck,
	MarketplaceDictionary
} from './category-maps';
export type {
	ConnectionResult,
	ExportProgress,
	ExportRequest,
	ExportResult,
	MarketplaceClient,
	MarketplaceMessage
} from './client';
export type { ClientDeps, ClientLog } from './client-http';
export type { KaspiFeedSettings } from './format-kaspi';
export type { OzonCredentials, WildberriesCredentials } from './credentials';
export type { OzonItem } from './format-ozon';
export type { WildberriesCard } from './format-wildberries';
export type { Sheet } from './sheets';
export type { TranslatedProblem, ValidationOptions } from './validate';
