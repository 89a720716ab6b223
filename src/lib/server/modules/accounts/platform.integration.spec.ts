import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testPlatform, type TestDb } from '#lib/server/testing';
import { consumeRateLimit } from '#lib/server/core';
import { storeFile } from '#lib/server/core/files';
import { accounts } from '.';

/**
 * What process globals made impossible: two platforms in one process (two apps, or a web process
 * and a bot later), each with its own sender, file store, origin and rate-limit switch, that never
 * see each other's mail or files — also over one database.
 */
let a: TestDb;
let b: TestDb;
beforeAll(async () => {
	a = await createTestDb({ seed: true, platform: { origin: 'https://a.example.org' } });
	b = await createTestDb({ seed: true, platform: { origin: 'https://b.example.org' } });
});
afterAll(async () => {
	await a?.close();
	await b?.close();
});

const none = { headers: new Headers() };

describe('two platforms in one process', () => {
	it('send a reset mail through their own sender only, with a link on their own origin', async () => {
		for (const db of [a, b])
			await accounts.signUpWithEmail(
				db.ctx(),
				{ name: 'Dana', email: 'dana@example.org', password: 'dana-password-2026' },
				none
			);
		const [beforeA, beforeB] = [a.sent.mail.length, b.sent.mail.length];
		await accounts.requestPasswordReset(a.ctx(), { email: 'dana@example.org' });
		expect(a.sent.mail.length - beforeA).toBe(1);
		expect(b.sent.mail.length).toBe(beforeB);
		expect(new URL(a.sent.mail.at(-1)!.url!).origin).toBe('https://a.example.org');

		await accounts.requestPasswordReset(b.ctx(), { email: 'dana@example.org' });
		expect(b.sent.mail.length - beforeB).toBe(1);
		expect(a.sent.mail.length - beforeA).toBe(1);
		expect(new URL(b.sent.mail.at(-1)!.url!).origin).toBe('https://b.example.org');
	});

	it('over one database: the mail goes out through the platform of the context that asked', async () => {
		const other = testPlatform({ origin: 'https://other.example.org' });
		try {
			const ctx = { ...a.ctx(), clientKey: 'other', platform: other.platform };
			const before = a.sent.mail.length;
			await accounts.requestPasswordReset(ctx, { email: 'dana@example.org' });
			expect(other.sent.mail).toHaveLength(1);
			expect(new URL(other.sent.mail[0].url!).origin).toBe('https://other.example.org');
			expect(a.sent.mail.length).toBe(before);
		} finally {
			other.cleanup();
		}
	});

	it('keep files in their own store', async () => {
		const bytes = new TextEncoder().encode('%PDF-1.4\n% only in a\n');
		const row = await storeFile(a.ctx(), {
			bytes,
			ownerModule: 'test',
			visibility: 'private',
			accept: ['application/pdf']
		});
		expect(Buffer.from((await a.platform.files.read(row.id))!)).toEqual(Buffer.from(bytes));
		expect(await b.platform.files.read(row.id)).toBeNull();
	});

	it('switch rate limits each for itself', async () => {
		const off = { ...b.ctx(), platform: { ...b.platform, rateLimits: false } };
		const limit = { max: 1, windowSeconds: 60 };
		await consumeRateLimit(b.ctx(), 'test:switch', 'x', limit);
		await expect(consumeRateLimit(b.ctx(), 'test:switch', 'x', limit)).rejects.toMatchObject({
			code: 'RATE_LIMITED'
		});
		// The same database and counter, on a platform with limits off: not refused.
		await expect(consumeRateLimit(off, 'test:switch', 'x', limit)).resolves.toBeUndefined();
		await expect(consumeRateLimit(b.ctx(), 'test:switch', 'x', limit)).rejects.toMatchObject({
			code: 'RATE_LIMITED'
		});
	});
});
