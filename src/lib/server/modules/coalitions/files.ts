import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { AppError, type Job, type Seed, type ServiceContext } from '../../core';
import {
	coreFile,
	deleteFile,
	openFile,
	registerReadCheck,
	sha256Of,
	storeFile,
	type OpenedFile
} from '../../core/files';
import { stripImage } from '../../core/images';
import { log } from '../../log';
import { coalition, file, timelineEntry } from './schema';
import { isCoordinator } from './access';

/**
 * Evidence documents, kept in core/files (a directory or S3, whichever the platform is configured
 * with): the bytes under the file's id, a `core_file` row owned by `coalitions`, and the module's
 * own `coalitions_file` row (coalition, name, uploader) with the same id. Only documents and
 * images whose first bytes match their type are kept; photos lose their EXIF and GPS data before
 * they are stored. An evidence file on a timeline is public (timelines are); one not (yet) on a
 * timeline is read by the coalition's coordinators only.
 *
 * Before core/files, the bytes lived in BIRGE_DATA_DIR/files/<id>: `evidenceFilesSeed` copies
 * them into the store at start-up (and a file found only there later is copied when first read).
 * The old files are left in place.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ALLOWED_TYPES = {
	'application/pdf': { ext: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
	'image/png': { ext: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
	'image/jpeg': { ext: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
	'image/webp': { ext: 'webp', magic: [[0x52, 0x49, 0x46, 0x46]] }
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

/** Where evidence files lived before core/files: <the platform's data directory>/files/<id>. */
export function filesRoot(ctx: ServiceContext): string {
	return path.join(ctx.platform.dataDir, 'files');
}

/** The type the bytes actually are (by their signature), or null. */
export function sniffType(bytes: Uint8Array): AllowedType | null {
	for (const [type, spec] of Object.entries(ALLOWED_TYPES) as [
		AllowedType,
		(typeof ALLOWED_TYPES)[AllowedType]
	][]) {
		if (spec.magic.some((m) => m.every((b, i) => bytes[i] === b))) {
			if (type === 'image/webp' && String.fromCharCode(...bytes.slice(8, 12)) !== 'WEBP') continue;
			return type;
		}
	}
	return null;
}

export interface StoredFile {
	id: string;
	name: string;
	contentType: AllowedType;
	size: number;
	sha256: string;
}

const fileError = (key: 'coalitions_error_file_type' | 'coalitions_error_file_size') =>
	new AppError('INVALID', {
		fields: {
			evidenceFile:
				key === 'coalitions_error_file_size'
					? { key, params: { max: MAX_FILE_BYTES / 1024 / 1024 } }
					: { key }
		}
	});

/**
 * Checks and stores the bytes (a `core_file` row and the bytes in the store); returns what to
 * record in `coalitions_file`, which the caller inserts in its transaction. When that transaction
 * fails, the caller calls `discardFile`.
 */
export async function putFile(ctx: ServiceContext, name: string, bytes: Uint8Array): Promise<StoredFile> {
	if (bytes.byteLength === 0)
		throw new AppError('INVALID', { fields: { evidenceFile: { key: 'error_field_required' } } });
	if (bytes.byteLength > MAX_FILE_BYTES) throw fileError('coalitions_error_file_size');
	const sniffed = sniffType(bytes);
	if (!sniffed) throw fileError('coalitions_error_file_type');
	let kept = bytes;
	let contentType: AllowedType = sniffed;
	if (sniffed !== 'application/pdf') {
		try {
			const stripped = await stripImage(bytes, 'evidenceFile');
			kept = stripped.bytes;
			contentType = stripped.contentType as AllowedType;
		} catch (error) {
			// A file whose first bytes say "image" but that does not decode is not kept.
			if (error instanceof AppError) throw fileError('coalitions_error_file_type');
			throw error;
		}
	}
	const id = randomUUID();
	const clean =
		path
			.basename(name)
			.replace(/[^\p{L}\p{N}._ -]/gu, '_')
			.slice(0, 120) || `evidence.${ALLOWED_TYPES[contentType].ext}`;
	const row = await storeFile(ctx, {
		id,
		bytes: kept,
		ownerModule: 'coalitions',
		ownerId: id,
		visibility: 'private',
		name: clean,
		accept: [contentType],
		contentType
	});
	return { id, name: clean, contentType, size: row.size, sha256: row.sha256 };
}

/** Removes a file whose `coalitions_file` row was never committed (the recording transaction failed). */
export async function discardFile(ctx: ServiceContext, id: string): Promise<void> {
	await deleteFile(ctx, id);
}

function readLegacy(ctx: ServiceContext, id: string): Uint8Array | null {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	try {
		return new Uint8Array(fs.readFileSync(path.join(filesRoot(ctx), id)));
	} catch {
		return null;
	}
}

/** The stored bytes of an evidence file (tests and tools; pages use `openEvidenceFile`). */
export async function readFileBytes(ctx: ServiceContext, id: string): Promise<Buffer | null> {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	const bytes = (await ctx.platform.files.read(id)) ?? readLegacy(ctx, id);
	return bytes ? Buffer.from(bytes) : null;
}

type EvidenceRow = typeof file.$inferSelect;

/**
 * Copies one pre-core/files evidence file into the store and records it. Idempotent: bytes
 * already in the store are not written again, a row already recorded is kept.
 * False when the bytes are nowhere to be found.
 */
async function importLegacyFile(ctx: ServiceContext, row: EvidenceRow): Promise<boolean> {
	const store = ctx.platform.files;
	let bytes = await store.read(row.id);
	if (!bytes) {
		bytes = readLegacy(ctx, row.id);
		if (!bytes) return false;
		await store.put(row.id, bytes, row.contentType);
	}
	const sha256 = sha256Of(bytes);
	if (sha256 !== row.sha256) log.warn('evidence file differs from its recorded checksum', { file: row.id });
	await ctx.db
		.insert(coreFile)
		.values({
			id: row.id,
			ownerModule: 'coalitions',
			ownerId: row.id,
			visibility: 'private',
			contentType: row.contentType,
			size: bytes.byteLength,
			sha256,
			name: row.name,
			createdBy: row.uploadedBy,
			createdAt: row.createdAt
		})
		.onConflictDoNothing();
	return true;
}

/** Copies every evidence file that has no `core_file` row yet from the old location into the store. */
export async function importLegacyEvidence(
	ctx: ServiceContext
): Promise<{ copied: number; missing: number }> {
	const rows = await ctx.db
		.select({ file })
		.from(file)
		.leftJoin(coreFile, eq(coreFile.id, file.id))
		.where(isNull(coreFile.id));
	let copied = 0;
	let missing = 0;
	for (const { file: row } of rows) {
		if (await importLegacyFile(ctx, row)) copied++;
		else missing++;
	}
	if (rows.length) log.info('evidence files moved to the file store', { copied, missing });
	if (missing) log.warn('evidence files not found in the old location; copied when they appear', { missing });
	return { copied, missing };
}

/** Runs once at start-up (with the seeds): evidence files from before core/files join the store. */
export const evidenceFilesSeed: Seed = {
	name: 'coalitions.evidence-files',
	version: '1',
	kind: 'reference',
	run: async (ctx) => {
		await importLegacyEvidence(ctx);
	}
};

/**
 * Removes evidence files stored for an entry that was never recorded: the recording transaction
 * failed and the process stopped before `discardFile`, or a double-submitted form stored its file
 * twice and recorded the entry once. Only files older than an hour, so none still being recorded.
 */
export async function sweepUnrecordedEvidence(ctx: ServiceContext): Promise<number> {
	const before = new Date(ctx.clock().getTime() - 60 * 60 * 1000);
	const rows = await ctx.db
		.select({ id: coreFile.id })
		.from(coreFile)
		.leftJoin(file, eq(file.id, coreFile.ownerId))
		.where(
			and(
				eq(coreFile.ownerModule, 'coalitions'),
				isNull(coreFile.parentId),
				isNull(file.id),
				lt(coreFile.createdAt, before)
			)
		)
		.limit(500);
	for (const row of rows) await deleteFile(ctx, row.id);
	if (rows.length) log.info('unrecorded evidence files removed', { count: rows.length });
	return rows.length;
}

export const evidenceSweepJob: Job = {
	name: 'coalitions.evidence-sweep',
	everySeconds: 60 * 60,
	run: async (ctx) => {
		await sweepUnrecordedEvidence(ctx);
	}
};

/** Evidence on a timeline is public; an evidence file not on one, only its coalition's coordinators. */
registerReadCheck('coalitions', async (ctx, f) => {
	if (!f.ownerId) return null;
	const [row] = await ctx.db
		.select({ id: file.id, coalitionId: coalition.id, country: coalition.country })
		.from(file)
		.innerJoin(coalition, eq(coalition.id, file.coalitionId))
		.where(eq(file.id, f.ownerId));
	if (!row) return null;
	const [used] = await ctx.db
		.select({ id: timelineEntry.id })
		.from(timelineEntry)
		.where(eq(timelineEntry.evidenceFileId, row.id))
		.limit(1);
	if (used) return 'public';
	return (await isCoordinator(ctx, { id: row.coalitionId, country: row.country })) ? 'private' : null;
});

/**
 * An evidence document for the download route, if the actor may read it (NOT_FOUND otherwise).
 * A file recorded before core/files and not copied yet is copied now.
 */
export async function openEvidenceFile(ctx: ServiceContext, id: string): Promise<OpenedFile> {
	try {
		return await openFile(ctx, id);
	} catch (error) {
		if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
		const [row] = await ctx.db
			.select({ file })
			.from(file)
			.leftJoin(coreFile, eq(coreFile.id, file.id))
			.where(and(eq(file.id, id), isNull(coreFile.id)));
		if (!row || !(await importLegacyFile(ctx, row.file))) throw error;
		return openFile(ctx, id);
	}
}
