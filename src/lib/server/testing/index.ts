import { randomBytes } from 'node:crypto';
import { createDb, migrate, type DbHandle } from '#lib/server/db';
import {
	ANONYMOUS,
	createContext,
	runSeeds,
	setRateLimitsEnabled,
	type Actor,
	type ServiceContext
} from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import type { Locale } from '#lib/i18n/locales';

/**
 * A fresh, migrated database for one integration test file: in-memory PGlite, or — when
 * DATABASE_URL is set — a new database on that PostgreSQL server, dropped afterwards.
 */
export interface TestDb {
	handle: DbHandle;
	ctx(options?: { actor?: Actor; locale?: Locale; now?: Date }): ServiceContext;
	close(): Promise<void>;
}

export async function createTestDb(options: { seed?: boolean; demo?: boolean } = {}): Promise<TestDb> {
	setRateLimitsEnabled(true);
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
	const base = createContext(handle.db);
	if (options.seed) await runSeeds(base, MODULES, { demo: options.demo ?? false });
	return {
		handle,
		ctx: ({ actor = ANONYMOUS, locale = 'en', now } = {}) =>
			createContext(handle.db, { actor, locale, clock: now ? () => now : undefined, clientKey: 'test' }),
		async close() {
			await handle.close();
			await drop?.();
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
