import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createTestDb, type TestDb } from '#lib/server/testing';
import {
	createKeyring,
	decryptField,
	encryptField,
	keyIdOf,
	rotateEncryptedFields,
	type EncryptedField
} from '#lib/server/core';

/** A table of the test's own, standing in for a module's encrypted column (none exists yet). */
const secrets = pgTable('test_field_secret', {
	id: text('id').primaryKey(),
	payout: text('payout')
});
const field: EncryptedField = { table: secrets, id: secrets.id, column: secrets.payout, aad: 'test.payout' };

const OLD = 'the-old-secret-with-more-than-32-characters';
const NEW = 'the-new-secret-with-more-than-32-characters';

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb();
	await db.handle.db.execute(sql`create table test_field_secret (id text primary key, payout text)`);
});
afterAll(async () => db?.close());

describe('rotate-secret', () => {
	it('re-encrypts every value under the new secret, leaves nulls and reports what no key opens', async () => {
		const old = createKeyring(OLD);
		const ctx = db.ctx();
		const values = Array.from({ length: 450 }, (_, i) => `IBAN KG${String(i).padStart(4, '0')}`);
		await ctx.db
			.insert(secrets)
			.values(values.map((v, i) => ({ id: `r${i}`, payout: encryptField(v, field.aad, old) })));
		await ctx.db.insert(secrets).values([
			{ id: 'empty', payout: null },
			{
				id: 'foreign',
				payout: encryptField('x', field.aad, createKeyring('a-third-secret-nobody-configured-here'))
			}
		]);
		const ring = createKeyring(NEW, [OLD]);
		const [report] = await rotateEncryptedFields(ctx, [field], ring, 100);
		expect(report).toEqual({ field: 'test.payout', reencrypted: 450, failed: ['foreign'] });
		const rows = await ctx.db.select().from(secrets);
		const newOnly = createKeyring(NEW);
		for (const r of rows) {
			if (r.id === 'empty') expect(r.payout).toBeNull();
			else if (r.id === 'foreign') expect(keyIdOf(r.payout!)).not.toBe(newOnly.current.kid);
			else {
				expect(keyIdOf(r.payout!)).toBe(newOnly.current.kid);
				// Readable without the old secret now.
				expect(decryptField(r.payout!, field.aad, newOnly)).toBe(values[Number(r.id.slice(1))]);
			}
		}
		// A second run has nothing left to do.
		expect(await rotateEncryptedFields(ctx, [field], ring)).toEqual([
			{ field: 'test.payout', reencrypted: 0, failed: ['foreign'] }
		]);
	});
});
