// Budgets of the marketplace export (issue 13). Prints figures; never asserts a timing.
//
//   npm run bench:marketplaces
//
// 1. 1,000 products (2 variants, 5 photos each) validated for each marketplace and written into its
//    format: Wildberries upload batches, Ozon import bodies, Kaspi XML, Kaspi and Uzum sheets (CSV and
//    XLSX). Budget: ≤ 5 s for each marketplace's validation plus format.
// 2. The Kaspi XML price list for 10,000 offers, streamed to a file. Budget: ≤ 2 s and ≤ 50 MB of
//    memory (peak heap + external above the baseline, sampled while streaming).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// The shops module's index.ts re-exports this folder once the shops branch is merged; until then the
// bench reaches the folder's own index.ts.
// eslint-disable-next-line birge/boundaries -- the export layer is not re-exported from shops/index.ts until its pages wire it in (it would load exceljs at every server start); its folder index.ts is its public API
import {
	marketplaces,
	type CategoryRules,
	type MarketplaceCard
} from '#lib/server/modules/shops/marketplaces';

const OUT = path.join(import.meta.dirname, '..', '.out');
fs.mkdirSync(OUT, { recursive: true });

const wbRules: CategoryRules = {
	marketplace: 'wildberries',
	categoryId: 1,
	verified: false,
	attributes: [
		{ id: 1, name: 'a', required: true, kind: 'strings', maxCount: 3 },
		{ id: 2, name: 'b', required: false, kind: 'number', maxCount: 0 }
	]
};
const ozonRules: CategoryRules = {
	marketplace: 'ozon',
	categoryId: 2,
	typeId: 3,
	verified: false,
	attributes: [{ id: 85, name: 'brand', required: true, kind: 'dictionary', maxCount: 1 }]
};

/** A synthetic card (bench data only, never shown). */
function card(i: number): MarketplaceCard {
	const text = (s: string) => ({ text: s, machineDraft: i % 10 === 0 });
	return {
		productCode: `P${i}`,
		brand: 'Bench & Co',
		title: { ru: text(`Войлочные тапочки ручной работы ${i}`), uz: text(`Qoʻlda yasalgan shippaklar ${i}`) },
		description: {
			ru: text('Тёплые тапочки из овечьей шерсти. '.repeat(20)),
			uz: text('Issiq shippaklar. '.repeat(20))
		},
		shortDescription: { ru: text('Тёплые тапочки.'), uz: text('Issiq shippaklar.') },
		properties: [1, 2, 3].map((n) => ({
			name: { ru: `Свойство ${n}`, uz: `Xususiyat ${n}` },
			value: { ru: 'да', uz: 'ha' }
		})),
		package: { lengthCm: 30.2, widthCm: 12, heightCm: 9.5, weightG: 420 },
		variants: [
			{ sku: `P${i}S38`, size: '38', stock: 3, barcode: '4006381333931' },
			{ sku: `P${i}S39`, size: '39', stock: 0 }
		],
		photos: [1, 2, 3, 4, 5].map((n) => ({
			url: `https://birge.example/media/${i}-${n}.jpg`,
			widthPx: 1200,
			heightPx: 1600,
			format: 'jpeg' as const,
			bytes: 250_000
		})),
		listings: {
			wildberries: {
				categoryId: 1,
				prices: [{ currency: 'RUB', amountMinor: 250_000 }],
				attributes: [
					{ id: 1, values: ['шерсть'] },
					{ id: 2, values: [2] }
				]
			},
			ozon: {
				categoryId: 2,
				typeId: 3,
				vat: '0',
				prices: [{ currency: 'RUB', amountMinor: 250_050 }],
				attributes: [{ id: 85, values: ['Bench'], dictionaryValueIds: [1] }]
			},
			kaspi: {
				categoryId: 'x',
				prices: [{ currency: 'KZT', amountMinor: 1_250_000 }],
				attributes: [],
				availabilities: [{ storeId: 'PP1' }, { storeId: 'PP2' }]
			},
			uzum: {
				categoryId: 'x',
				productCode: '06404001001000000',
				prices: [{ currency: 'UZS', amountMinor: 25_000_000 }],
				attributes: []
			}
		}
	};
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const settings = { currency: 'RUB' };
const kaspiSettings = { company: 'Bench', merchantId: 'B1', storeIds: ['PP1', 'PP2'] };

console.log(`marketplace export bench — ${os.cpus().length} CPU(s), Node ${process.versions.node}`);

// 2 (run first, on a fresh heap). Kaspi XML for 10,000 offers: 5,000 two-variant cards made one at a time as the stream asks.
function* lazyCards(count: number) {
	for (let i = 0; i < count; i++) yield card(i);
}
global.gc?.();
const base = process.memoryUsage();
let peak = 0;
const sample = () => {
	const m = process.memoryUsage();
	peak = Math.max(peak, m.heapUsed + m.external - (base.heapUsed + base.external));
};
const timer = setInterval(sample, 5);
const file = path.join(OUT, 'kaspi-10000.xml');
const start = process.hrtime.bigint();
let offers = 0;
const chunks = (function* () {
	for (const chunk of marketplaces.kaspiPriceList(lazyCards(5000), kaspiSettings, new Date())) {
		if (chunk.startsWith('<offer ')) offers++;
		if (offers % 500 === 0) sample();
		yield chunk;
	}
})();
await pipeline(Readable.from(chunks), fs.createWriteStream(file));
const took = ms(start);
clearInterval(timer);
sample();
const mb = peak / 1024 / 1024;
console.log('Kaspi XML price list, 10,000 offers streamed to a file: budget 2,000 ms and 50 MB');
console.log(
	`  ${offers} offers, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB file  ${took.toFixed(0)} ms (${took <= 2000 ? 'within' : 'OVER'})  peak memory +${mb.toFixed(1)} MB (${mb <= 50 ? 'within' : 'OVER'})`
);
fs.rmSync(file);

console.log('1,000 products (2 variants, 5 photos each): validate + write, budget 5,000 ms each');
const cards = Array.from({ length: 1000 }, (_, i) => card(i));

async function run(label: string, fn: () => Promise<string> | string) {
	// one warm-up, then the measured run
	await fn();
	const start = process.hrtime.bigint();
	const detail = await fn();
	const took = ms(start);
	console.log(
		`  ${label.padEnd(44)} ${took.toFixed(0).padStart(6)} ms  ${detail}  (${took <= 5000 ? 'within' : 'OVER'})`
	);
}

await run('Wildberries (validate, upload batches)', () => {
	const ok = cards.filter(
		(c) =>
			!marketplaces.hasErrors(marketplaces.validateCard('wildberries', c, { settings, category: wbRules }))
	);
	const batches = marketplaces.wildberriesBatches(
		ok.map((c) => marketplaces.wildberriesCard(c, settings, wbRules))
	);
	const bytes = batches.reduce((n, b) => n + Buffer.byteLength(JSON.stringify(b)), 0);
	return `${ok.length} cards, ${batches.length} requests, ${(bytes / 1024 / 1024).toFixed(1)} MB JSON`;
});
await run('Ozon (validate, import bodies)', () => {
	const ok = cards.filter(
		(c) => !marketplaces.hasErrors(marketplaces.validateCard('ozon', c, { settings, category: ozonRules }))
	);
	const bodies = marketplaces.ozonImportBodies(ok.flatMap((c) => marketplaces.ozonItems(c, settings)));
	const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(JSON.stringify(b)), 0);
	return `${ok.length} cards, ${bodies.length} requests, ${(bytes / 1024 / 1024).toFixed(1)} MB JSON`;
});
await run('Kaspi (validate, XML, sheet CSV + XLSX)', async () => {
	const ok = cards.filter(
		(c) => !marketplaces.hasErrors(marketplaces.validateCard('kaspi', c, { kaspiStoreIds: ['PP1', 'PP2'] }))
	);
	const xml = marketplaces.kaspiPriceListText(ok, kaspiSettings, new Date());
	const sheet = marketplaces.kaspiSheet(cards, 'ru', ['PP1', 'PP2']);
	const csv = marketplaces.sheetCsv(sheet);
	const xlsx = await marketplaces.sheetXlsx(sheet);
	return `XML ${(xml.length / 1024).toFixed(0)} KB, CSV ${(csv.length / 1024).toFixed(0)} KB, XLSX ${(xlsx.byteLength / 1024).toFixed(0)} KB`;
});
await run('Uzum (validate, sheet CSV + XLSX)', async () => {
	const problems = cards.reduce((n, c) => n + marketplaces.validateCard('uzum', c, {}).length, 0);
	const sheet = marketplaces.uzumSheet(cards, 'uz');
	const csv = marketplaces.sheetCsv(sheet);
	const xlsx = await marketplaces.sheetXlsx(sheet);
	return `${problems} problems, CSV ${(csv.length / 1024).toFixed(0)} KB, XLSX ${(xlsx.byteLength / 1024).toFixed(0)} KB`;
});
