import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../core';
import { config } from '../../config';

/**
 * A small file store for evidence documents: bytes on disk under BIRGE_DATA_DIR/files/<id>, the
 * metadata in coalitions_file. Core-shaped (put/read by id) so it can move to core, or to object
 * storage, without touching callers. Only documents and images whose first bytes match their type
 * are kept; anything else is refused.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ALLOWED_TYPES = {
	'application/pdf': { ext: 'pdf', magic: [[0x25, 0x50, 0x44, 0x46, 0x2d]] },
	'image/png': { ext: 'png', magic: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
	'image/jpeg': { ext: 'jpg', magic: [[0xff, 0xd8, 0xff]] },
	'image/webp': { ext: 'webp', magic: [[0x52, 0x49, 0x46, 0x46]] }
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

let rootOverride: string | null = null;

/** Tests point the store at a temporary directory. */
export function setFilesRoot(dir: string | null) {
	rootOverride = dir;
}

export function filesRoot(): string {
	return rootOverride ?? path.join(config().dataDir, 'files');
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

/** Checks and writes the bytes; returns what to record. The caller records it in its transaction. */
export function putFile(name: string, bytes: Uint8Array): StoredFile {
	if (bytes.byteLength === 0)
		throw new AppError('INVALID', { fields: { evidenceFile: { key: 'error_field_required' } } });
	if (bytes.byteLength > MAX_FILE_BYTES)
		throw new AppError('INVALID', {
			fields: {
				evidenceFile: { key: 'coalitions_error_file_size', params: { max: MAX_FILE_BYTES / 1024 / 1024 } }
			}
		});
	const contentType = sniffType(bytes);
	if (!contentType)
		throw new AppError('INVALID', { fields: { evidenceFile: { key: 'coalitions_error_file_type' } } });
	const id = randomUUID();
	const root = filesRoot();
	fs.mkdirSync(root, { recursive: true });
	const target = path.join(root, id);
	fs.writeFileSync(target + '.part', bytes);
	fs.renameSync(target + '.part', target);
	const clean =
		path
			.basename(name)
			.replace(/[^\p{L}\p{N}._ -]/gu, '_')
			.slice(0, 120) || `evidence.${ALLOWED_TYPES[contentType].ext}`;
	return {
		id,
		name: clean,
		contentType,
		size: bytes.byteLength,
		sha256: createHash('sha256').update(bytes).digest('hex')
	};
}

/** Removes bytes whose metadata was never committed (the recording transaction failed). */
export function discardFile(id: string) {
	try {
		fs.unlinkSync(path.join(filesRoot(), id));
	} catch {
		/* already gone */
	}
}

export function readFileBytes(id: string): Buffer | null {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	try {
		return fs.readFileSync(path.join(filesRoot(), id));
	} catch {
		return null;
	}
}
