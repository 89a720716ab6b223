import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { CONTENT_LOCALES } from '#lib/i18n/locales';
import { entitiesOf, sourceLocaleOf, textsOfRows } from '#lib/server/core';
import { numbersDiff, numbersIn } from '#lib/server/core/content-numbers';
import { MODULES } from '#lib/server/modules';

/**
 * The numbers-equal test over every translated field as stored (issue 18): after every reference seed,
 * each field of every module's `translatable` entities (column and plain fields, the later modules'
 * included) has, in every language, the same numbers, amounts, phone digits, dates and percentages as
 * its source text, after normalising digit grouping, decimal commas and dates to one form.
 */
let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('numbers in every translated field', () => {
	it('are the same in every language as in the source, field by field', async () => {
		const wrong: string[] = [];
		const modules = new Set<string>();
		let compared = 0;
		for (const e of entitiesOf(MODULES)) {
			const rows = (await db.handle.db.select().from(e.table as never)) as Record<string, unknown>[];
			for (const { id, fields } of await textsOfRows(db.ctx(), e, rows))
				for (const [field, text] of fields) {
					const src = sourceLocaleOf(text);
					if (!text || !src) continue;
					const expected = numbersIn(text[src] ?? '', src);
					for (const l of CONTENT_LOCALES) {
						if (l === src || !text[l]?.trim()) continue;
						compared++;
						modules.add(e.module);
						const got = numbersIn(text[l]!, l);
						if (got.join('|') !== expected.join('|')) {
							const { missing, extra } = numbersDiff(expected, got);
							wrong.push(`${e.entity} ${id} ${field} ${l}: missing [${missing}] extra [${extra}]`);
						}
					}
				}
		}
		expect([...modules].sort()).toEqual(['care', 'coalitions', 'impact', 'learning', 'programs', 'shops']);
		expect(compared).toBeGreaterThan(1000);
		expect(wrong).toEqual([]);
	});
});
