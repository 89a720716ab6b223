import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { ANONYMOUS, createContext, type Actor, type ServiceContext } from '#lib/server/core';
import { coreFile, directoryStore, sha256Of, type FileStore } from '#lib/server/core/files';
import { S3_ENDPOINT, testS3Store } from '#lib/server/core/files/testing';
import { createDb, rowsOf, type DbHandle } from '#lib/server/db';
import { coalitions, importLegacyEvidence, openEvidenceFile, sweepUnrecordedEvidence } from './index';
import { putFile } from './files';
import { GET as evidenceRoute } from '../../../../routes/api/v1/coalitions/evidence/[id]/+server';
import { GET as privateRoute } from '../../../../routes/files/private/[id]/+server';
import { coalition, file } from './schema';

/**
 * Evidence files live in core/files, so any web process serves them: two instances (their own
 * database connection and their own file store object) over one database and one directory or
 * bucket. On PostgreSQL the second instance opens its own connection; the embedded database has one
 * connection per process, so there both instances share it.
 */

let db: TestDb;
let second: DbHandle | null = null;
const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-evidence-'));
	dirs.push(dir);
	return dir;
};
/** The test platform's file store (a directory this file looks into). */
let filesDir: string;
const coordinator = actor('coord-kg', [
	{ role: 'coalition_coordinator', country: 'KG', organizationId: null }
]);
const kzCoordinator = actor('coord-kz', [
	{ role: 'coalition_coordinator', country: 'KZ', organizationId: null }
]);
const bodyOf = async (stream: ReadableStream<Uint8Array>) =>
	new Uint8Array(await new Response(stream).arrayBuffer());

interface Instance {
	ctx(a?: Actor): ServiceContext;
	store: FileStore;
}

beforeAll(async () => {
	filesDir = tempDir();
	db = await createTestDb({ seed: true, platform: { files: directoryStore(filesDir) } });
	if (process.env.DATABASE_URL) {
		const [{ name }] = rowsOf<{ name: string }>(
			await db.handle.db.execute(sql`select current_database() as name`)
		);
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		second = await createDb({ url: url.toString() });
	}
});
afterAll(async () => {
	await second?.close();
	await db?.close();
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function instances(makeStore: () => Promise<FileStore>): Promise<[Instance, Instance]> {
	const on = (handle: DbHandle, store: FileStore): Instance => ({
		store,
		// Each instance has its own platform: its own store object over the shared directory or bucket.
		ctx: (a = coordinator) =>
			createContext(handle.db, { ...db.platform, files: store }, { actor: a, locale: 'en' })
	});
	return Promise.all([makeStore(), makeStore()]).then(([a, b]) => [
		on(db.handle, a),
		on(second ?? db.handle, b)
	]);
}

/** Runs `fn` as the given instance (its contexts carry its platform and store). */
async function as<T>(instance: Instance, fn: (instance: Instance) => Promise<T>): Promise<T> {
	return fn(instance);
}

async function newItem(ctx: ServiceContext, title: string) {
	const { id } = await coalitions.createRecommendation(ctx, 'kg', {
		barrier: 'finance',
		title: { en: title }
	} as never);
	return id;
}

async function photoWithGps(): Promise<Uint8Array> {
	const data = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#336699' } })
		.jpeg()
		.withExif({
			IFD0: { Make: 'TestCam', Model: 'Secret phone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '42/1 52/1 0/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '74/1 36/1 0/1'
			}
		})
		.toBuffer();
	expect((await sharp(data).metadata()).exif).toBeDefined();
	return new Uint8Array(data);
}

let shared = '';
const kinds: [string, () => Promise<FileStore>][] = [
	['one shared directory', async () => directoryStore(shared)]
];
if (S3_ENDPOINT) {
	const prefix = `evidence-${randomBytes(4).toString('hex')}/`;
	kinds.push(['one S3 bucket', () => testS3Store(prefix)]);
}

describe.each(kinds)(
	'an evidence file uploaded through one instance is served by another (%s)',
	(_, makeStore) => {
		it('serves the same bytes from the second instance, and photos without their EXIF and GPS data', async () => {
			shared = tempDir();
			const [a, b] = await instances(makeStore);
			const pdf = new TextEncoder().encode(`%PDF-1.4\n% evidence ${randomBytes(4).toString('hex')}\n`);
			const photo = await photoWithGps();
			const ids = await as(a, async () => {
				const item = await newItem(a.ctx(), 'Two instances');
				await coalitions.recordStatus(
					a.ctx(),
					'kg',
					{ recommendationId: item, date: '2025', status: 'endorsed' },
					{ upload: { name: 'decree.pdf', bytes: pdf } }
				);
				await coalitions.recordStatus(
					a.ctx(),
					'kg',
					{ recommendationId: item, date: '2025', status: 'submitted' },
					{ upload: { name: 'signing.jpg', bytes: photo } }
				);
				const timeline = (await coalitions.getItem(a.ctx(), 'kg', item)).item.timeline;
				return timeline
					.sort((x, y) => x.seq - y.seq)
					.flatMap((e) => e.evidence.filter((x) => x.kind === 'file'))
					.map((x) => x.url!.split('/').at(-1)!);
			});
			expect(ids).toHaveLength(2);
			await as(b, async () => {
				// Anybody reads evidence that is on a timeline (timelines are public).
				const first = await openEvidenceFile(b.ctx(ANONYMOUS), ids[0]);
				expect(first.file.name).toBe('decree.pdf');
				expect(await bodyOf(first.body)).toEqual(pdf);
				const second = await openEvidenceFile(b.ctx(), ids[1]);
				expect(second.file.contentType).toBe('image/jpeg');
				const served = await bodyOf(second.body);
				const meta = await sharp(served).metadata();
				expect(meta.exif).toBeUndefined();
				expect([meta.width, meta.height]).toEqual([60, 40]);
				expect(Buffer.from(served).includes(Buffer.from('Secret phone'))).toBe(false);
			});
		});
	}
);

describe('evidence files from before core/files', () => {
	let dataDir: string;
	let legacy: string;
	let store: string;
	let coalitionId: string;
	/** A platform whose data directory holds the old location and whose store is elsewhere. */
	const legacyCtx = (a: Actor = ANONYMOUS) =>
		createContext(
			db.handle.db,
			{ ...db.platform, dataDir, files: directoryStore(store) },
			{ actor: a, locale: 'en' }
		);
	beforeAll(async () => {
		dataDir = tempDir();
		legacy = path.join(dataDir, 'files'); // the old location: <data dir>/files/<id>
		fs.mkdirSync(legacy);
		store = tempDir();
		[{ id: coalitionId }] = await db.handle.db
			.select({ id: coalition.id })
			.from(coalition)
			.where(eq(coalition.slug, 'kg'));
	});

	async function legacyFile(bytes: Uint8Array, onDisk: boolean) {
		const id = randomUUID();
		if (onDisk) fs.writeFileSync(path.join(legacy, id), bytes);
		await db.handle.db.insert(file).values({
			id,
			coalitionId,
			name: 'old.pdf',
			contentType: 'application/pdf',
			size: bytes.byteLength,
			sha256: sha256Of(bytes),
			uploadedBy: 'coord-kg'
		});
		return id;
	}

	it('are copied into the store once, keeping the old files; one that appears later is copied when read', async () => {
		const bytes = new TextEncoder().encode('%PDF-1.4\n% from before\n');
		const present = await legacyFile(bytes, true);
		const late = await legacyFile(bytes, false);
		const ctx = legacyCtx(coordinator);
		expect(await importLegacyEvidence(ctx)).toEqual({ copied: 1, missing: 1 });
		expect(fs.readFileSync(path.join(store, present))).toEqual(Buffer.from(bytes));
		expect(fs.existsSync(path.join(legacy, present))).toBe(true);
		const [row] = await db.handle.db.select().from(coreFile).where(eq(coreFile.id, present));
		expect(row).toMatchObject({ ownerModule: 'coalitions', visibility: 'private', size: bytes.byteLength });
		// Idempotent: nothing copied twice.
		expect(await importLegacyEvidence(ctx)).toEqual({ copied: 0, missing: 1 });
		// The coalition's coordinators read a file not on a timeline; others get 404.
		expect(await bodyOf((await openEvidenceFile(ctx, present)).body)).toEqual(bytes);
		await expect(openEvidenceFile(legacyCtx(kzCoordinator), present)).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(openEvidenceFile(legacyCtx(), present)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// The late file is restored to the old location afterwards: copied on first read.
		await expect(openEvidenceFile(ctx, late)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		fs.writeFileSync(path.join(legacy, late), bytes);
		expect(await bodyOf((await openEvidenceFile(ctx, late)).body)).toEqual(bytes);
		expect(fs.existsSync(path.join(store, late))).toBe(true);
		expect(await importLegacyEvidence(ctx)).toEqual({ copied: 0, missing: 0 });
	});
});

describe('the download routes', () => {
	it("serve evidence on a timeline to anybody, with its name, inert and cached; 404 in the asker's language otherwise", async () => {
		const item = await newItem(db.ctx({ actor: coordinator }), 'Routes');
		const pdf = new TextEncoder().encode('%PDF-1.4\n% route\n');
		await coalitions.recordStatus(
			db.ctx({ actor: coordinator }),
			'kg',
			{ recommendationId: item, date: '2025', status: 'endorsed' },
			{ upload: { name: 'Решение №1.pdf', bytes: pdf } }
		);
		const [{ id }] = await db.handle.db
			.select({ id: file.id })
			.from(file)
			.where(eq(file.name, 'Решение _1.pdf'));
		const call = (handler: (event: never) => unknown, param: Record<string, string>, a: Actor = ANONYMOUS) =>
			handler({
				locals: { ctx: db.ctx({ actor: a }), locale: 'ru' },
				url: new URL('http://localhost/x'),
				params: param,
				request: new Request('http://localhost/x')
			} as never) as Promise<Response>;
		for (const response of [await call(evidenceRoute, { id }), await call(privateRoute, { id })]) {
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
			expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('Решение _1.pdf'));
			expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf);
		}
		const missing = await call(evidenceRoute, { id: randomUUID() });
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.message).toMatch(/[а-я]/);
		expect((await call(privateRoute, { id: 'not-an-id' })).status).toBe(404);
	});
});

describe('evidence files never recorded', () => {
	it('are removed after an hour; recorded ones are kept', async () => {
		const dir = filesDir;
		const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
		const old = await putFile(
			db.ctx({ actor: coordinator, now: hoursAgo(2) }),
			'lost.pdf',
			new TextEncoder().encode('%PDF-1.4\n% lost\n')
		);
		const fresh = await putFile(
			db.ctx({ actor: coordinator }),
			'new.pdf',
			new TextEncoder().encode('%PDF-1.4\n% new\n')
		);
		const recorded = await db.handle.db
			.select({ id: coreFile.id })
			.from(coreFile)
			.innerJoin(file, eq(file.id, coreFile.id));
		expect(recorded.length).toBeGreaterThan(0);
		expect(await sweepUnrecordedEvidence(db.ctx())).toBe(1);
		expect(fs.existsSync(path.join(dir, old.id))).toBe(false);
		expect(fs.existsSync(path.join(dir, fresh.id))).toBe(true);
		const left = await db.handle.db.select({ id: coreFile.id }).from(coreFile);
		expect(left.map((r) => r.id)).not.toContain(old.id);
		expect(left.map((r) => r.id)).toContain(fresh.id);
		for (const r of recorded) expect(left.map((x) => x.id)).toContain(r.id);
	});
});
