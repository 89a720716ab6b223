import { describe, expect, it } from 'vitest';
import { LOCALES } from '#lib/i18n/locales';
import { PROBLEM_CODES, type MarketplaceCard, type Problem } from './card';
import { goodCard, ozonRules, wbRules } from './test-fixtures';
import { hasErrors, translateProblems, validateCard } from './validate';
import { checkIkpu, ikpuKind } from './ikpu';
import { isMediaProblem, validateWildberries } from './validate-wildberries';

const wb = (card: MarketplaceCard, currency = 'RUB') =>
	validateCard('wildberries', card, { settings: { currency }, category: wbRules });
const ozon = (card: MarketplaceCard, currency = 'RUB') =>
	validateCard('ozon', card, { settings: { currency }, category: ozonRules });
const kaspi = (card: MarketplaceCard) => validateCard('kaspi', card, { kaspiStoreIds: ['PP1', 'PP2'] });
const uzum = (card: MarketplaceCard) => validateCard('uzum', card, {});
const codes = (problems: Problem[]) => problems.map((p) => `${p.field}:${p.code}`);
const errors = (problems: Problem[]) => codes(problems.filter((p) => p.severity === 'error'));

function edit(change: (card: MarketplaceCard) => void): MarketplaceCard {
	const card = structuredClone(goodCard());
	change(card);
	return card;
}

describe('a good card', () => {
	it('passes all four validators', () => {
		expect(wb(goodCard())).toEqual([]);
		expect(ozon(goodCard())).toEqual([]);
		expect(kaspi(goodCard())).toEqual([]);
		expect(uzum(goodCard())).toEqual([]);
	});
});

describe('Wildberries', () => {
	it('lists every problem of a broken card at once', () => {
		const card = edit((c) => {
			c.title.ru = { text: 'Т'.repeat(61), machineDraft: true };
			c.description.ru = { text: 'о'.repeat(2001), machineDraft: false };
			c.package = null;
			c.photos[0] = { ...c.photos[0], widthPx: 699, heightPx: 900 };
			c.photos[1] = { ...c.photos[1], format: 'avif' };
			c.variants[0].sku = 'A'.repeat(73);
			c.variants[1].barcode = '4006381333932';
			c.listings.wildberries!.attributes = [];
		});
		expect(codes(wb(card))).toEqual([
			'title.ru:too_long',
			'title.ru:machine_draft',
			'description.ru:too_long',
			'package:package_missing',
			'variants.0.sku:too_long',
			'variants.1.barcode:barcode_invalid',
			'photos.0:photo_too_small',
			'photos.1:photo_format',
			'attributes.1:attribute_required'
		]);
		expect(wb(card).find((p) => p.code === 'machine_draft')?.severity).toBe('warning');
		// The card call carries no photos: its own check leaves them to the media call.
		const cardOnly = validateWildberries(card, { currency: 'RUB' }, wbRules, { photos: false });
		expect(codes(cardOnly).filter((c) => c.startsWith('photos'))).toEqual([]);
		expect(
			wb(card)
				.filter(isMediaProblem)
				.map((p) => p.field)
		).toEqual(['photos.0', 'photos.1']);
	});

	it('warns (does not block) when the new price is a third or less of the last one sent', () => {
		const at = (amountMinor: number, previousAmountMinor: number) =>
			wb(
				edit(
					(c) => (c.listings.wildberries!.prices = [{ currency: 'RUB', amountMinor, previousAmountMinor }])
				)
			);
		expect(at(50000, 150000).map((p) => `${p.code}:${p.severity}`)).toEqual(['price_cut_quarantine:warning']);
		expect(at(50100, 150000)).toEqual([]);
	});

	it('measures a cut with its discount: the selling price against the last one sent', () => {
		const at = (price: Partial<import('./card').CardPrice>) =>
			wb(
				edit((c) => (c.listings.wildberries!.prices = [{ currency: 'RUB', amountMinor: 150000, ...price }]))
			).map((p) => `${p.field}:${p.code}:${p.severity}`);
		// 1500 with 70 % off sells at 450: a third or less of 1500 sold before.
		expect(at({ discountPercent: 70, previousAmountMinor: 150000 })).toEqual([
			'price:price_cut_quarantine:warning'
		]);
		// 1500 at 10 % off (1350) after 1500 at 60 % off (600): a rise, nothing to warn of.
		expect(at({ discountPercent: 10, previousAmountMinor: 150000, previousDiscountPercent: 60 })).toEqual([]);
		// Nothing sent before: a discount of two thirds or more is warned of by itself; 66 % is not.
		expect(at({ discountPercent: 67 })).toEqual(['discount:discount_quarantine:warning']);
		expect(at({ discountPercent: 66 })).toEqual([]);
	});

	it('takes the description limit from the subject (1,000 to 5,000)', () => {
		const card = edit((c) => (c.description.ru = { text: 'о'.repeat(3000), machineDraft: false }));
		expect(errors(wb(card))).toContain('description.ru:too_long');
		const long = { ...wbRules, descriptionMax: 5000 };
		expect(validateCard('wildberries', card, { settings: { currency: 'RUB' }, category: long })).toEqual([]);
		const absurd = { ...wbRules, descriptionMax: 9000 };
		const tooLong = edit((c) => (c.description.ru = { text: 'о'.repeat(5001), machineDraft: false }));
		expect(
			errors(validateCard('wildberries', tooLong, { settings: { currency: 'RUB' }, category: absurd }))
		).toEqual(['description.ru:too_long']);
	});

	it('checks characteristic counts and numbers, and skips named fields', () => {
		const card = edit((c) => {
			c.listings.wildberries!.attributes = [
				{ id: 1, values: ['шерсть', 'хлопок', 'лён', 'шёлк'] },
				{ id: 2, values: ['два'] }
			];
		});
		expect(errors(wb(card))).toEqual([
			'attributes.1:attribute_too_many_values',
			'attributes.2:attribute_not_number'
		]);
	});

	it('refuses more than 30 variants and too many photos, and an unmapped category', () => {
		const card = edit((c) => {
			c.variants = Array.from({ length: 31 }, (_, i) => ({ sku: `V${i}` }));
			c.photos = Array.from({ length: 31 }, () => c.photos[0]);
			delete c.listings.wildberries!.categoryId;
		});
		expect(
			errors(validateCard('wildberries', card, { settings: { currency: 'RUB' }, category: null }))
		).toEqual(['category:category_not_mapped', 'variants:variants_too_many', 'photos:photos_too_many']);
	});

	it('wants a whole price and warns of a cut to a third or less', () => {
		const kopecks = edit((c) => (c.listings.wildberries!.prices[0].amountMinor = 250_050));
		expect(errors(wb(kopecks))).toEqual(['price:price_not_whole']);
		const cut = edit((c) => (c.listings.wildberries!.prices[0].previousAmountMinor = 750_000));
		expect(wb(cut)).toEqual([
			{ field: 'price', code: 'price_cut_quarantine', params: { ratio: 3 }, severity: 'warning' }
		]);
		expect(hasErrors(wb(cut))).toBe(false);
	});
});

describe('Ozon', () => {
	it('lists every problem of a broken card', () => {
		const card = edit((c) => {
			c.title.ru = { text: 'Н'.repeat(501), machineDraft: false };
			c.package = { lengthCm: 0, widthCm: 10, heightCm: 10, weightG: 1_000_001 };
			c.variants[0].sku = 'x'.repeat(51);
			c.photos = Array.from({ length: 16 }, () => ({ ...c.photos[0], format: 'webp' as const }));
			c.listings.ozon!.vat = '0.18';
			delete c.listings.ozon!.typeId;
			c.listings.ozon!.attributes = [{ id: 85, values: ['Ak Kiyiz'] }];
		});
		expect(errors(ozon(card))).toEqual([
			'typeId:type_not_mapped',
			'title.ru:too_long',
			'package.lengthCm:not_positive',
			'package.weightG:too_heavy',
			'variants.0.sku:too_long',
			'photos:photos_too_many',
			...Array.from({ length: 16 }, (_, i) => `photos.${i}:photo_format`),
			'vat:vat_invalid',
			'attributes.85:attribute_no_dictionary_value'
		]);
	});

	it('takes only the currencies Ozon lists', () => {
		const card = edit((c) => c.listings.ozon!.prices.push({ currency: 'KGS', amountMinor: 100_000 }));
		expect(errors(ozon(card, 'KGS'))).toEqual(['price:currency_not_accepted']);
		expect(errors(ozon(card, 'KZT'))).toEqual(['price:price_missing']);
	});
});

describe('Kaspi', () => {
	it('wants Latin SKUs of at most 20, a known store point and whole tenge', () => {
		const card = edit((c) => {
			c.variants[0].sku = 'ТАПКИ-38';
			c.variants[1].sku = 'A'.repeat(21);
			c.listings.kaspi!.availabilities = [{ storeId: 'PP9', preOrderDays: 31 }];
			c.listings.kaspi!.prices[0].amountMinor = 1_250_050;
			c.brand = '';
		});
		expect(errors(kaspi(card))).toEqual([
			'brand:required',
			'variants.0.sku:sku_not_latin',
			'variants.1.sku:too_long',
			'availabilities.0:store_missing',
			'availabilities.0.preOrderDays:preorder_too_long',
			'price:price_not_whole'
		]);
	});

	it('accepts city prices instead of one price', () => {
		const card = edit((c) => {
			c.listings.kaspi!.prices = [];
			c.listings.kaspi!.cityPrices = [{ cityId: '750000000', amountMinor: 1_300_000 }];
		});
		expect(kaspi(card)).toEqual([]);
	});
});

describe('Uzum', () => {
	it('wants name, short description and three properties in Uzbek and Russian', () => {
		const card = edit((c) => {
			delete c.title.uz;
			c.title.ru = { text: 'тапочки войлочные', machineDraft: false };
			delete c.shortDescription!.ru;
			c.properties = c.properties!.slice(0, 2);
		});
		expect(errors(uzum(card))).toEqual([
			'title.uz:required',
			'properties.uz:properties_too_few',
			'title.ru:too_few_words',
			'title.ru:not_capitalised',
			'shortDescription.ru:required',
			'properties.ru:properties_too_few'
		]);
	});

	it('checks the IKPU: 17 digits, base or identification code', () => {
		expect(ikpuKind('06404001001000000')).toBe('base');
		expect(ikpuKind('06404001001002001')).toBe('identification');
		expect(ikpuKind('0640400100100000')).toBeNull();
		expect(codes(checkIkpu('0640400100100000'))).toEqual(['productCode:ikpu_length']);
		expect(codes(checkIkpu('0640400100100000A'))).toEqual(['productCode:ikpu_not_digits']);
		expect(checkIkpu('06404001001002001')).toEqual([
			{
				field: 'productCode',
				code: 'ikpu_base_code',
				params: { site: 'tasnif.soliq.uz' },
				severity: 'warning'
			}
		]);
		expect(codes(checkIkpu(undefined))).toEqual(['productCode:required']);
	});
});

describe('photo URLs', () => {
	it('must be reachable by the marketplace: a development ORIGIN is refused', () => {
		const card = edit((c) => (c.photos[1].url = 'http://localhost:5173/files/ab.jpg'));
		expect(errors(wb(card))).toEqual(['photos.1:photo_not_public']);
		expect(errors(ozon(card))).toEqual(['photos.1:photo_not_public']);
	});
});

describe('a price missing in a marketplace currency', () => {
	it('blocks that export only', () => {
		const card = edit((c) => (c.listings.ozon!.prices = [{ currency: 'KZT', amountMinor: 1_000_000 }]));
		expect(errors(ozon(card, 'RUB'))).toEqual(['price:price_missing']);
		expect(ozon(card, 'KZT')).toEqual([]);
		expect(wb(card)).toEqual([]);
		expect(kaspi(card)).toEqual([]);
		expect(uzum(card)).toEqual([]);
	});
});

describe('messages', () => {
	it('translates every problem code into all six languages with its parameters filled', () => {
		const problems: Problem[] = PROBLEM_CODES.map((code) => ({
			field: 'title.ru',
			code,
			severity: 'error',
			params: {
				max: 60,
				length: 61,
				min: 3,
				count: 1,
				locale: 'uz',
				currency: 'RUB',
				number: 2,
				name: 'Состав',
				site: 'tasnif.soliq.uz'
			}
		}));
		for (const locale of LOCALES) {
			for (const p of translateProblems(problems, locale)) {
				expect(p.message, `${locale} ${p.code}`).not.toMatch(/^marketplaces_/);
				expect(p.message, `${locale} ${p.code}`).not.toMatch(
					/\{(max|length|min|count|locale|currency|number|name|site)\}/
				);
				expect(p.label).not.toMatch(/^marketplaces_/);
			}
		}
		const [ru] = translateProblems(
			[{ field: 'variants.3.sku', code: 'too_long', params: { max: 72, length: 80 }, severity: 'error' }],
			'ru'
		);
		expect(ru.label).toBe('Артикул');
		expect(ru.message).toBe('Слишком длинно: 80 символов, не больше 72.');
		const [uz] = translateProblems(
			[
				{
					field: 'properties.ru',
					code: 'properties_too_few',
					params: { min: 3, count: 1, locale: 'ru' },
					severity: 'error'
				}
			],
			'uz'
		);
		expect(uz.message).toBe('ruscha xususiyatlarni qoʻshing: kamida 3, hozir 1.');
	});
});
