import path from 'node:path';
import type { App } from './app';
import { migrate } from './db';
import { encryptedFieldsOf } from './core';
import { backup, restore, type Manifest } from './core/backup';
import { MODULES } from './modules';

/** Backs up the running App's database, file store and legacy files into `dir` (new or empty). */
export function backupApp(app: App, dir: string): Promise<Manifest> {
	return backup(
		{
			db: app.database.db,
			engine: app.database.kind,
			files: app.platform.files,
			dataDir: app.platform.dataDir,
			encryptedFields: encryptedFieldsOf(MODULES)
		},
		dir
	);
}

/** Migrates the App's (new, never seeded) database and restores `dir` into it. */
export async function restoreApp(app: App, dir: string): Promise<Manifest> {
	await migrate(app.database);
	return restore(
		{
			db: app.database.db,
			engine: app.database.kind,
			files: app.platform.files,
			dataDir: app.platform.dataDir,
			encryptedFields: encryptedFieldsOf(MODULES),
			keyring: app.platform.keyring
		},
		dir
	);
}

/** Where a backup asked of the running server by a signal goes: `<data dir>/backups/<time>`. */
export function signalBackupDir(app: App, now = new Date()): string {
	return path.join(app.platform.dataDir, 'backups', now.toISOString().replace(/[:.]/g, '-'));
}

/** One line saying what a backup holds. */
export function describeManifest(m: Manifest): string {
	const rows = Object.values(m.tables).reduce((n, t) => n + t.rows, 0);
	const bytes = [...m.files, ...m.legacyFiles].reduce((n, f) => n + f.size, 0);
	return (
		`${Object.keys(m.tables).length} tables, ${rows} rows, ${m.files.length + m.legacyFiles.length} files ` +
		`(${bytes} bytes)${m.missingFiles.length ? `, ${m.missingFiles.length} files missing from the store` : ''}. ` +
		m.encrypted.note
	);
}
