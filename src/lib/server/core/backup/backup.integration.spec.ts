import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { rowsOf } from '#lib/server/db';
import { coreFile } from '../files/schema';
import { storeFile } from '../files';
import { encryptField, type EncryptedField } from '../crypto';
import { backup, restore, tableChecksums, verifyBackup, BackupError, type Manifest } from './index';

// A column of a real table holding one encrypted value, so the manifest has something to report.
const ENCRYPTED: EncryptedField[] = [
	{ table: coreFile, id: coreFile.id, column: coreFile.name, aad: 'core_file.name' }
];
const PNG = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
		'base64'
	)
);

const sourceOf = (db: TestDb) => ({
	db: db.handle.db,
	engine: db.handle.kind,
	files: db.platform.files,
	dataDir: db.platform.dataDir,
	encryptedFields: ENCRYPTED
});
const targetOf = (db: TestDb) => ({ ...sourceOf(db), keyring: db.platform.keyring });

describe('backup and restore (every table, every file, a checked manifest)', () => {
	let source: TestDb;
	let dir: string;
	let manifest: Manifest;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-backup-'));

	beforeAll(async () => {
		source = await createTestDb({ seed: true, demo: true });
		const ctx = source.ctx();
		await storeFile(ctx, {
			ownerModule: 'core',
			visibility: 'public',
			bytes: PNG,
			accept: ['image/png'],
			id: 'backup-test-file'
		});
		const secretName = encryptField(
			'a name only the secret reads',
			'core_file.name',
			source.platform.keyring
		);
		await ctx.db.execute(sql`update core_file set name = ${secretName} where id = 'backup-test-file'`);
		// A legacy evidence file in the data directory (before core/files).
		fs.mkdirSync(path.join(source.platform.dataDir, 'files'), { recursive: true });
		fs.writeFileSync(path.join(source.platform.dataDir, 'files', 'legacy-1'), 'legacy bytes');
		dir = path.join(tmp, 'b1');
		manifest = await backup(sourceOf(source), dir);
	});
	afterAll(async () => {
		await source?.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	it('writes a manifest of row counts, checksums, files and encrypted values', () => {
		expect(manifest.tables.programs_program.rows).toBeGreaterThan(10);
		expect(manifest.tables.core_seed_run.rows).toBeGreaterThan(0);
		expect(manifest.files.map((f) => f.key)).toContain('backup-test-file');
		expect(manifest.legacyFiles).toEqual([expect.objectContaining({ key: 'legacy-1', size: 12 })]);
		expect(manifest.encrypted.values).toBe(1);
		expect(manifest.encrypted.note).toMatch(/BIRGE_SECRET/);
		expect(manifest.migrations.length).toBeGreaterThan(10);
		expect(verifyBackup(dir).createdAt).toBe(manifest.createdAt);
	});

	it('round-trips: every table and every file equal after restore', async () => {
		const target = await createTestDb({ platform: { keyring: source.platform.keyring } });
		try {
			await restore(targetOf(target), dir);
			expect(await tableChecksums(target.handle.db)).toEqual(await tableChecksums(source.handle.db));
			expect(await target.platform.files.read('backup-test-file')).toEqual(PNG);
			expect(fs.readFileSync(path.join(target.platform.dataDir, 'files', 'legacy-1'), 'utf8')).toBe(
				'legacy bytes'
			);
			// Sequences continue after the restored ids: a new audit entry gets a fresh id.
			const before = rowsOf<{ n: string }>(
				await target.handle.db.execute(sql`select max(id)::text as n from core_audit_log`)
			)[0].n;
			const next = rowsOf<{ id: string }>(
				await target.handle.db.execute(
					sql`insert into core_audit_log (action, entity) values ('test', 'test') returning id::text as id`
				)
			)[0].id;
			expect(BigInt(next)).toBeGreaterThan(BigInt(before ?? '0'));
		} finally {
			await target.close();
		}
	});

	it('refuses a backup whose rows do not match the manifest, and changes nothing', async () => {
		const bad = path.join(tmp, 'tampered');
		fs.cpSync(dir, bad, { recursive: true });
		const f = path.join(bad, 'db', 'programs_program.jsonl');
		fs.writeFileSync(f, fs.readFileSync(f, 'utf8').split('\n').slice(1).join('\n'));
		const target = await createTestDb({ platform: { keyring: source.platform.keyring } });
		try {
			await expect(restore(targetOf(target), bad)).rejects.toThrow(/programs_program.jsonl does not match/);
			const n = rowsOf<{ n: number }>(
				await target.handle.db.execute(sql`select count(*)::int as n from programs_program`)
			)[0].n;
			expect(n).toBe(0);
		} finally {
			await target.close();
		}
	});

	it('refuses a missing file, another schema version, another secret and a used database', async () => {
		const noFile = path.join(tmp, 'nofile');
		fs.cpSync(dir, noFile, { recursive: true });
		fs.rmSync(path.join(noFile, 'files', 'backup-test-file'));
		expect(() => verifyBackup(noFile)).toThrow(/files\/backup-test-file is missing/);

		const otherSchema = path.join(tmp, 'schema');
		fs.cpSync(dir, otherSchema, { recursive: true });
		const m = JSON.parse(fs.readFileSync(path.join(otherSchema, 'manifest.json'), 'utf8'));
		m.migrations = m.migrations.slice(0, -1);
		fs.writeFileSync(path.join(otherSchema, 'manifest.json'), JSON.stringify(m));

		const otherSecret = await createTestDb();
		const used = await createTestDb({ seed: true, platform: { keyring: source.platform.keyring } });
		try {
			await expect(restore(targetOf(otherSecret), otherSchema)).rejects.toThrow(/another schema version/);
			await expect(restore(targetOf(otherSecret), dir)).rejects.toThrow(
				/needs the same BIRGE_SECRET[\s\S]*cannot read them/
			);
			await expect(restore(targetOf(used), dir)).rejects.toBeInstanceOf(BackupError);
		} finally {
			await otherSecret.close();
			await used.close();
		}
	});

	it('refuses to write into a folder that is not empty', async () => {
		await expect(backup(sourceOf(source), dir)).rejects.toThrow(/not empty/);
	});
});
