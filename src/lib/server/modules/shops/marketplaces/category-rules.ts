import type { MarketplaceId } from './card';

/**
 * What a marketplace category demands, read from its own dictionary (Wildberries
 * `/content/v2/object/charcs/{subjectId}`, Ozon `/v1/description-category/attribute`) or, until one is
 * imported, from Birge's seeded category map (labelled unverified).
 */
export interface AttributeRule {
	id: number;
	name: string;
	required: boolean;
	/** `strings`: an array of strings; `number`: one number; `dictionary`: values with dictionary ids. */
	kind: 'strings' | 'number' | 'dictionary';
	/** At most this many values; 0 = no limit. */
	maxCount: number;
	unitName?: string;
	/** Wildberries `existNamedField`: sent as a named field (brand, dimensions), not in characteristics. */
	namedField?: boolean;
}

export interface CategoryRules {
	marketplace: MarketplaceId;
	categoryId: number | string;
	typeId?: number;
	/** Wildberries: the subject's description limit (1,000–5,000; 2,000 by default). */
	descriptionMax?: number;
	attributes: AttributeRule[];
	/** False while the rules come from Birge's unverified seed instead of an imported dictionary. */
	verified: boolean;
}
