import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDb, migrate, type DbHandle } from '#lib/server/db';
import {
	ANONYMOUS,
	createContext,
	createKeyring,
	memorySender,
	runSeeds,
	type Actor,
	type OutgoingMail,
	type OutgoingSms,
	type OutgoingTelegram,
	type Platform,
	type ServiceContext
} from '#lib/server/core';
import { directoryStore } from '#lib/server/core/files';
import { MODULES } from '#lib/server/modules';
import type { Locale } from '#lib/i18n/locales';

/**
 * A fresh, migrated database for one integration test file: in-memory PGlite, or — when
 * DATABASE_URL is set — a new database on that PostgreSQL server, dropped afterwards.
 */
export interface TestDb {
	handle: DbHandle;
	/** This test database's own platform: a memory sender, a file store in a temporary directory. */
	platform: Platform;
	/** What the platform's sender has sent (unless a test put its own sender in place). */
	sent: { mail: OutgoingMail[]; sms: OutgoingSms[]; telegram: OutgoingTelegram[] };
	ctx(options?: { actor?: Actor; locale?: Locale; now?: Date; clientKey?: string }): ServiceContext;
	close(): Promise<void>;
}

/**
 * A platform for tests: a memory sender, a directory file store under a fresh temporary data
 * directory, a keyring from a random secret, rate limits on, origin http://localhost:3000.
 */
export function testPlatform(overrides: Partial<Platform> = {}): {
	platform: Platform;
	sent: { mail: OutgoingMail[]; sms: OutgoingSms[]; telegram: OutgoingTelegram[] };
	cleanup: () => void;
} {
	// Created by the store on first write; removed by cleanup.
	const made = overrides.dataDir
		? null
		: path.join(os.tmpdir(), `birge-test-${randomBytes(8).toString('hex')}`);
	const dataDir = overrides.dataDir ?? made!;
	const sender = memorySender();
	const secret = randomBytes(32).toString('base64url');
	const platform: Platform = {
		origin: 'http://localhost:3000',
		secret,
		sender,
		files: directoryStore(path.join(dataDir, 'store')),
		keyring: createKeyring(secret),
		rateLimits: true,
		dataDir,
		...overrides
	};
	return {
		platform,
		sent: sender,
		cleanup: () => {
			if (made) fs.rmSync(made, { recursive: true, force: true });
		}
	};
}

export async function createTestDb(
	options: { seed?: boolean; demo?: boolean; platform?: Partial<Platform> } = {}
): Promise<TestDb> {
	const { platform, sent, cleanup } = testPlatform(options.platform);
	const serverUrl = process.env.DATABASE_URL;
	let handle: DbHandle;
	let drop: (() => Promise<void>) | undefined;
	if (serverUrl) {
		const { default: postgres } = await import('postgres');
		const name = `birge_test_${randomBytes(6).toString('hex')}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		// C.UTF-8 so pg_trgm treats Cyrillic letters as word characters.
		await admin.unsafe(
			`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
		);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		handle = await createDb({ url: url.toString() });
		drop = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 5 });
		};
	} else {
		handle = await createDb({ dataDir: null });
	}
	await migrate(handle);
	const base = createContext(handle.db, platform);
	if (options.seed) await runSeeds(base, MODULES, { demo: options.demo ?? false });
	return {
		handle,
		platform,
		sent,
		ctx: ({ actor = ANONYMOUS, locale = 'en', now, clientKey = 'test' } = {}) =>
			createContext(handle.db, platform, {
				actor,
				locale,
				clock: now ? () => now : undefined,
				clientKey
			}),
		async close() {
			await handle.close();
			await drop?.();
			cleanup();
		}
	};
}

/** An actor with the given grants, for access tests. */
export function actor(
	userId: string,
	grants: Actor['grants'] = [],
	memberships: Actor['memberships'] = []
): Actor {
	return { userId, grants, memberships };
}
