import type { MarketplaceCard } from './card';
import type { CategoryRules } from './category-rules';

/**
 * Test fixtures only: a card that passes every validator, and category rules shaped like the
 * marketplaces' dictionary answers. The ids and names are made up for tests; they are not real
 * dictionary entries and are never seeded or shown.
 */
export function goodCard(overrides: Partial<MarketplaceCard> = {}): MarketplaceCard {
	const photo = (n: number) => ({
		url: `https://birge.example/media/p1-${n}.jpg`,
		widthPx: 1200,
		heightPx: 1600,
		format: 'jpeg' as const,
		bytes: 300_000
	});
	return {
		productCode: 'FELT-SLIPPERS-01',
		brand: 'Ak Kiyiz',
		title: {
			ru: { text: 'Войлочные тапочки ручной работы', machineDraft: false },
			uz: { text: 'Qoʻlda yasalgan kigiz shippaklar', machineDraft: false }
		},
		description: {
			ru: { text: 'Тёплые тапочки из овечьей шерсти, сваляны вручную у Иссык-Куля.', machineDraft: false },
			uz: { text: 'Qoʻy junidan qoʻlda bosilgan issiq shippaklar.', machineDraft: false }
		},
		shortDescription: {
			ru: { text: 'Тёплые войлочные тапочки.', machineDraft: false },
			uz: { text: 'Issiq kigiz shippaklar.', machineDraft: false }
		},
		properties: [
			{ name: { ru: 'Материал', uz: 'Material' }, value: { ru: 'Шерсть', uz: 'Jun' } },
			{ name: { ru: 'Цвет', uz: 'Rang' }, value: { ru: 'Серый', uz: 'Kulrang' } },
			{ name: { ru: 'Размер', uz: 'Oʻlcham' }, value: { ru: '38', uz: '38' } }
		],
		package: { lengthCm: 30.2, widthCm: 12, heightCm: 9.5, weightG: 420 },
		variants: [
			{ sku: 'FELTSL38', barcode: '4006381333931', size: '38', stock: 4 },
			{ sku: 'FELTSL39', size: '39', stock: 0 }
		],
		photos: [photo(1), photo(2), photo(3)],
		listings: {
			wildberries: {
				categoryId: 9001,
				prices: [{ currency: 'RUB', amountMinor: 250_000 }],
				attributes: [{ id: 1, values: ['шерсть'] }]
			},
			ozon: {
				categoryId: 17000001,
				typeId: 90001,
				vat: '0',
				prices: [{ currency: 'RUB', amountMinor: 250_050, oldAmountMinor: 300_000 }],
				attributes: [
					{ id: 85, values: ['Ak Kiyiz'], dictionaryValueIds: [5001] },
					{ id: 4191, values: ['Тёплые тапочки из овечьей шерсти.'] }
				]
			},
			kaspi: {
				categoryId: 'Тапочки',
				prices: [{ currency: 'KZT', amountMinor: 1_250_000 }],
				attributes: [],
				availabilities: [{ storeId: 'PP1', stockCount: 4 }]
			},
			uzum: {
				categoryId: 'Uy shippaklari',
				productCode: '06404001001000000',
				prices: [{ currency: 'UZS', amountMinor: 25_000_000 }],
				attributes: []
			}
		},
		...overrides
	};
}

export const wbRules: CategoryRules = {
	marketplace: 'wildberries',
	categoryId: 9001,
	descriptionMax: 2000,
	verified: true,
	attributes: [
		{ id: 1, name: 'Состав', required: true, kind: 'strings', maxCount: 3 },
		{ id: 2, name: 'Количество предметов', required: false, kind: 'number', maxCount: 0 },
		{ id: 3, name: 'Бренд', required: true, kind: 'strings', maxCount: 1, namedField: true }
	]
};

export const ozonRules: CategoryRules = {
	marketplace: 'ozon',
	categoryId: 17000001,
	typeId: 90001,
	verified: true,
	attributes: [
		{ id: 85, name: 'Бренд', required: true, kind: 'dictionary', maxCount: 1 },
		{ id: 4191, name: 'Аннотация', required: false, kind: 'strings', maxCount: 1 }
	]
};
