import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { getTableName } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { rowsOf } from '#lib/server/db';
import type { FileStore } from '../files/store';
import type { EncryptedField, Keyring } from '../crypto';

/**
 * Backups that restore everything: every row of every table (as JSON lines, one file per table), every
 * stored file (the file store's objects, a directory or an S3 prefix), the legacy evidence files in the
 * data directory, and a manifest of row counts and checksums. One format for both engines, read and
 * written through the driver, so a PGlite backup restores into PostgreSQL and back.
 *
 * Rows are dumped as PostgreSQL's own `to_jsonb` text and loaded with `jsonb_populate_recordset`, so
 * no value passes through a JavaScript number (bigints, numerics and timestamps keep every digit).
 * Restore loads into a freshly migrated, never-seeded database in one transaction (all or nothing),
 * with triggers off for the load (`session_replication_role = replica`: the append-only triggers would
 * otherwise refuse the clearing of rows the migrations insert, and version triggers would count the
 * load), then sets each sequence past the largest id.
 */

export const BACKUP_FORMAT = 'birge-backup';
export const BACKUP_VERSION = 1;
const PAGE = 2000;

export interface TableEntry {
	rows: number;
	sha256: string;
}
export interface FileEntry {
	key: string;
	size: number;
	sha256: string;
}
export interface Manifest {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	createdAt: string;
	engine: 'pglite' | 'postgres';
	/** The migrations the database had (drizzle's hashes, in order): restore needs the same. */
	migrations: string[];
	tables: Record<string, TableEntry>;
	files: FileEntry[];
	/** Files referenced by `core_file` but absent from the store when the backup ran. */
	missingFiles: string[];
	legacyFiles: FileEntry[];
	encrypted: {
		/** How many stored values are encrypted with a key derived from BIRGE_SECRET. */
		values: number;
		/** The key ids they use: restore needs a secret (current or previous) with each of them. */
		keyIds: string[];
		note: string;
	};
}

export interface BackupSource {
	db: Db;
	engine: 'pglite' | 'postgres';
	files: FileStore;
	dataDir: string;
	encryptedFields: readonly EncryptedField[];
}

export interface RestoreTarget extends BackupSource {
	keyring: Keyring;
}

export class BackupError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

interface TableInfo {
	name: string;
	/** Columns that are stored (generated columns are recomputed on load). */
	columns: string[];
	generated: string[];
	primaryKey: string[];
}

async function tables(db: Db): Promise<TableInfo[]> {
	const cols = rowsOf<{ table_name: string; column_name: string; generated: string }>(
		await db.execute(sql`
			select c.relname as table_name, a.attname as column_name, a.attgenerated as generated
			from pg_attribute a
			join pg_class c on c.oid = a.attrelid
			join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
			order by c.relname, a.attnum`)
	);
	const pks = rowsOf<{ table_name: string; column_name: string }>(
		await db.execute(sql`
			select c.relname as table_name, a.attname as column_name
			from pg_index i
			join pg_class c on c.oid = i.indrelid
			join pg_namespace n on n.oid = c.relnamespace
			join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
			join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
			where n.nspname = 'public' and i.indisprimary
			order by c.relname, k.ord`)
	);
	const byName = new Map<string, TableInfo>();
	for (const c of cols) {
		const t = byName.get(c.table_name) ?? {
			name: c.table_name,
			columns: [],
			generated: [],
			primaryKey: []
		};
		if (c.generated) t.generated.push(c.column_name);
		else t.columns.push(c.column_name);
		byName.set(c.table_name, t);
	}
	for (const p of pks) byName.get(p.table_name)?.primaryKey.push(p.column_name);
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function appliedMigrations(db: Db): Promise<string[]> {
	try {
		const rows = rowsOf<{ hash: string }>(
			await db.execute(sql`select hash from drizzle.__drizzle_migrations order by created_at, id`)
		);
		return rows.map((r) => r.hash);
	} catch {
		return [];
	}
}

/** Every row of a table as `to_jsonb` text, in primary-key order (all columns when there is none). */
async function* dumpRows(db: Db, table: TableInfo): AsyncGenerator<string> {
	const drop = table.generated.map((g) => ` - '${g.replace(/'/g, "''")}'`).join('');
	const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quote).join(', ');
	for (let offset = 0; ; offset += PAGE) {
		// OFFSET paging in a repeatable-read snapshot (the caller's transaction) sees one state.
		const page = rowsOf<{ line: string }>(
			await db.execute(
				sql.raw(
					`select (to_jsonb(t)${drop})::text as line from ${quote(table.name)} t order by ${order} limit ${PAGE} offset ${offset}`
				)
			)
		);
		for (const r of page) yield r.line;
		if (page.length < PAGE) return;
	}
}

async function encryptedSummary(db: Db, fields: readonly EncryptedField[]) {
	let values = 0;
	const keyIds = new Set<string>();
	for (const f of fields) {
		const table = quote(getTableName(f.table));
		const column = quote(f.column.name);
		const rows = rowsOf<{ kid: string; n: number | string }>(
			await db.execute(
				sql.raw(
					`select split_part(${column}, ':', 2) as kid, count(*) as n from ${table} where ${column} is not null group by 1`
				)
			)
		);
		for (const r of rows) {
			values += Number(r.n);
			if (r.kid) keyIds.add(r.kid);
		}
	}
	return { values, keyIds: [...keyIds].sort() };
}

function listLegacy(dataDir: string): string[] {
	const root = path.join(dataDir, 'files');
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, { withFileTypes: true })
		.filter((e) => e.isFile() && !e.name.startsWith('.'))
		.map((e) => e.name)
		.sort();
}

/** Writes a backup of `source` into `dir` (created; must be empty) and returns its manifest. */
export async function backup(source: BackupSource, dir: string): Promise<Manifest> {
	fs.mkdirSync(dir, { recursive: true });
	if (fs.readdirSync(dir).length) throw new BackupError(`${dir} is not empty: choose a new folder`);
	fs.mkdirSync(path.join(dir, 'db'));
	fs.mkdirSync(path.join(dir, 'files'));
	fs.mkdirSync(path.join(dir, 'legacy-files'));

	const manifest: Manifest = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: new Date().toISOString(),
		engine: source.engine,
		migrations: [],
		tables: {},
		files: [],
		missingFiles: [],
		legacyFiles: [],
		encrypted: { values: 0, keyIds: [], note: '' }
	};
	let fileKeys: string[] = [];
	// One snapshot for every table: rows that reference each other are dumped from the same moment.
	await source.db.transaction(
		async (tx) => {
			manifest.migrations = await appliedMigrations(tx as unknown as Db);
			for (const table of await tables(tx as unknown as Db)) {
				const out = fs.openSync(path.join(dir, 'db', `${table.name}.jsonl`), 'w');
				const hash = createHash('sha256');
				let rows = 0;
				try {
					for await (const line of dumpRows(tx as unknown as Db, table)) {
						const text = line + '\n';
						fs.writeSync(out, text);
						hash.update(text);
						rows++;
					}
				} finally {
					fs.closeSync(out);
				}
				manifest.tables[table.name] = { rows, sha256: hash.digest('hex') };
			}
			if (manifest.tables.core_file) {
				fileKeys = rowsOf<{ id: string }>(await tx.execute(sql`select id from core_file order by id`)).map(
					(r) => r.id
				);
			}
			const enc = await encryptedSummary(tx as unknown as Db, source.encryptedFields);
			manifest.encrypted = {
				...enc,
				note: enc.values
					? `This backup holds ${enc.values} values encrypted with a key derived from BIRGE_SECRET: restoring them needs the same BIRGE_SECRET (or it as BIRGE_SECRET_PREVIOUS).`
					: 'This backup holds no values encrypted with BIRGE_SECRET.'
			};
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);

	for (const key of fileKeys) {
		const bytes = await source.files.read(key);
		if (!bytes) {
			manifest.missingFiles.push(key);
			continue;
		}
		fs.writeFileSync(path.join(dir, 'files', key), bytes);
		manifest.files.push({ key, size: bytes.byteLength, sha256: sha256(bytes) });
	}
	for (const name of listLegacy(source.dataDir)) {
		const bytes = fs.readFileSync(path.join(source.dataDir, 'files', name));
		fs.writeFileSync(path.join(dir, 'legacy-files', name), bytes);
		manifest.legacyFiles.push({ key: name, size: bytes.byteLength, sha256: sha256(bytes) });
	}
	fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, '\t') + '\n');
	return manifest;
}

/** Reads and checks a backup folder against its manifest; throws a BackupError naming every mismatch. */
export function verifyBackup(dir: string): Manifest {
	const file = path.join(dir, 'manifest.json');
	if (!fs.existsSync(file)) throw new BackupError(`${dir} has no manifest.json: not a Birge backup`);
	let manifest: Manifest;
	try {
		manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		throw new BackupError('manifest.json is not valid JSON');
	}
	if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION)
		throw new BackupError(`manifest.json is not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} manifest`);
	const problems: string[] = [];
	const dbFiles = new Set(fs.existsSync(path.join(dir, 'db')) ? fs.readdirSync(path.join(dir, 'db')) : []);
	for (const [name, entry] of Object.entries(manifest.tables)) {
		const f = path.join(dir, 'db', `${name}.jsonl`);
		dbFiles.delete(`${name}.jsonl`);
		if (!fs.existsSync(f)) {
			problems.push(`db/${name}.jsonl is missing`);
			continue;
		}
		const text = fs.readFileSync(f);
		const rows = text.length ? text.toString('utf8').split('\n').length - 1 : 0;
		if (sha256(text) !== entry.sha256) problems.push(`db/${name}.jsonl does not match its checksum`);
		else if (rows !== entry.rows)
			problems.push(`db/${name}.jsonl has ${rows} rows, the manifest says ${entry.rows}`);
	}
	for (const extra of dbFiles) problems.push(`db/${extra} is not in the manifest`);
	for (const [folder, entries] of [
		['files', manifest.files],
		['legacy-files', manifest.legacyFiles]
	] as const) {
		for (const e of entries) {
			const f = path.join(dir, folder, e.key);
			if (!fs.existsSync(f)) problems.push(`${folder}/${e.key} is missing`);
			else if (sha256(fs.readFileSync(f)) !== e.sha256)
				problems.push(`${folder}/${e.key} does not match its checksum`);
		}
	}
	if (problems.length)
		throw new BackupError(
			`The backup does not match its manifest; nothing was restored:\n  ${problems.join('\n  ')}`
		);
	return manifest;
}

async function count(db: Db, query: SQL): Promise<number> {
	try {
		return Number(rowsOf<{ n: number | string }>(await db.execute(query))[0]?.n ?? 0);
	} catch {
		return 0;
	}
}

/**
 * Restores `dir` into `target`, a database migrated by this version of Birge and never seeded. Checks the
 * manifest first (checksums, migrations, the secret's key ids) and changes nothing when anything is off.
 */
export async function restore(target: RestoreTarget, dir: string): Promise<Manifest> {
	const manifest = verifyBackup(dir);
	const migrations = await appliedMigrations(target.db);
	if (migrations.join() !== manifest.migrations.join())
		throw new BackupError(
			`The backup was made at another schema version (${manifest.migrations.length} migrations; this database has ${migrations.length}). ` +
				'Restore it with the Birge version that made it, then upgrade.'
		);
	const kids = new Set(target.keyring.all.map((k) => k.kid));
	const unreadable = manifest.encrypted.keyIds.filter((k) => !kids.has(k));
	if (unreadable.length)
		throw new BackupError(
			`${manifest.encrypted.note} The configured secret cannot read them (key ${unreadable.join(', ')}): ` +
				'set BIRGE_SECRET (or BIRGE_SECRET_PREVIOUS) to the secret of the backed-up installation.'
		);
	if (
		(await count(target.db, sql`select count(*) as n from core_seed_run`)) > 0 ||
		(await count(target.db, sql`select count(*) as n from core_file`)) > 0
	)
		throw new BackupError(
			'The target database is not new (seeds have run or files exist): restore into an empty database.'
		);
	const present = new Map((await tables(target.db)).map((t) => [t.name, t]));
	const missing = Object.keys(manifest.tables).filter((t) => !present.has(t));
	if (missing.length) throw new BackupError(`Tables missing in the target: ${missing.join(', ')}`);

	// Files first (content-addressed keys: a second run puts the same bytes), then the rows in one go.
	for (const e of manifest.files) {
		const bytes = fs.readFileSync(path.join(dir, 'files', e.key));
		await target.files.put(e.key, bytes, 'application/octet-stream');
	}
	if (manifest.legacyFiles.length) {
		const root = path.join(target.dataDir, 'files');
		fs.mkdirSync(root, { recursive: true });
		for (const e of manifest.legacyFiles)
			fs.copyFileSync(path.join(dir, 'legacy-files', e.key), path.join(root, e.key));
	}

	await target.db.transaction(async (tx) => {
		await tx.execute(sql`set local session_replication_role = replica`);
		for (const table of present.values()) await tx.execute(sql.raw(`delete from ${quote(table.name)}`));
		for (const name of Object.keys(manifest.tables)) {
			const table = present.get(name)!;
			const columns = table.columns.map(quote).join(', ');
			const lines = fs
				.readFileSync(path.join(dir, 'db', `${name}.jsonl`), 'utf8')
				.split('\n')
				.filter(Boolean);
			for (let i = 0; i < lines.length; i += PAGE) {
				const batch = `[${lines.slice(i, i + PAGE).join(',')}]`;
				await tx.execute(
					sql`insert into ${sql.raw(quote(name))} (${sql.raw(columns)}) select ${sql.raw(columns)} from jsonb_populate_recordset(null::${sql.raw(quote(name))}, ${batch}::jsonb)`
				);
			}
		}
		// Sequences (bigserial ids) continue after the restored rows.
		const sequences = rowsOf<{ table_name: string; column_name: string; seq: string }>(
			await tx.execute(sql`
				select c.relname as table_name, a.attname as column_name,
					pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
				from pg_attribute a
				join pg_class c on c.oid = a.attrelid
				join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
					and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`)
		);
		for (const s of sequences)
			await tx.execute(
				sql.raw(
					`select setval('${s.seq.replace(/'/g, "''")}', coalesce((select max(${quote(s.column_name)}) from ${quote(s.table_name)}), 0) + 1, false)`
				)
			);
	});
	return manifest;
}

/** The rows of every table as checksums, to compare two databases (a backup's round trip). */
export async function tableChecksums(db: Db): Promise<Record<string, TableEntry>> {
	const out: Record<string, TableEntry> = {};
	for (const table of await tables(db)) {
		const hash = createHash('sha256');
		let rows = 0;
		for await (const line of dumpRows(db, table)) {
			hash.update(line + '\n');
			rows++;
		}
		out[table.name] = { rows, sha256: hash.digest('hex') };
	}
	return out;
}
