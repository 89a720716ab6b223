/**
 * Shops catalogue benchmark: generates shops and products with realistic text in all six languages
 * (labelled demo, slugs "bench-…"), then measures catalogue search (p50/p95) on PGlite and PostgreSQL:
 * words, a misspelled word, words with filters, the list without words (newest, by price), a word no
 * product has. Prints figures; asserts nothing.
 *
 *   npm run bench:shops -- [--sizes=100000] [--shops=1000] [--engines=pglite,pg] [--keep] [--reuse] [--rename]
 *   (--keep leaves the PostgreSQL database in place, --reuse measures it again without generating,
 *   --rename also times the reindex after a category's Kyrgyz name changes: the job's body)
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres (default)
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { createDb, migrate, rowsOf, type DbHandle } from '#lib/server/db';
import { createContext, runSeeds, type I18nText, type ServiceContext } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { testPlatform } from '#lib/server/testing';
// The module only through its index: `shopsBench` is its documented bulk-loading door.
import { shops, shopsBench, CATEGORIES, CURRENCY_OF } from '#lib/server/modules/shops';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	})
);
const SIZES = (args.sizes ?? '100000').split(',').map(Number);
const SHOPS = Number(args.shops ?? 1000);
const ENGINES = (args.engines ?? 'pglite,pg').split(',');
const KEEP = args.keep === 'true';
const REUSE = args.reuse === 'true';
const RENAME = args.rename === 'true';
const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let seed = 7;
const rnd = () => {
	seed = (seed * 1103515245 + 12345) & 0x7fffffff;
	return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** Product nouns, adjectives and materials in six languages (drafts; generated cards are demo). */
const NOUNS: I18nText[] = [
	{ ky: 'тапочкалар', kk: 'тәпішкелер', tg: 'пойафзол', uz: 'shippaklar', ru: 'тапочки', en: 'slippers' },
	{ ky: 'оюнчук', kk: 'ойыншық', tg: 'бозича', uz: 'oʻyinchoq', ru: 'игрушка', en: 'toy' },
	{ ky: 'шырдак', kk: 'сырмақ', tg: 'намад', uz: 'gilam', ru: 'ширдак', en: 'shyrdak rug' },
	{ ky: 'шарф', kk: 'шарф', tg: 'шарф', uz: 'sharf', ru: 'шарф', en: 'scarf' },
	{ ky: 'сумка', kk: 'сөмке', tg: 'сумка', uz: 'sumka', ru: 'сумка', en: 'bag' },
	{ ky: 'шапка', kk: 'бөрік', tg: 'кулоҳ', uz: 'qalpoq', ru: 'шапка', en: 'hat' },
	{ ky: 'самын', kk: 'сабын', tg: 'собун', uz: 'sovun', ru: 'мыло', en: 'soap' },
	{ ky: 'кесе', kk: 'кесе', tg: 'пиёла', uz: 'piyola', ru: 'пиала', en: 'bowl' },
	{ ky: 'топтом', kk: 'жиынтық', tg: 'маҷмӯа', uz: 'toʻplam', ru: 'набор', en: 'kit' },
	{ ky: 'жаздык', kk: 'жастық', tg: 'болишт', uz: 'yostiq', ru: 'подушка', en: 'cushion' }
];
const ADJ: I18nText[] = [
	{ ky: 'кийиз', kk: 'киіз', tg: 'намадӣ', uz: 'kigiz', ru: 'войлочный', en: 'felt' },
	{ ky: 'токулган', kk: 'тоқыма', tg: 'бофташуда', uz: 'toʻqilgan', ru: 'вязаный', en: 'knitted' },
	{ ky: 'саймалуу', kk: 'кестелі', tg: 'гулдӯзӣ', uz: 'kashtali', ru: 'вышитый', en: 'embroidered' },
	{ ky: 'жибек', kk: 'жібек', tg: 'абрешимӣ', uz: 'ipak', ru: 'шёлковый', en: 'silk' },
	{ ky: 'жылуу', kk: 'жылы', tg: 'гарм', uz: 'issiq', ru: 'тёплый', en: 'warm' },
	{ ky: 'балдар', kk: 'балалар', tg: 'кӯдакона', uz: 'bolalar', ru: 'детский', en: 'children’s' }
];
const MATERIAL: I18nText[] = [
	{
		ky: 'кой жүнү',
		kk: 'қой жүні',
		tg: 'пашми гӯсфанд',
		uz: 'qoʻy juni',
		ru: 'овечья шерсть',
		en: 'sheep wool'
	},
	{ ky: 'пахта', kk: 'мақта', tg: 'пахта', uz: 'paxta', ru: 'хлопок', en: 'cotton' },
	{ ky: 'жибек', kk: 'жібек', tg: 'абрешим', uz: 'ipak', ru: 'шёлк', en: 'silk' },
	{ ky: 'чопо', kk: 'саз', tg: 'гил', uz: 'loy', ru: 'глина', en: 'clay' }
];
const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;
const join = (parts: I18nText[], extra = '') =>
	Object.fromEntries(LOCALES.map((l) => [l, parts.map((p) => p[l]).join(' ') + extra])) as I18nText;
const REGIONS: Record<string, string[]> = {
	KG: ['KG-Y', 'KG-C', 'KG-GB', 'KG-O', 'KG-N'],
	KZ: ['KZ-75', 'KZ-71', 'KZ-79'],
	TJ: ['TJ-DU', 'TJ-SU', 'TJ-KT'],
	UZ: ['UZ-TK', 'UZ-SA', 'UZ-FA']
};

/**
 * Loads the shops through the module's bench door, then the products in one `INSERT … SELECT` over
 * `generate_series` per 50,000: every product is one of the 3,360 combinations of adjective, noun,
 * material and category (its folded search text computed here by the module's own `searchColumns`), in
 * one of the shops (whose name and crafts end its search text, as the module writes them). A million
 * rows take minutes instead of the hour row-by-row inserts took.
 */
async function fill(ctx: ServiceContext, products: number) {
	const started = performance.now();
	const shopRows = [];
	for (let i = 0; i < SHOPS; i++) {
		const country = pick(['KG', 'KG', 'KZ', 'TJ', 'UZ'] as const);
		shopRows.push({
			id: `bench-shop-${i}`,
			slug: `bench-shop-${i}`,
			name: join([pick(ADJ), pick(NOUNS)], ` ${i} (demo)`),
			crafts: join([pick(ADJ)]),
			country,
			region: pick(REGIONS[country]),
			currency: CURRENCY_OF[country],
			demo: true as const
		});
	}
	for (let i = 0; i < shopRows.length; i += 500)
		await shopsBench.insertShops(ctx, shopRows.slice(i, i + 500));
	const words = new Set<string>();
	let russian = '';
	const empty = {} as I18nText;
	// The categories' names as stored (the workspace's corrections included), as the module writes them.
	const categoryNames = await shopsBench.categoryNames(ctx);
	// The shop's part of a product's search text (its name and crafts, last in each body column).
	const shopParts = shopRows.map((s, idx) => {
		const c = shopsBench.searchColumns({
			title: empty,
			description: empty,
			materials: empty,
			categoryName: undefined,
			shopName: s.name,
			crafts: s.crafts
		});
		for (const w of shopsBench.distinctWords(c)) words.add(w);
		russian += ` ${c.searchBodyRu}`;
		return {
			idx,
			id: s.id,
			country: s.country,
			region: s.region,
			currency: s.currency,
			ru: c.searchBodyRu,
			other: c.searchBodyOther
		};
	});
	const combos = [];
	for (const adj of ADJ)
		for (const noun of NOUNS)
			for (const material of MATERIAL)
				for (const category of CATEGORIES) {
					const title = join([adj, noun]);
					const description = join([adj, noun, material]);
					const c = shopsBench.searchColumns({
						title,
						description,
						materials: material,
						categoryName: categoryNames.get(category),
						shopName: empty,
						crafts: empty
					});
					for (const w of shopsBench.distinctWords(c)) words.add(w);
					if (combos.length < 400) russian += ` ${c.searchTitleRu} ${c.searchBodyRu}`;
					combos.push({ id: combos.length, title, description, materials: material, category, ...c });
				}
	await ctx.db
		.execute(sql`create temporary table bench_combo as select * from jsonb_to_recordset(${JSON.stringify(combos)}::jsonb)
		as x(id int, title jsonb, description jsonb, materials jsonb, category text, "searchTitleRu" text, "searchTitleOther" text, "searchBodyRu" text, "searchBodyOther" text)`);
	await ctx.db
		.execute(sql`create temporary table bench_shop as select * from jsonb_to_recordset(${JSON.stringify(shopParts)}::jsonb)
		as x(idx int, id text, country text, region text, currency text, ru text, other text)`);
	// The indexes are built once after the load (far cheaper than updating them row by row), as the schema defines them.
	const indexes = rowsOf<{ name: string; def: string }>(
		await ctx.db.execute(
			sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'shops_product' and indexname not like '%_pkey'`
		)
	);
	for (const i of indexes) await ctx.db.execute(sql.raw(`drop index ${i.name}`));
	const n = combos.length;
	const SEP = ' \n ';
	for (let from = 0; from < products; from += 50_000) {
		const to = Math.min(products, from + 50_000) - 1;
		// h: a pseudo-random number per product (Knuth's multiplicative hash), for combination, price and stock.
		await ctx.db.execute(sql`
			insert into shops_product (id, shop_id, slug, title, description, materials, category, price_minor, currency,
				availability, lead_time_days, quantity, status, listed, country, region, demo, published_at,
				search_title_ru, search_title_other, search_body_ru, search_body_other)
			select md5('bench' || g)::uuid::text, s.id, 'bench-' || g, c.title, c.description, c.materials, c.category,
				case when s.currency = 'UZS' then (h % 500) * 1000 + 1000 else (h % 5000) * 100 + 100 end,
				s.currency,
				case when h % 10 < 6 then 'made_to_order' else 'in_stock' end,
				case when h % 10 < 6 then 3 + h % 20 end,
				case when h % 10 < 6 then null else h % 30 end,
				'published', true, s.country, s.region, true,
				timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',
				c."searchTitleRu", c."searchTitleOther",
				c."searchBodyRu" || ${SEP} || s.ru, c."searchBodyOther" || ${SEP} || s.other
			from (select g, ((g::bigint * 2654435761) % 4294967296) / 7 as h from generate_series(${from}::int, ${to}::int) g) x
			join bench_shop s on s.idx = x.g % ${SHOPS}
			join bench_combo c on c.id = x.h % ${n}`);
	}
	await ctx.db.execute(sql`drop table bench_combo, bench_shop`);
	for (const i of indexes) await ctx.db.execute(sql.raw(i.def));
	await shopsBench.addWords(ctx, [...words], russian);
	await ctx.db.execute(sql`vacuum (analyze) shops_product, shops_word, shops_shop`);
	return performance.now() - started;
}

const QUERIES: { name: string; input: Record<string, string> }[] = [
	{ name: 'word (ky)', input: { q: 'тапочкалар' } },
	{ name: 'misspelled (ky)', input: { q: 'тапочкалр' } },
	{ name: 'two words (ru)', input: { q: 'войлочные тапочки' } },
	{ name: 'uz Cyrillic', input: { q: 'кигиз' } },
	{ name: 'word + country + category', input: { q: 'шарф', country: 'KG', category: 'felt' } },
	{ name: 'word + price range', input: { q: 'сумка', country: 'KZ', priceMin: '100', priceMax: '2000' } },
	{ name: 'list, newest', input: {} },
	{ name: 'list, region, price asc', input: { country: 'KG', region: 'KG-Y', sort: 'price_asc' } },
	{ name: 'list, in stock, page 5', input: { availability: 'in_stock', page: '5' } },
	{ name: 'no such word', input: { q: 'квантовый' } }
];

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Every search afresh (`fresh`), then the same pages again through the per-version result cache. */
async function measure(ctx: ServiceContext, fresh: boolean, rounds = 20) {
	for (const q of QUERIES) await shops.findProducts(ctx, q.input, { fresh }); // warm up
	const all: number[] = [];
	const per: Record<string, number[]> = {};
	for (let r = 0; r < rounds; r++)
		for (const q of QUERIES) {
			const t = performance.now();
			const result = await shops.findProducts(ctx, q.input, { fresh });
			const ms = performance.now() - t;
			all.push(ms);
			(per[q.name] ??= []).push(ms);
			if (r === 0) per[`${q.name}#hits`] = [result.total];
		}
	return { p50: pct(all, 50), p95: pct(all, 95), per };
}

async function engine(name: string, size: number) {
	let handle: DbHandle;
	let drop: (() => Promise<void>) | null = null;
	if (name === 'pg') {
		const { default: postgres } = await import('postgres');
		const admin = postgres(PG, { max: 1, onnotice: () => {} });
		const db = `birge_bench_shops_${size}`;
		const exists =
			REUSE && (await admin.unsafe(`select 1 from pg_database where datname = '${db}'`)).length > 0;
		if (!exists) await admin.unsafe(`drop database if exists ${db} with (force)`);
		if (!exists)
			await admin.unsafe(
				`create database ${db} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
			);
		const url = new URL(PG);
		url.pathname = `/${db}`;
		handle = await createDb({ url: url.toString() });
		drop = async () => {
			if (!KEEP) await admin.unsafe(`drop database if exists ${db} with (force)`);
			await admin.end({ timeout: 5 });
		};
	} else handle = await createDb({ dataDir: null });
	const { platform, cleanup } = testPlatform({ rateLimits: false });
	await migrate(handle);
	const ctx = createContext(handle.db, platform, { locale: 'ky' });
	await runSeeds(ctx, MODULES, { demo: false });
	const reuse = name === 'pg' && REUSE && (await shops.findProducts(ctx, {})).total > 0;
	const fillMs = reuse ? 0 : await fill(ctx, size);
	const m = await measure(ctx, true);
	const cached = await measure(ctx, false);
	console.log(
		`\n${name === 'pg' ? 'PostgreSQL' : 'PGlite'}, ${size.toLocaleString('en')} products in ${SHOPS} shops (${reuse ? 'reused' : `generated in ${(fillMs / 1000).toFixed(0)} s`}), load average ${loadavg()
			.map((x) => x.toFixed(2))
			.join(' ')}`
	);
	console.log(
		`  catalogue search, every search afresh: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms (budget p95 ≤ 50 ms)`
	);
	for (const q of QUERIES)
		console.log(
			`  ${q.name.padEnd(28)} p50 ${pct(m.per[q.name], 50).toFixed(1).padStart(6)} ms  p95 ${pct(m.per[q.name], 95).toFixed(1).padStart(6)} ms  (${m.per[`${q.name}#hits`][0]} found)`
		);
	console.log(
		`  the same pages again (result cache per catalogue version): p50 ${cached.p50.toFixed(2)} ms, p95 ${cached.p95.toFixed(2)} ms`
	);
	if (RENAME) {
		// A translator corrects the Kyrgyz name of the largest category; its products are reindexed.
		const [{ category, n }] = rowsOf<{ category: string; n: number }>(
			await ctx.db.execute(
				sql`select category, count(*)::int as n from shops_product group by category order by 2 desc limit 1`
			)
		);
		await ctx.db.execute(
			sql`update shops_category set name = jsonb_set(name, '{ky}', to_jsonb((name->>'ky') || ' (bench)')) where code = ${category}`
		);
		let t = performance.now();
		const first = await shopsBench.reindexCategory(ctx, category);
		const firstMs = performance.now() - t;
		t = performance.now();
		const again = await shopsBench.reindexCategory(ctx, category);
		console.log(
			`  reindex after renaming "${category}" (${Number(n).toLocaleString('en')} products): ${(firstMs / 1000).toFixed(1)} s, ${first.updated} rows written; run again: ${((performance.now() - t) / 1000).toFixed(1)} s, ${again.updated} written`
		);
	}
	await handle.close();
	await drop?.();
	cleanup();
	return m.p95;
}

const p95s: Record<string, number> = {};
for (const size of SIZES) for (const e of ENGINES) p95s[`${e}${size}`] = await engine(e, size);
if (SIZES.length > 1)
	for (const e of ENGINES)
		console.log(
			`${e}: p95 at ${SIZES.at(-1)} / p95 at ${SIZES[0]} = ${(p95s[`${e}${SIZES.at(-1)}`] / p95s[`${e}${SIZES[0]}`]).toFixed(2)}× (budget ≤ 3× from 100,000 to 1,000,000)`
		);
