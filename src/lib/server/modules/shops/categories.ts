import {
	mergeDraft,
	pickText,
	seededText,
	type DraftEntry,
	type I18nText,
	type Seed,
	type ServiceContext,
	type TranslatableEntity
} from '../../core';
import { CONTENT_LOCALES, type Locale } from '#lib/i18n/locales';
import { productCategory } from './schema';
import { categoryByCode, categoryRows, insertCategory, updateCategoryRow } from './queries';
import { queueCategoryReindex } from './category-search';
import taxonomy from '../../../../../seed/shops/categories.json';

/**
 * Birge's product categories (issue 18): the taxonomy of seed/shops/categories.json lives in
 * `shops_category`, its names per locale with their provenance (the file's non-English names are
 * machine drafts), listed in the translation workspace; the catalogue filter, the product form and the
 * cards read the names from there, and so does the products' search text (search.ts): a change of
 * names, through the workspace or the seed, queues the reindex of the category's products
 * (category-search.ts). Codes never change: products, filters and the marketplaces' category maps
 * key by them.
 */

/** The names of the categories by code, as stored. */
export type CategoryNames = Map<string, I18nText>;

export const categoryTexts: TranslatableEntity = {
	module: 'shops',
	entity: 'shops.category',
	table: productCategory,
	id: productCategory.code,
	fields: { name: productCategory.name },
	label: 'name',
	path: '/{locale}/shops?category={key}',
	// A corrected name is searchable once its products' search text follows (category-search.ts).
	async afterWrite(ctx, row) {
		await queueCategoryReindex(ctx, String(row.code));
	}
};

interface TaxonomyEntry {
	code: string;
	name: Partial<Record<Locale, string>>;
}

/** A category's names as a draft: English is Birge's own text, the others machine drafts (the file says). */
export function categoryDraft(c: TaxonomyEntry): DraftEntry {
	const draft: DraftEntry = { source: c.name.en ?? '', sourceLocale: 'en', status: {} };
	for (const l of CONTENT_LOCALES) {
		if (!c.name[l]) continue;
		draft[l] = c.name[l];
		draft.status[l] = l === 'en' ? 'source' : taxonomy.draft ? 'machine-draft' : 'reviewed';
	}
	return draft;
}

/**
 * Loads the taxonomy into `shops_category`: a new category with its names and draft marks; a stored
 * one keeps every name a person wrote or reviewed and gets only the names it lacks, and its place.
 */
export const categoriesSeed: Seed = {
	name: 'shops.categories',
	version: '1',
	kind: 'reference',
	async run(ctx) {
		const stored = new Map((await categoryRows(ctx)).map((r) => [r.code, r]));
		for (const [position, c] of (taxonomy.categories as TaxonomyEntry[]).entries()) {
			const draft = categoryDraft(c);
			const row = stored.get(c.code);
			const now = ctx.clock();
			if (!row) {
				await insertCategory(ctx, {
					code: c.code,
					name: seededText(c.name, draft.status),
					position,
					createdAt: now,
					updatedAt: now
				});
				continue;
			}
			const name = mergeDraft(row.name, draft);
			const changed = JSON.stringify(name) !== JSON.stringify(row.name);
			if (changed || row.position !== position)
				await updateCategoryRow(ctx, c.code, { name, position, updatedAt: now });
			if (changed) await queueCategoryReindex(ctx, c.code);
		}
	}
};

/** The stored names by code (for cards: one read per page). */
export async function categoryNames(ctx: ServiceContext): Promise<CategoryNames> {
	return new Map((await categoryRows(ctx)).map((r) => [r.code, r.name]));
}

/** One category's stored names (undefined for an unknown code). */
export async function categoryName(ctx: ServiceContext, code: string): Promise<I18nText | undefined> {
	return (await categoryByCode(ctx, code))?.name;
}

export interface CategoryOption {
	code: string;
	name: string;
	/** The language the name is in, when it is not hers. */
	fallbackLocale: Locale | null;
	/** True when the name is an automatic translation nobody has checked yet. */
	draft: boolean;
}

/** The categories in her language, in order (the catalogue filter, the product form). */
export async function listCategories(ctx: ServiceContext): Promise<CategoryOption[]> {
	return (await categoryRows(ctx)).map((r) => {
		const picked = pickText(r.name, ctx.locale);
		return {
			code: r.code,
			name: picked?.text ?? r.code,
			fallbackLocale: picked?.fallback ? picked.locale : null,
			draft: picked?.draft ?? false
		};
	});
}

/** A category's name in her language (the code when the category is unknown). */
export function categoryNameIn(names: CategoryNames, locale: Locale, code: string): string {
	return pickText(names.get(code), locale)?.text ?? code;
}
