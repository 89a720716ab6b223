import type { Locale } from '#lib/i18n/locales';
import { t, type MessageKey } from '#lib/i18n/messages';
import type { ExportSettings, MarketplaceCard, MarketplaceId, Problem } from './card';
import type { CategoryRules } from './category-rules';
import { validateKaspi } from './validate-kaspi';
import { validateOzon } from './validate-ozon';
import { validateUzum } from './validate-uzum';
import { validateWildberries } from './validate-wildberries';

export interface ValidationOptions {
	/** Wildberries and Ozon: the cabinet's currency. */
	settings?: ExportSettings;
	/** The category's rules (imported dictionary, or the seeded map until then). */
	category?: CategoryRules | null;
	/** Kaspi: the shop's store point ids. */
	kaspiStoreIds?: readonly string[];
}

/** Every problem of one card for one marketplace; an `error` blocks that marketplace's export only. */
export function validateCard(
	marketplace: MarketplaceId,
	card: MarketplaceCard,
	options: ValidationOptions
): Problem[] {
	switch (marketplace) {
		case 'wildberries':
			return validateWildberries(card, options.settings ?? { currency: 'RUB' }, options.category ?? null);
		case 'ozon':
			return validateOzon(card, options.settings ?? { currency: 'RUB' }, options.category ?? null);
		case 'kaspi':
			return validateKaspi(card, options.kaspiStoreIds ?? []);
		case 'uzum':
			return validateUzum(card);
	}
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/** The field a problem is about, as a message key suffix: `variants.0.sku` → `sku`, `title.ru` → `title`. */
const FIELD_KEYS: Record<string, string> = {
	title: 'title',
	description: 'description',
	shortDescription: 'short_description',
	brand: 'brand',
	model: 'model',
	package: 'package',
	'package.lengthCm': 'length',
	'package.widthCm': 'width',
	'package.heightCm': 'height',
	'package.weightG': 'weight',
	variants: 'variants',
	sku: 'sku',
	barcode: 'barcode',
	photos: 'photos',
	category: 'category',
	typeId: 'type',
	price: 'price',
	cityPrices: 'price',
	vat: 'vat',
	availabilities: 'availabilities',
	preOrderDays: 'preorder',
	properties: 'properties',
	productCode: 'product_code',
	attributes: 'attributes'
};

function fieldKey(field: string): string {
	if (FIELD_KEYS[field]) return FIELD_KEYS[field];
	const parts = field.split('.');
	const two = parts.slice(0, 2).join('.');
	if (FIELD_KEYS[two]) return FIELD_KEYS[two];
	const last = parts.filter((p) => !/^\d+$/.test(p)).at(-1) ?? parts[0];
	return FIELD_KEYS[last] ?? FIELD_KEYS[parts[0]] ?? 'card';
}

export interface TranslatedProblem extends Problem {
	/** The field's name in her language, with the language of a text ("Title (Russian)"). */
	label: string;
	message: string;
}

function languageName(locale: Locale, code: string): string {
	return code === 'ru' || code === 'uz' ? t(locale, `marketplaces_language_${code}` as MessageKey) : code;
}

/** Problems in the maker's language, translated with the catalogue (`marketplaces_problem_<code>`). */
export function translateProblems(problems: readonly Problem[], locale: Locale): TranslatedProblem[] {
	return problems.map((problem) => {
		const params: Record<string, string | number> = { ...problem.params };
		if (typeof params.locale === 'string') params.locale = languageName(locale, params.locale);
		const field = t(locale, `marketplaces_field_${fieldKey(problem.field)}` as MessageKey);
		// A text asked for in two languages (Uzum) says which one: "Title (Russian)".
		const language = problem.field.split('.').find((part) => part === 'ru' || part === 'uz');
		const label = language
			? t(locale, 'marketplaces_field_with_language', {
					field,
					language: t(locale, `marketplaces_language_label_${language}` as MessageKey)
				})
			: field;
		const message = t(locale, `marketplaces_problem_${problem.code}` as MessageKey, params);
		return { ...problem, label, message };
	});
}
