import ExcelJS from 'exceljs';
import type { Locale } from '#lib/i18n/locales';
import { toCsv } from '../../../core/csv';
import type { MarketplaceCard } from './card';
import { KASPI, UZUM } from './rules';
import { decimalString } from './units';
import { translateProblems, validateCard } from './validate';

/**
 * Birge's own sheets for the two marketplaces whose cards are made in the seller cabinet (Kaspi: new
 * cards; Uzum: every card). One row per variant; the columns are named after the marketplaces' API or
 * feed fields (`sku`, `model`, `brand`, `price`…) with a language suffix where a text is needed twice.
 * They are NOT the cabinets' own templates (Kaspi's per-category Excel with macros, Uzum's forms):
 * the maker copies from them. The `birge_problems` column lists what is still missing, in her language;
 * `birge_demo` marks demo content.
 */
export interface Sheet {
	name: string;
	header: string[];
	rows: string[][];
}

const text = (card: MarketplaceCard, field: 'title' | 'description' | 'shortDescription', locale: Locale) =>
	card[field]?.[locale]?.text.trim() ?? '';
const photos = (card: MarketplaceCard) => card.photos.map((p) => p.url).join(' ');
const dims = (card: MarketplaceCard) =>
	card.package
		? [card.package.lengthCm, card.package.widthCm, card.package.heightCm, card.package.weightG].map(String)
		: ['', '', '', ''];

function problems(card: MarketplaceCard, marketplace: 'kaspi' | 'uzum', locale: Locale, storeIds: string[]) {
	return translateProblems(validateCard(marketplace, card, { kaspiStoreIds: storeIds }), locale)
		.map((p) => `${p.label}: ${p.message}`)
		.join('\n');
}

export function kaspiSheet(cards: MarketplaceCard[], locale: Locale, storeIds: string[]): Sheet {
	const header = [
		'sku',
		'model',
		'brand',
		'category',
		'price',
		'description_ru',
		'description_kk',
		'barcode',
		'length_cm',
		'width_cm',
		'height_cm',
		'weight_g',
		'images',
		'birge_problems',
		'birge_demo'
	];
	const rows = cards.flatMap((card) => {
		const listing = card.listings.kaspi;
		const price = listing?.prices.find((p) => p.currency === KASPI.currency);
		const issues = problems(card, 'kaspi', locale, storeIds);
		return card.variants.map((v) => [
			v.sku,
			listing?.model?.trim() || text(card, 'title', 'ru'),
			card.brand ?? '',
			String(listing?.categoryId ?? ''),
			price ? decimalString(price.amountMinor, KASPI.currency).replace(/\.00$/, '') : '',
			text(card, 'description', 'ru'),
			text(card, 'description', 'kk'),
			v.barcode ?? '',
			...dims(card),
			photos(card),
			issues,
			card.demo ? 'demo' : ''
		]);
	});
	return { name: 'kaspi', header, rows };
}

export function uzumSheet(cards: MarketplaceCard[], locale: Locale): Sheet {
	const header = [
		'sku',
		'barcode',
		'size',
		'title_uz',
		'title_ru',
		'short_description_uz',
		'short_description_ru',
		'description_uz',
		'description_ru',
		'properties_uz',
		'properties_ru',
		'category',
		'ikpu',
		'price_uzs',
		'length_cm',
		'width_cm',
		'height_cm',
		'weight_g',
		'images',
		'birge_problems',
		'birge_demo'
	];
	const props = (card: MarketplaceCard, l: Locale) =>
		(card.properties ?? [])
			.filter((p) => p.name[l]?.trim() && p.value[l]?.trim())
			.map((p) => `${p.name[l]!.trim()}: ${p.value[l]!.trim()}`)
			.join('\n');
	const rows = cards.flatMap((card) => {
		const listing = card.listings.uzum;
		const price = listing?.prices.find((p) => p.currency === UZUM.currency);
		const issues = problems(card, 'uzum', locale, []);
		return card.variants.map((v) => [
			v.sku,
			v.barcode ?? '',
			v.size ?? '',
			text(card, 'title', 'uz'),
			text(card, 'title', 'ru'),
			text(card, 'shortDescription', 'uz'),
			text(card, 'shortDescription', 'ru'),
			text(card, 'description', 'uz'),
			text(card, 'description', 'ru'),
			props(card, 'uz'),
			props(card, 'ru'),
			String(listing?.categoryId ?? ''),
			listing?.productCode ?? '',
			price ? decimalString(price.amountMinor, UZUM.currency).replace(/\.00$/, '') : '',
			...dims(card),
			photos(card),
			issues,
			card.demo ? 'demo' : ''
		]);
	});
	return { name: 'uzum', header, rows };
}

/** CSV through core (formula-safe cells, CRLF). */
export function sheetCsv(sheet: Sheet): string {
	return toCsv([sheet.header, ...sheet.rows]);
}

/** XLSX bytes: one worksheet, every cell a text cell (codes such as IKPU keep their leading zeros). */
export async function sheetXlsx(sheet: Sheet): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Birge';
	const ws = workbook.addWorksheet(sheet.name);
	ws.addRow(sheet.header).font = { bold: true };
	for (const row of sheet.rows) ws.addRow(row);
	ws.columns.forEach((column) => {
		column.numFmt = '@';
		column.width = 18;
	});
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	const buffer = await workbook.xlsx.writeBuffer();
	return new Uint8Array(buffer as ArrayBuffer);
}
