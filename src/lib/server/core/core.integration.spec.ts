import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import {
	consumeRateLimit,
	once,
	writeAudit,
	auditTrail,
	AppError,
	reference,
	enqueue,
	deliverDue
} from '#lib/server/core';
import { rowsOf } from '#lib/server/db';

let db: TestDb;
beforeAll(async () => {
	db = await createTestDb({ seed: true });
});
afterAll(async () => db?.close());

describe('database', () => {
	it('has pg_trgm, and trigram similarity works on Cyrillic text', async () => {
		const ext = rowsOf<{ extname: string }>(
			await db.handle.db.execute(sql`select extname from pg_extension where extname = 'pg_trgm'`)
		);
		expect(ext).toHaveLength(1);
		const [row] = rowsOf<{ s: number }>(
			await db.handle.db.execute(sql`select similarity('Ысык-Көл', 'Ысык-Кол') as s`)
		);
		expect(Number(row.s)).toBeGreaterThan(0.3);
		const [words] = rowsOf<{ n: number }>(
			await db.handle.db.execute(sql`select count(*)::int as n from unnest(show_trgm('өнөр')) t`)
		);
		expect(Number(words.n)).toBeGreaterThan(2);
	});

	it('seeds the reference data: four countries, their first-level divisions, Kyrgyz villages', async () => {
		const ctx = db.ctx({ locale: 'ru' });
		const countries = await reference.listCountries(ctx);
		expect(countries.map((c) => c.code)).toEqual(['KG', 'KZ', 'TJ', 'UZ']);
		expect(countries.find((c) => c.code === 'KG')?.name).toBe('Кыргызстан');
		const kz = await reference.listDivisions(ctx, 'KZ');
		expect(kz).toHaveLength(20);
		const issykKul = await reference.listDivisions(ctx, 'KG', 'KG-Y');
		expect(issykKul.map((d) => d.name)).toContain('Ак-Суйский район');
		const [count] = rowsOf<{ n: number }>(
			await db.handle.db.execute(
				sql`select count(*)::int as n from core_division where country = 'KG' and level = 4`
			)
		);
		expect(Number(count.n)).toBe(1855);
		const uz = await reference.listDivisions(db.ctx({ locale: 'uz' }), 'UZ');
		expect(uz.some((d) => d.name.includes('ʻ'))).toBe(true);
	});
});

describe('migrations', () => {
	it('match the schema (drizzle-kit generate finds nothing new)', () => {
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-drift-'));
		fs.cpSync('drizzle', path.join(tmp, 'drizzle'), { recursive: true });
		const config = path.join(tmp, 'drizzle.config.ts');
		fs.writeFileSync(
			config,
			`export default { dialect: 'postgresql', schema: ${JSON.stringify(path.resolve('src/lib/server/db/schema.ts'))}, out: ${JSON.stringify(path.join(tmp, 'drizzle'))} };\n`
		);
		const before = fs.readdirSync(path.join(tmp, 'drizzle')).sort();
		execFileSync(
			process.execPath,
			[path.resolve('node_modules/drizzle-kit/bin.cjs'), 'generate', `--config=${config}`],
			{ stdio: 'pipe' }
		);
		const after = fs.readdirSync(path.join(tmp, 'drizzle')).sort();
		fs.rmSync(tmp, { recursive: true, force: true });
		expect(after, 'the schema changed without a committed migration: run npm run db:generate').toEqual(
			before
		);
	});
});

describe('rate limits', () => {
	it('refuse past the limit, per subject, and reset after the window', async () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const ctx = db.ctx({ now: start });
		const limit = { max: 2, windowSeconds: 60 };
		await consumeRateLimit(ctx, 'test', 'a@example.org', limit);
		await consumeRateLimit(ctx, 'test', 'A@example.org', limit);
		await expect(consumeRateLimit(ctx, 'test', 'a@example.org', limit)).rejects.toMatchObject({
			code: 'RATE_LIMITED'
		});
		await consumeRateLimit(ctx, 'test', 'b@example.org', limit);
		const later = db.ctx({ now: new Date(start.getTime() + 61_000) });
		await consumeRateLimit(later, 'test', 'a@example.org', limit);
		const stored = rowsOf<{ key: string }>(await db.handle.db.execute(sql`select key from core_rate_limit`));
		expect(stored.every((r) => !r.key.includes('@'))).toBe(true);
	});
});

describe('idempotency', () => {
	it('runs a double-submitted write once and returns the first result', async () => {
		const ctx = db.ctx({ actor: actor('user-1') });
		let runs = 0;
		const first = await once(ctx, 'test.create', 'key-1', async () => ({ id: ++runs }));
		const second = await once(ctx, 'test.create', 'key-1', async () => ({ id: ++runs }));
		expect(first).toEqual({ id: 1 });
		expect(second).toEqual({ id: 1 });
		expect(runs).toBe(1);
	});

	it('keeps nothing when the write fails, so a retry works', async () => {
		const ctx = db.ctx({ actor: actor('user-1') });
		await expect(
			once(ctx, 'test.fail', 'key-2', async () => {
				throw new AppError('INVALID');
			})
		).rejects.toBeInstanceOf(AppError);
		expect(await once(ctx, 'test.fail', 'key-2', async () => 'ok')).toBe('ok');
	});
});

describe('audit log and outbox', () => {
	it('records who did what, with before and after', async () => {
		const ctx = db.ctx({ actor: actor('admin-1') });
		await writeAudit(ctx, {
			action: 'thing.update',
			entity: 'thing',
			entityId: 't1',
			before: { a: 1 },
			after: { a: 2 }
		});
		const [entry] = await auditTrail(ctx, 'thing', 't1');
		expect(entry).toMatchObject({
			actorId: 'admin-1',
			action: 'thing.update',
			before: { a: 1 },
			after: { a: 2 }
		});
	});

	it('queues each message once and marks it sent only after delivery', async () => {
		const ctx = db.ctx();
		await enqueue(ctx, { channel: 'log', recipient: 'r', template: 'x', locale: 'en', dedupeKey: 'once' });
		await enqueue(ctx, { channel: 'log', recipient: 'r', template: 'x', locale: 'en', dedupeKey: 'once' });
		let fail = true;
		const deliver = async () => {
			if (fail) throw new Error('smtp down');
		};
		expect(await deliverDue(ctx, deliver)).toBe(0);
		fail = false;
		expect(await deliverDue(ctx, deliver)).toBe(1);
		expect(await deliverDue(ctx, deliver)).toBe(0);
	});
});
