import { z } from 'zod';
import seed from '../../../../../../seed/marketplaces/category-maps.json';
import type { MarketplaceId } from './card';
import type { AttributeRule, CategoryRules } from './category-rules';

/**
 * Category maps as data: a Birge category (felt goods, knitted toys…) → each marketplace's category and
 * the attributes it requires. Seeded in `seed/marketplaces/category-maps.json`, every entry
 * "unverified" until re-checked against the marketplace's own dictionary, which a maker or staff member
 * saves from its API or cabinet as JSON and imports here. Staff edit entries with `editMapping`.
 */
const localeText = z.record(z.string(), z.string());

const attributeRule = z.object({
	id: z.number().int(),
	name: z.string(),
	required: z.boolean(),
	kind: z.enum(['strings', 'number', 'dictionary']),
	maxCount: z.number().int().min(0),
	unitName: z.string().optional(),
	namedField: z.boolean().optional()
});

const mapping = z.object({
	/** unverified: seeded or edited, not yet matched to a dictionary; checked: matched on `checkedAt`. */
	status: z.enum(['unverified', 'checked']),
	categoryId: z.union([z.number().int(), z.string()]).nullable(),
	typeId: z.number().int().nullable().optional(),
	categoryName: z.string().nullable(),
	/** Words to look for in the dictionary's category names when no id is set yet. */
	searchTerms: z.array(z.string()),
	attributes: z.array(attributeRule),
	descriptionMax: z.number().int().optional(),
	checkedAt: z.string().nullable().optional(),
	note: z.string().optional()
});
export type CategoryMapping = z.infer<typeof mapping>;

const entry = z.object({
	birgeCategory: z.string().regex(/^[a-z0-9-]+$/),
	name: localeText,
	marketplaces: z.partialRecord(z.enum(['wildberries', 'ozon', 'kaspi', 'uzum']), mapping)
});
export type CategoryMapEntry = z.infer<typeof entry>;

export const categoryMapsFile = z.object({
	$meta: z
		.object({ what: z.string(), status: z.string(), source: z.string(), checked: z.string().nullable() })
		.loose(),
	maps: z.array(entry)
});
export type CategoryMapsFile = z.infer<typeof categoryMapsFile>;

export function parseCategoryMaps(json: unknown): CategoryMapsFile {
	return categoryMapsFile.parse(json);
}

/** The validators' rules for one product's mapped category (null when not mapped). */
export function rulesFromMapping(
	marketplace: MarketplaceId,
	m: CategoryMapping | undefined
): CategoryRules | null {
	if (!m || m.categoryId === null) return null;
	return {
		marketplace,
		categoryId: m.categoryId,
		typeId: m.typeId ?? undefined,
		descriptionMax: m.descriptionMax,
		attributes: m.attributes,
		verified: m.status === 'checked'
	};
}

/** A staff edit: any change makes the entry unverified again until the next re-check. */
export function editMapping(
	maps: CategoryMapEntry[],
	birgeCategory: string,
	marketplace: MarketplaceId,
	patch: Partial<
		Pick<CategoryMapping, 'categoryId' | 'typeId' | 'categoryName' | 'searchTerms' | 'attributes'>
	>
): CategoryMapEntry[] {
	return maps.map((e) => {
		if (e.birgeCategory !== birgeCategory) return e;
		const before: CategoryMapping = e.marketplaces[marketplace] ?? {
			status: 'unverified',
			categoryId: null,
			categoryName: null,
			searchTerms: [],
			attributes: []
		};
		const next = mapping.parse({ ...before, ...patch, status: 'unverified', checkedAt: null });
		return { ...e, marketplaces: { ...e.marketplaces, [marketplace]: next } };
	});
}

// ——— Imported dictionaries ———

export interface DictionaryCategory {
	id: number;
	name: string;
	/** Parent names, outermost first. */
	path: string[];
	typeId?: number;
	disabled?: boolean;
}

export interface MarketplaceDictionary {
	marketplace: 'wildberries' | 'ozon';
	categories: DictionaryCategory[];
	/** Attribute rules per category key (`subjectID`, or `description_category_id:type_id`). */
	attributes: Map<string, AttributeRule[]>;
}

const wbSubjects = z.object({
	data: z.array(
		z
			.object({
				subjectID: z.number(),
				parentID: z.number().optional(),
				subjectName: z.string(),
				parentName: z.string().optional()
			})
			.loose()
	)
});
const wbCharcs = z.object({
	data: z.array(
		z
			.object({
				charcID: z.number(),
				subjectID: z.number(),
				name: z.string(),
				required: z.boolean(),
				unitName: z.string().optional(),
				maxCount: z.number().optional(),
				charcType: z.number(),
				existNamedField: z.boolean().optional()
			})
			.loose()
	)
});
interface OzonNode {
	description_category_id?: number;
	category_name?: string;
	type_id?: number;
	type_name?: string;
	disabled?: boolean;
	children?: OzonNode[];
}
const ozonNode: z.ZodType<OzonNode> = z.lazy(() =>
	z
		.object({
			description_category_id: z.number().optional(),
			category_name: z.string().optional(),
			type_id: z.number().optional(),
			type_name: z.string().optional(),
			disabled: z.boolean().optional(),
			children: z.array(ozonNode).optional()
		})
		.loose()
);
const ozonTree = z.object({ result: z.array(ozonNode) });
const ozonAttributes = z.object({
	result: z.array(
		z
			.object({
				id: z.number(),
				name: z.string(),
				is_required: z.boolean(),
				is_collection: z.boolean().optional(),
				dictionary_id: z.number().optional(),
				type: z.string().optional(),
				max_value_count: z.number().optional()
			})
			.loose()
	)
});

export class DictionaryImportError extends Error {
	constructor(readonly reason: 'unrecognised' | 'category_required') {
		super(reason);
		this.name = 'DictionaryImportError';
	}
}

/**
 * Reads a saved dictionary response: Wildberries `/content/v2/object/all` (subjects) or
 * `/content/v2/object/charcs/{subjectId}` (characteristics); Ozon `/v1/description-category/tree` or
 * `/v1/description-category/attribute` (whose answer does not name its category, so the ids it was
 * asked for come with it). Several files merge into one dictionary.
 */
export function importDictionary(
	marketplace: 'wildberries' | 'ozon',
	json: unknown,
	into?: MarketplaceDictionary,
	requested?: { categoryId: number; typeId?: number }
): MarketplaceDictionary {
	const dict: MarketplaceDictionary = into ?? { marketplace, categories: [], attributes: new Map() };
	if (marketplace === 'wildberries') {
		const charcs = wbCharcs.safeParse(json);
		if (charcs.success && charcs.data.data.length > 0) {
			for (const c of charcs.data.data) {
				const key = String(c.subjectID);
				const list = dict.attributes.get(key) ?? [];
				list.push({
					id: c.charcID,
					name: c.name,
					required: c.required,
					kind: c.charcType === 4 ? 'number' : 'strings',
					maxCount: c.maxCount ?? 0,
					unitName: c.unitName || undefined,
					namedField: c.existNamedField || undefined
				});
				dict.attributes.set(key, list);
			}
			return dict;
		}
		const subjects = wbSubjects.safeParse(json);
		if (subjects.success) {
			for (const s of subjects.data.data)
				dict.categories.push({
					id: s.subjectID,
					name: s.subjectName,
					path: s.parentName ? [s.parentName] : []
				});
			return dict;
		}
		throw new DictionaryImportError('unrecognised');
	}
	const attributes = ozonAttributes.safeParse(json);
	if (
		attributes.success &&
		attributes.data.result.length > 0 &&
		'is_required' in (attributes.data.result[0] as object)
	) {
		if (!requested) throw new DictionaryImportError('category_required');
		dict.attributes.set(
			`${requested.categoryId}:${requested.typeId ?? ''}`,
			attributes.data.result.map((a) => ({
				id: a.id,
				name: a.name,
				required: a.is_required,
				kind: a.dictionary_id
					? 'dictionary'
					: a.type === 'Integer' || a.type === 'Decimal'
						? 'number'
						: 'strings',
				maxCount: a.is_collection ? (a.max_value_count ?? 0) : 1
			}))
		);
		return dict;
	}
	const tree = ozonTree.safeParse(json);
	if (!tree.success) throw new DictionaryImportError('unrecognised');
	const walk = (nodes: OzonNode[], path: string[], categoryId?: number, disabled = false) => {
		for (const node of nodes) {
			if (node.type_id !== undefined && categoryId !== undefined)
				dict.categories.push({
					id: categoryId,
					typeId: node.type_id,
					name: node.type_name ?? '',
					path,
					disabled: disabled || node.disabled
				});
			const name = node.category_name;
			walk(
				node.children ?? [],
				name ? [...path, name] : path,
				node.description_category_id ?? categoryId,
				disabled || !!node.disabled
			);
		}
	};
	walk(tree.data.result, []);
	return dict;
}

export interface MapCheck {
	birgeCategory: string;
	marketplace: 'wildberries' | 'ozon';
	/**
	 * checked: the category exists and its attributes were taken from the dictionary;
	 * category_missing: the mapped id is not in the dictionary (or is disabled);
	 * not_mapped: no id yet (`candidates` lists dictionary categories matching the search terms);
	 * attributes_missing: the category exists, but no attribute list for it was imported.
	 */
	result: 'checked' | 'category_missing' | 'not_mapped' | 'attributes_missing';
	candidates: DictionaryCategory[];
	/** Required attributes the dictionary has and the map did not. */
	newRequired: string[];
	/** Attributes the map had and the dictionary does not. */
	dropped: string[];
}

const lower = (s: string) => s.toLocaleLowerCase('ru');

/**
 * A search term matches a category name when each of its words appears there by its stem (the word
 * without its last two letters, at least four kept), so «войлок» finds «войлочные» and «игрушки»
 * finds «игрушка».
 */
function termMatches(term: string, name: string): boolean {
	const haystack = lower(name);
	return lower(term)
		.split(/\s+/)
		.filter(Boolean)
		.every((word) => haystack.includes(word.length > 5 ? word.slice(0, Math.max(4, word.length - 2)) : word));
}

/** Re-checks every map of this marketplace against an imported dictionary; returns the checks and the updated maps. */
export function recheckMaps(
	maps: CategoryMapEntry[],
	dict: MarketplaceDictionary,
	today: string
): { checks: MapCheck[]; maps: CategoryMapEntry[] } {
	const checks: MapCheck[] = [];
	const updated = maps.map((e) => {
		const m = e.marketplaces[dict.marketplace];
		if (!m) return e;
		const base = {
			birgeCategory: e.birgeCategory,
			marketplace: dict.marketplace,
			candidates: [],
			newRequired: [],
			dropped: []
		};
		if (m.categoryId === null) {
			const candidates = dict.categories
				.filter(
					(c) => !c.disabled && m.searchTerms.some((t) => termMatches(t, [...c.path, c.name].join(' ')))
				)
				.slice(0, 20);
			checks.push({ ...base, result: 'not_mapped', candidates });
			return e;
		}
		const found = dict.categories.find(
			(c) =>
				c.id === Number(m.categoryId) &&
				(dict.marketplace === 'wildberries' || c.typeId === (m.typeId ?? undefined))
		);
		const key =
			dict.marketplace === 'wildberries' ? String(m.categoryId) : `${m.categoryId}:${m.typeId ?? ''}`;
		const rules = dict.attributes.get(key);
		if ((dict.categories.length > 0 && (!found || found.disabled)) || (!found && !rules)) {
			checks.push({ ...base, result: 'category_missing' });
			return {
				...e,
				marketplaces: { ...e.marketplaces, [dict.marketplace]: { ...m, status: 'unverified' as const } }
			};
		}
		if (!rules) {
			checks.push({ ...base, result: 'attributes_missing' });
			return e;
		}
		const had = new Set(m.attributes.map((a) => a.id));
		const has = new Set(rules.map((a) => a.id));
		checks.push({
			...base,
			result: 'checked',
			newRequired: rules.filter((a) => a.required && !had.has(a.id)).map((a) => a.name),
			dropped: m.attributes.filter((a) => !has.has(a.id)).map((a) => a.name)
		});
		const next: CategoryMapping = {
			...m,
			status: 'checked',
			categoryName: found ? found.name : m.categoryName,
			attributes: rules,
			checkedAt: today
		};
		return { ...e, marketplaces: { ...e.marketplaces, [dict.marketplace]: next } };
	});
	return { checks, maps: updated };
}

/** The seeded maps (all unverified), parsed so that a malformed seed fails loudly. */
export function seededCategoryMaps(): CategoryMapsFile {
	return parseCategoryMaps(seed);
}
