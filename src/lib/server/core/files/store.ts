import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { Config } from '#lib/server/config';

/**
 * Where bytes live. Two drivers: a directory (the default, under BIRGE_DATA_DIR/files; share it
 * between web processes with a network file system) and S3-compatible object storage. Keys are
 * opaque strings chosen by core/files (a file's id); values are written once and never changed.
 */
export interface FileStore {
	readonly kind: 'directory' | 's3';
	put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
	/** The whole object, or null when there is none. */
	read(key: string): Promise<Uint8Array | null>;
	/** The object as a stream for a response body, or null when there is none. */
	open(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
	exists(key: string): Promise<boolean>;
	/** Removes the object; no error when it is already gone. */
	delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function checkKey(key: string): string {
	if (!KEY.test(key) || key.includes('..')) throw new Error('Invalid file store key');
	return key;
}

/** Bytes in files under `root`; written to a temporary name, then renamed, so readers never see half. */
export function directoryStore(root: string): FileStore {
	const file = (key: string) => path.join(root, checkKey(key));
	const missing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';
	return {
		kind: 'directory',
		async put(key, bytes) {
			const target = file(key);
			await fs.promises.mkdir(root, { recursive: true });
			const part = `${target}.${randomUUID()}.part`;
			try {
				await fs.promises.writeFile(part, bytes, { flag: 'wx' });
				await fs.promises.rename(part, target);
			} catch (error) {
				await fs.promises.rm(part, { force: true });
				throw error;
			}
		},
		async read(key) {
			try {
				return new Uint8Array(await fs.promises.readFile(file(key)));
			} catch (error) {
				if (missing(error)) return null;
				throw error;
			}
		},
		async open(key) {
			let handle: fs.promises.FileHandle;
			try {
				handle = await fs.promises.open(file(key), 'r');
			} catch (error) {
				if (missing(error)) return null;
				throw error;
			}
			const { size } = await handle.stat();
			const stream = handle.createReadStream({ autoClose: true });
			return { body: Readable.toWeb(stream) as ReadableStream<Uint8Array>, size };
		},
		async exists(key) {
			try {
				await fs.promises.access(file(key));
				return true;
			} catch {
				return false;
			}
		},
		async delete(key) {
			await fs.promises.rm(file(key), { force: true });
		}
	};
}

export interface S3Options {
	bucket: string;
	endpoint?: string;
	region: string;
	accessKeyId?: string;
	secretAccessKey?: string;
	forcePathStyle: boolean;
	prefix?: string;
}

/**
 * S3 or an S3-compatible server (MinIO, Garage, Ceph, s3rver). Checksums only when the operation
 * requires them: S3-compatible servers reject or mangle the SDK's default CRC32 trailers.
 */
export async function s3Store(options: S3Options): Promise<FileStore> {
	const s3 = await import('@aws-sdk/client-s3');
	const client = new s3.S3Client({
		region: options.region,
		endpoint: options.endpoint,
		forcePathStyle: options.forcePathStyle,
		credentials:
			options.accessKeyId && options.secretAccessKey
				? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
				: undefined,
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});
	const Bucket = options.bucket;
	const prefix = options.prefix ?? '';
	const Key = (key: string) => prefix + checkKey(key);
	const notFound = (error: unknown) => {
		const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
		return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
	};
	return {
		kind: 's3',
		async put(key, bytes, contentType) {
			await client.send(
				new s3.PutObjectCommand({
					Bucket,
					Key: Key(key),
					Body: bytes,
					ContentType: contentType,
					ContentLength: bytes.byteLength
				})
			);
		},
		async read(key) {
			try {
				const out = await client.send(new s3.GetObjectCommand({ Bucket, Key: Key(key) }));
				return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
			} catch (error) {
				if (notFound(error)) return null;
				throw error;
			}
		},
		async open(key) {
			try {
				const out = await client.send(new s3.GetObjectCommand({ Bucket, Key: Key(key) }));
				if (!out.Body) return { body: new Blob([]).stream(), size: 0 };
				return { body: out.Body.transformToWebStream(), size: out.ContentLength ?? 0 };
			} catch (error) {
				if (notFound(error)) return null;
				throw error;
			}
		},
		async exists(key) {
			try {
				await client.send(new s3.HeadObjectCommand({ Bucket, Key: Key(key) }));
				return true;
			} catch (error) {
				if (notFound(error)) return false;
				throw error;
			}
		},
		async delete(key) {
			await client.send(new s3.DeleteObjectCommand({ Bucket, Key: Key(key) }));
		}
	};
}

/** The store the configuration asks for. */
export async function storeFromConfig(cfg: Config): Promise<FileStore> {
	if (cfg.BIRGE_FILE_STORE === 's3') {
		if (!cfg.BIRGE_S3_BUCKET) throw new Error('BIRGE_FILE_STORE=s3 needs BIRGE_S3_BUCKET');
		return s3Store({
			bucket: cfg.BIRGE_S3_BUCKET,
			endpoint: cfg.BIRGE_S3_ENDPOINT,
			region: cfg.BIRGE_S3_REGION,
			accessKeyId: cfg.BIRGE_S3_ACCESS_KEY_ID,
			secretAccessKey: cfg.BIRGE_S3_SECRET_ACCESS_KEY,
			forcePathStyle: cfg.BIRGE_S3_FORCE_PATH_STYLE,
			prefix: cfg.BIRGE_S3_PREFIX
		});
	}
	return directoryStore(path.resolve(cfg.BIRGE_FILES_DIR ?? path.join(cfg.dataDir, 'files')));
}
