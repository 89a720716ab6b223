import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import {
	directoryStore,
	fileResponse,
	fileUrl,
	openFile,
	openPublicFile,
	registerReadCheck,
	sha256Of,
	storeFile,
	storeFromConfig,
	type FileStore
} from './index';
import { loadConfig } from '#lib/server/config';
import { S3_ENDPOINT, testS3Store } from './testing';

const bodyOf = async (stream: ReadableStream<Uint8Array>) =>
	new Uint8Array(await new Response(stream).arrayBuffer());

const PDF = new TextEncoder().encode('%PDF-1.4\n% a test document\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function driverContract(name: string, make: () => Promise<FileStore>) {
	describe(name, () => {
		it('writes, reads, streams, tells whether a key exists, and deletes', async () => {
			const store = await make();
			const key = `k-${randomBytes(6).toString('hex')}`;
			expect(await store.read(key)).toBeNull();
			expect(await store.open(key)).toBeNull();
			expect(await store.exists(key)).toBe(false);
			await store.put(key, PDF, 'application/pdf');
			expect(await store.exists(key)).toBe(true);
			expect(await store.read(key)).toEqual(PDF);
			const opened = await store.open(key);
			expect(opened?.size).toBe(PDF.byteLength);
			expect(await bodyOf(opened!.body)).toEqual(PDF);
			await store.delete(key);
			expect(await store.exists(key)).toBe(false);
			await store.delete(key); // already gone: no error
		});

		it('refuses keys that could leave the store', async () => {
			const store = await make();
			await expect(store.put('../escape', PDF, 'application/pdf')).rejects.toThrow(/key/);
			await expect(store.read('a/b')).rejects.toThrow(/key/);
		});
	});
}

const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-files-'));
	dirs.push(dir);
	return dir;
};

driverContract('the directory store', async () => directoryStore(tempDir()));
if (S3_ENDPOINT) driverContract('the S3 store', () => testS3Store(`t-${randomBytes(4).toString('hex')}/`));
else describe.skip('the S3 store (set BIRGE_TEST_S3_ENDPOINT; CI does)', () => it('runs in CI', () => {}));

describe('configuration', () => {
	it('builds the directory store by default, under BIRGE_DATA_DIR/files', async () => {
		const dir = tempDir();
		const store = await storeFromConfig(loadConfig({ BIRGE_DATA_DIR: dir }));
		expect(store.kind).toBe('directory');
		await store.put('x', PDF, 'application/pdf');
		expect(fs.existsSync(path.join(dir, 'files', 'x'))).toBe(true);
	});

	it('builds the S3 store from BIRGE_S3_* and refuses S3 without a bucket', async () => {
		await expect(storeFromConfig(loadConfig({ BIRGE_FILE_STORE: 's3' }))).rejects.toThrow(/BIRGE_S3_BUCKET/);
		const store = await storeFromConfig(
			loadConfig({ BIRGE_FILE_STORE: 's3', BIRGE_S3_BUCKET: 'b', BIRGE_S3_ENDPOINT: 'http://127.0.0.1:1' })
		);
		expect(store.kind).toBe('s3');
	});
});

describe('files with owners and visibility', () => {
	let db: TestDb;
	beforeAll(async () => {
		db = await createTestDb({ platform: { files: directoryStore(tempDir()) } });
		// A module whose private files only their creator reads.
		registerReadCheck('test', async (ctx, f) =>
			ctx.actor.userId && ctx.actor.userId === f.createdBy ? 'private' : null
		);
	});
	afterAll(async () => {
		await db?.close();
		for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('records the sniffed type, size, hash and creator, and refuses types the owner does not accept', async () => {
		const ctx = db.ctx({ actor: actor('u1') });
		await expect(
			storeFile(ctx, { bytes: PNG, ownerModule: 'test', visibility: 'private', accept: ['application/pdf'] })
		).rejects.toMatchObject({ code: 'INVALID', fields: { file: { key: 'error_file_type' } } });
		const row = await storeFile(ctx, {
			bytes: PDF,
			ownerModule: 'test',
			ownerId: 'doc-1',
			visibility: 'private',
			name: 'report.pdf',
			accept: ['application/pdf']
		});
		expect(row).toMatchObject({ contentType: 'application/pdf', size: PDF.byteLength, createdBy: 'u1' });
		expect(row.sha256).toBe(sha256Of(PDF));
	});

	it('serves a private file only to whom the owner module allows, and 404 to others', async () => {
		const row = await storeFile(db.ctx({ actor: actor('u1') }), {
			bytes: PDF,
			ownerModule: 'test',
			visibility: 'private',
			accept: ['application/pdf']
		});
		expect(fileUrl(row)).toBe(`/files/private/${row.id}`);
		const mine = await openFile(db.ctx({ actor: actor('u1') }), row.id);
		expect(await bodyOf(mine.body)).toEqual(PDF);
		expect(mine.cacheable).toBe(false);
		const response = fileResponse(
			await openFile(db.ctx({ actor: actor('u1') }), row.id),
			new Request('http://x/')
		);
		expect(response.headers.get('cache-control')).toBe('private, no-cache');
		await expect(openFile(db.ctx({ actor: actor('u2') }), row.id)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(openFile(db.ctx(), row.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// A module without a read check: nobody reads its private files.
		const orphan = await storeFile(db.ctx({ actor: actor('u1') }), {
			bytes: PDF,
			ownerModule: 'nobody',
			visibility: 'private',
			accept: ['application/pdf']
		});
		await expect(openFile(db.ctx({ actor: actor('u1') }), orphan.id)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});

	it('serves a public file at its content hash with a year-long immutable cache, and 304 for its ETag', async () => {
		const bytes = new TextEncoder().encode(`%PDF-1.4\n% public ${randomBytes(4).toString('hex')}\n`);
		const row = await storeFile(db.ctx(), {
			bytes,
			ownerModule: 'test',
			visibility: 'public',
			accept: ['application/pdf']
		});
		const url = fileUrl(row);
		expect(url).toBe(`/files/${sha256Of(bytes)}.pdf`);
		const opened = await openPublicFile(db.ctx(), url.split('/').at(-1)!);
		const response = fileResponse(opened, new Request('http://x' + url));
		expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
		const again = fileResponse(
			await openPublicFile(db.ctx(), url.split('/').at(-1)!),
			new Request('http://x' + url, { headers: { 'if-none-match': response.headers.get('etag')! } })
		);
		expect(again.status).toBe(304);
		// The wrong extension, an unknown hash, a private file's hash: not found.
		await expect(openPublicFile(db.ctx(), `${row.sha256}.png`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(openPublicFile(db.ctx(), `${'0'.repeat(64)}.pdf`)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		const secret = await storeFile(db.ctx({ actor: actor('u1') }), {
			bytes: new TextEncoder().encode('%PDF-1.4\n% secret\n'),
			ownerModule: 'test',
			visibility: 'private',
			accept: ['application/pdf']
		});
		await expect(openPublicFile(db.ctx(), `${secret.sha256}.pdf`)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});
});
