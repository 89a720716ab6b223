import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createTestDb, type TestDb } from '#lib/server/testing';
import * as search from './index';

/**
 * core/search on a table of its own (not programs): a small product catalogue like the shops module's,
 * with its own word table, text columns, filters and order. Shows the interface a second module uses.
 */

const words = search.searchWordsTable('test_search_word');
const item = pgTable('test_search_item', { id: text('id').primaryKey(), price: integer('price').notNull() });
const SEARCHED: search.SearchedTable = { table: item, vector: 'search_tsv', titleVector: 'search_title_tsv' };

const ITEMS = [
	{
		id: 'shyrdak',
		price: 9000,
		title: 'Шырдак ручной работы',
		body: 'Өнөрчүлөр жасаган кийиз шырдак, Нарын'
	},
	{ id: 'gilam', price: 12000, title: 'Qoʻlda toʻqilgan gilam', body: 'Samarqand hunarmandlari' },
	{ id: 'slippers', price: 800, title: 'Войлочные тапочки', body: 'Тёплые тапочки из шерсти, Иссык-Куль' },
	{ id: 'bag', price: 700, title: 'Қолөнер сөмке', body: 'Киізден тігілген сөмке, Алматы' },
	{ id: 'felt-toy', price: 500, title: 'Игрушка из войлока', body: 'Войлочные игрушки для детей' },
	{ id: 'rug', price: 3000, title: 'Ковёр', body: 'Войлочные тапочки в подарок' }
];

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb();
	await db.handle.db.execute(sql`
		create table test_search_item (
			id text primary key, price integer not null,
			search_title text not null, search_body text not null,
			search_title_tsv tsvector generated always as (to_tsvector('simple', search_title)) stored,
			search_tsv tsvector generated always as
				(strip(to_tsvector('russian', search_title) || to_tsvector('simple', search_title || ' ' || search_body))) stored
		)`);
	await db.handle.db.execute(sql`create index on test_search_item using gin (search_tsv)`);
	await db.handle.db.execute(
		sql`create table test_search_word (word text primary key, skeleton text not null)`
	);
	await db.handle.db.execute(sql`create index on test_search_word using gin (skeleton gin_trgm_ops)`);
	const ctx = db.ctx();
	for (const i of ITEMS) {
		const [title, body] = [search.foldText(i.title), search.foldText(i.body)];
		await db.handle.db.execute(
			sql`insert into test_search_item (id, price, search_title, search_body) values (${i.id}, ${i.price}, ${title}, ${body})`
		);
		await search.addWords(ctx, words, search.distinctWords([title, body]), title);
	}
});
afterAll(async () => db?.close());

async function find(q: string, options: { maxPrice?: number; headRows?: number; cap?: number } = {}) {
	const ctx = db.ctx();
	const match = await search.textMatch(ctx, words, q);
	if (match.none || !match.tsquery) return { ids: [] as string[], match };
	const filters = options.maxPrice ? sql`p.price <= ${options.maxPrice}` : sql`true`;
	const rows = await search.rankedMatches(ctx, SEARCHED, {
		tsquery: match.tsquery,
		filters,
		carry: ['id', 'price'],
		order: sql`c.title_hit desc, c.rank desc, c.price, c.id`,
		limit: 10,
		offset: 0,
		headRows: options.headRows,
		cap: options.cap
	});
	return { ids: rows.map((r) => r.id), match, total: rows[0]?.total ?? 0 };
}

describe('core/search on a module’s own table', () => {
	it('folds letters typed without their marks', async () => {
		expect((await find('онорчулор')).ids).toEqual(['shyrdak']);
		expect((await find('комек сомке')).ids).toEqual([]);
		expect((await find('сомке')).ids).toEqual(['bag']);
	});

	it('matches Uzbek in either script and with any apostrophe', async () => {
		expect((await find("qo'lda")).ids).toEqual(['gilam']);
		expect((await find('qoʻlda')).ids).toEqual(['gilam']);
		expect((await find('гилам')).ids).toEqual(['gilam']);
		expect((await find('Самарканд')).ids).toEqual(['gilam']);
	});

	it('stems Russian, completes prefixes, tolerates a typo, and ranks title matches first', async () => {
		expect((await find('войлочные')).ids.sort()).toEqual(['felt-toy', 'rug', 'slippers']);
		expect((await find('тапочки')).ids).toEqual(['slippers', 'rug']);
		expect((await find('тапоч')).ids).toEqual(['slippers', 'rug']);
		expect((await find('тапачки')).ids).toEqual(['slippers', 'rug']);
	});

	it('applies the module’s filters, the same whichever candidate step finds the matches', async () => {
		// cap 1: the first step (rows in table order) already holds more than cap matches; otherwise
		// the second (the index) finds them.
		for (const tuning of [{}, { cap: 1 }, { headRows: 1 }]) {
			expect((await find('войлочные', { maxPrice: 600, ...tuning })).ids).toEqual(['felt-toy']);
			expect((await find('тапочки', tuning)).ids).toEqual(['slippers', 'rug']);
		}
		const ctx = db.ctx();
		const match = await search.textMatch(ctx, words, 'войлочные');
		expect(await search.countMatches(ctx, SEARCHED, { tsquery: match.tsquery!, filters: sql`true` })).toBe(3);
	});

	it('says at once when a word cannot match, and suggests known words for a near miss', async () => {
		const none = await find('qwxzv');
		expect(none.match.none).toBe(true);
		const near = await search.textMatch(db.ctx(), words, 'шырдок');
		expect(search.suggest('шырдок', near)).toContain('шырдак');
	});
});

describe('VersionedCache', () => {
	it('answers only for the version it was given, per database, oldest out first', () => {
		const cache = new search.VersionedCache<number>(2);
		const a = {};
		const b = {};
		cache.set(a, 'k', 1, 10);
		expect(cache.get(a, 'k', 1)).toBe(10);
		expect(cache.get(a, 'k', 2)).toBeUndefined();
		expect(cache.get(b, 'k', 1)).toBeUndefined();
		cache.set(a, 'x', 1, 1);
		cache.set(a, 'y', 1, 2);
		expect(cache.get(a, 'k', 1)).toBeUndefined();
		cache.set(a, 'z', -1, 3);
		expect(cache.get(a, 'z', -1)).toBeUndefined();
	});
});
