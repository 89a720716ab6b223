import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../core/csv';
import type { MarketplaceCard } from './card';
import { kaspiPriceList, kaspiPriceListText, escapeXml } from './format-kaspi';
import { ozonImportBodies, ozonItems } from './format-ozon';
import { wildberriesBatches, wildberriesCard } from './format-wildberries';
import { kaspiSheet, sheetCsv, sheetXlsx, uzumSheet } from './sheets';
import { goodCard, wbRules } from './test-fixtures';

const settings = { company: 'Ak Kiyiz & Co "Issyk-Kul"', merchantId: 'AK123', storeIds: ['PP1', 'PP2'] };
const now = new Date('2026-12-01T09:05:00Z');

describe('Wildberries upload body', () => {
	it('puts sized variants in one card with whole cm, kg and an integer price', () => {
		const body = wildberriesCard(goodCard(), { currency: 'RUB' }, wbRules);
		expect(body).toEqual({
			subjectID: 9001,
			variants: [
				{
					vendorCode: 'FELT-SLIPPERS-01',
					title: 'Войлочные тапочки ручной работы',
					description: 'Тёплые тапочки из овечьей шерсти, сваляны вручную у Иссык-Куля.',
					brand: 'Ak Kiyiz',
					dimensions: { length: 31, width: 12, height: 10, weightBrutto: 0.42 },
					characteristics: [{ id: 1, value: ['шерсть'] }],
					sizes: [
						{ techSize: '38', wbSize: '38', price: 2500, skus: ['4006381333931'] },
						{ techSize: '39', wbSize: '39', price: 2500 }
					]
				}
			]
		});
	});

	it('gives variants without a size their own vendor codes, and numbers as numbers', () => {
		const card = goodCard({ variants: [{ sku: 'GREY' }, { sku: 'WHITE' }] });
		card.listings.wildberries!.attributes.push({ id: 2, values: ['2'] }, { id: 3, values: ['Ak Kiyiz'] });
		const body = wildberriesCard(card, { currency: 'RUB' }, wbRules);
		expect(body.variants.map((v) => v.vendorCode)).toEqual(['GREY', 'WHITE']);
		expect(body.variants[0].characteristics).toEqual([
			{ id: 1, value: ['шерсть'] },
			{ id: 2, value: 2 }
		]);
	});

	it('splits requests at 100 cards and at 10 MB', () => {
		const one = wildberriesCard(goodCard(), { currency: 'RUB' }, wbRules);
		expect(wildberriesBatches(Array.from({ length: 250 }, () => one)).map((b) => b.length)).toEqual([
			100, 100, 50
		]);
		const big = { ...one, variants: [{ ...one.variants[0], description: 'ж'.repeat(1_200_000) }] };
		const batches = wildberriesBatches(Array.from({ length: 10 }, () => big));
		expect(batches.length).toBeGreaterThan(1);
		for (const b of batches)
			expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThanOrEqual(10 * 1024 * 1024);
	});
});

describe('Ozon import body', () => {
	it('has one item per variant with decimal-string prices, currency, VAT, mm and g', () => {
		const [item, second] = ozonItems(goodCard(), { currency: 'RUB' });
		expect(item).toMatchObject({
			offer_id: 'FELTSL38',
			name: 'Войлочные тапочки ручной работы',
			description_category_id: 17000001,
			type_id: 90001,
			price: '2500.50',
			old_price: '3000.00',
			currency_code: 'RUB',
			vat: '0',
			barcode: '4006381333931',
			depth: 302,
			width: 120,
			height: 95,
			dimension_unit: 'mm',
			weight: 420,
			weight_unit: 'g',
			images: [
				'https://birge.example/media/p1-1.jpg',
				'https://birge.example/media/p1-2.jpg',
				'https://birge.example/media/p1-3.jpg'
			]
		});
		expect(item.attributes).toContainEqual({
			complex_id: 0,
			id: 85,
			values: [{ dictionary_value_id: 5001, value: 'Ak Kiyiz' }]
		});
		expect(item.attributes).toContainEqual({
			complex_id: 0,
			id: 9048,
			values: [{ value: 'FELT-SLIPPERS-01' }]
		});
		expect(second.offer_id).toBe('FELTSL39');
		expect(second).not.toHaveProperty('barcode');
		expect(typeof item.price).toBe('string');
	});

	it('batches at 100 items', () => {
		const items = Array.from({ length: 120 }, () => ozonItems(goodCard(), { currency: 'RUB' })[0]);
		expect(ozonImportBodies(items).map((b) => b.items.length)).toEqual([100, 20]);
	});
});

describe('Kaspi price list', () => {
	const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true });
	const plain = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@',
		isArray: (n) => ['offer', 'availability', 'cityprice'].includes(n)
	});

	function cards(): MarketplaceCard[] {
		const tricky = goodCard({ brand: 'Ak & <Kiyiz>', variants: [{ sku: 'SHAWL1', stock: 2 }] });
		tricky.listings.kaspi!.model = 'Шаль «Тоо» "синяя" & мягкая';
		tricky.listings.kaspi!.availabilities = [{ storeId: 'PP2', stockCount: 2, preOrderDays: 5 }];
		const withdrawn = goodCard({ variants: [{ sku: 'OLD1', stock: 7 }] });
		withdrawn.listings.kaspi!.withdrawn = true;
		const city = goodCard({ variants: [{ sku: 'CITY1' }] });
		city.listings.kaspi!.cityPrices = [
			{ cityId: '750000000', amountMinor: 1_300_000 },
			{ cityId: '710000000', amountMinor: 1_350_000 }
		];
		return [goodCard(), tricky, withdrawn, city];
	}

	it('parses back with the header, one offer per SKU and values escaped once', () => {
		const xml = kaspiPriceListText(cards(), settings, now);
		const doc = plain.parse(xml).kaspi_catalog;
		expect(doc['@date']).toBe('2026-12-01 09:05');
		expect(doc['@xmlns']).toBe('kaspiShopping');
		expect(doc['@xsi:schemaLocation']).toBe('kaspiShopping http://kaspi.kz/kaspishopping.xsd');
		expect(doc.company).toBe('Ak Kiyiz & Co "Issyk-Kul"');
		expect(doc.merchantid).toBe('AK123');
		const offers = doc.offers.offer;
		expect(offers.map((o: { '@sku': string }) => o['@sku'])).toEqual([
			'FELTSL38',
			'FELTSL39',
			'SHAWL1',
			'OLD1',
			'CITY1'
		]);
		expect(offers[0].model).toBe('Войлочные тапочки ручной работы 38');
		expect(offers[0].price).toBe(12500);
		expect(offers[2].model).toBe('Шаль «Тоо» "синяя" & мягкая');
		expect(offers[2].brand).toBe('Ak & <Kiyiz>');
		expect(xml).toContain('Ak &amp; &lt;Kiyiz&gt;');
		expect(xml).not.toContain('&amp;amp;');
		expect(offers[2].availabilities.availability).toEqual([
			{ '@available': 'yes', '@storeId': 'PP2', '@preOrder': '5', '@stockCount': '2' }
		]);
		// A variant out of stock is "no" at its point; a withdrawn offer stays, "no" everywhere.
		expect(offers[1].availabilities.availability[0]['@available']).toBe('no');
		expect(offers[3].availabilities.availability).toEqual([
			{ '@available': 'no', '@storeId': 'PP1', '@stockCount': '4' }
		]);
		expect(offers[4].cityprices.cityprice).toEqual([
			{ '#text': 13000, '@cityId': '750000000' },
			{ '#text': 13500, '@cityId': '710000000' }
		]);
		expect(offers[4]).not.toHaveProperty('price');
	});

	it('keeps the documented element order in every offer: model, brand, availabilities, price or cityprices', () => {
		const ordered = parser.parse(kaspiPriceListText(cards(), settings, now));
		const root = ordered.find((n: object) => 'kaspi_catalog' in n).kaspi_catalog;
		expect(root.map((n: object) => Object.keys(n)[0])).toEqual(['company', 'merchantid', 'offers']);
		const offers = root[2].offers;
		for (const offer of offers) {
			const names = offer.offer.map((n: object) => Object.keys(n)[0]);
			expect(names.slice(0, 3)).toEqual(['model', 'brand', 'availabilities']);
			expect(names.length).toBe(4);
			expect(['price', 'cityprices']).toContain(names[3]);
		}
	});

	it('is UTF-8 text with no control characters and whole tenge only', () => {
		const card = goodCard({ variants: [{ sku: 'CTRL1' }], brand: 'Ak\u0007Kiyiz' });
		const xml = [...kaspiPriceList([card], settings, now)].join('');
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
		expect(xml).toContain('<brand>AkKiyiz</brand>');
		expect(xml).toMatch(/<price>12500<\/price>/);
		expect(Buffer.from(xml, 'utf8').toString('utf8')).toBe(xml);
		expect(escapeXml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
	});
});

describe('Kaspi and Uzum sheets', () => {
	it('write CSV with API-named columns and the problems in her language', () => {
		const broken = goodCard({ variants: [{ sku: 'BAD-SKU' }], demo: true });
		const csv = sheetCsv(kaspiSheet([goodCard(), broken], 'ru', ['PP1']));
		const [header, first, , third] = parseCsv(csv);
		expect(header.slice(0, 5)).toEqual(['sku', 'model', 'brand', 'category', 'price']);
		expect(first.slice(0, 5)).toEqual([
			'FELTSL38',
			'Войлочные тапочки ручной работы',
			'Ak Kiyiz',
			'Тапочки',
			'12500'
		]);
		expect(third[header.indexOf('birge_problems')]).toBe(
			'Артикул: Артикул «BAD-SKU» может содержать только латинские буквы и цифры.'
		);
		expect(third[header.indexOf('birge_demo')]).toBe('demo');
	});

	it('write XLSX for Uzum with both languages and the IKPU as text', async () => {
		const card = goodCard();
		delete card.title.uz;
		const bytes = await sheetXlsx(uzumSheet([card], 'uz'));
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
		const ws = workbook.getWorksheet('uzum')!;
		const header = (ws.getRow(1).values as string[]).slice(1);
		const row = (ws.getRow(2).values as string[]).slice(1);
		const cell = (name: string) => row[header.indexOf(name)];
		expect(header).toContain('title_uz');
		expect(cell('title_ru')).toBe('Войлочные тапочки ручной работы');
		expect(cell('ikpu')).toBe('06404001001000000');
		expect(cell('price_uzs')).toBe('250000');
		expect(cell('properties_ru')).toBe('Материал: Шерсть\nЦвет: Серый\nРазмер: 38');
		expect(cell('birge_problems')).toBe('Nomi (oʻzbekcha, lotin): Bu maydonni toʻldiring.');
		expect(ws.rowCount).toBe(3);
	});
});
