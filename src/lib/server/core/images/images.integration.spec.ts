import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import sharp from 'sharp';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { coreFile, openPublicFile } from '../files';
import { and, eq } from 'drizzle-orm';
import { JobRunner } from '../jobs';
import { job as coreJob } from '../schema';
import {
	avifJob,
	encodeAvifVariants,
	getImage,
	imagesWithoutAvif,
	putImage,
	srcset,
	widthsFor,
	WIDTHS
} from './index';

// The test platform's file store: a directory in a temporary data directory, removed on close.
let db: TestDb;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(async () => {
	await db?.close();
});

/** EXIF tag 0x8825 points at the GPS directory (either byte order). */
const hasGpsPointer = (exif: Buffer) =>
	exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));

/**
 * A 3000×2000 camera photo stored sideways (EXIF orientation 6: turn 90° clockwise to view), red
 * on its left half and blue on its right, with the camera's name and a GPS position.
 */
async function cameraPhoto(): Promise<Uint8Array> {
	const data = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#ff0000' } })
		.composite([
			{
				input: { create: { width: 1500, height: 2000, channels: 3, background: '#0000ff' } },
				left: 1500,
				top: 0
			}
		])
		.jpeg({ quality: 85 })
		.withExif({
			IFD0: { Make: 'TestCam', Model: 'Secret phone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '42/1 52/1 30/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '74/1 36/1 0/1'
			}
		})
		.withMetadata({ orientation: 6 })
		.toBuffer();
	const meta = await sharp(data).metadata();
	expect(meta.orientation).toBe(6);
	expect(hasGpsPointer(meta.exif!)).toBe(true);
	return new Uint8Array(data);
}

const read = async (id: string) => Buffer.from((await db.platform.files.read(id))!);
const rows = async () => (await db.handle.db.select({ n: count() }).from(coreFile))[0].n;

describe('an uploaded photo', () => {
	let imageId: string;

	it('is stored upright, without EXIF or GPS, in JPEG and WebP at the fixed widths', async () => {
		const image = await putImage(db.ctx({ actor: actor('maker-1') }), {
			bytes: await cameraPhoto(),
			ownerModule: 'shops',
			ownerId: 'product-1',
			visibility: 'public',
			name: 'IMG_0001.jpg'
		});
		imageId = image.id;
		// Upright: the 3000×2000 sideways photo is 2000×3000, capped at 2560 on its longer side.
		expect([image.width, image.height]).toEqual([1707, 2560]);
		expect(widthsFor(1707)).toEqual([320, 640, 960, 1280, 1707]);
		const byFormat = (f: string) => image.variants.filter((v) => v.format === f).map((v) => v.width);
		expect(byFormat('jpeg')).toEqual([320, 640, 960, 1280, 1707]);
		expect(byFormat('webp')).toEqual([320, 640, 960, 1280, 1707]);
		expect(byFormat('avif')).toEqual([]);
		for (const id of [image.id, ...image.variants.map((v) => v.id)]) {
			const bytes = await read(id);
			const meta = await sharp(bytes).metadata();
			expect(meta.exif).toBeUndefined();
			expect(meta.xmp).toBeUndefined();
			expect(meta.orientation).toBeUndefined();
			expect(bytes.includes(Buffer.from('Secret phone'))).toBe(false);
			expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
			const v = image.variants.find((x) => x.id === id);
			if (v) {
				expect(meta.format).toBe(v.format);
				expect([meta.width, meta.height]).toEqual([v.width, v.height]);
				expect(v.height).toBe(Math.round((v.width * 2560) / 1707));
			}
		}
		// The orientation was applied: the left (red) half is now on top, the right (blue) below.
		const jpeg = image.variants.find((v) => v.format === 'jpeg' && v.width === 320)!;
		const { data, info } = await sharp(await read(jpeg.id))
			.raw()
			.toBuffer({ resolveWithObject: true });
		const pixel = (x: number, y: number) => [
			...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)
		];
		const [top, bottom] = [pixel(160, 20), pixel(160, info.height - 20)];
		expect(top[0]).toBeGreaterThan(200);
		expect(top[2]).toBeLessThan(60);
		expect(bottom[2]).toBeGreaterThan(200);
		expect(bottom[0]).toBeLessThan(60);
		// Public: every copy at its content-hashed URL.
		expect(jpeg.url).toMatch(/^\/files\/[0-9a-f]{64}\.jpg$/);
		expect((await openPublicFile(db.ctx(), jpeg.url.split('/').at(-1)!)).file.id).toBe(jpeg.id);
		expect(srcset(image, 'webp').split(', ')).toHaveLength(5);
	});

	it('gets its AVIF variants afterwards, once', async () => {
		expect(await imagesWithoutAvif(db.ctx())).toContain(imageId);
		expect(await encodeAvifVariants(db.ctx(), imageId)).toBe(5);
		expect(await encodeAvifVariants(db.ctx(), imageId)).toBe(0);
		expect(await imagesWithoutAvif(db.ctx())).not.toContain(imageId);
		const image = (await getImage(db.ctx(), imageId))!;
		const avif = image.variants.filter((v) => v.format === 'avif');
		expect(avif.map((v) => v.width)).toEqual([320, 640, 960, 1280, 1707]);
		for (const v of avif) {
			const meta = await sharp(await read(v.id)).metadata();
			expect(meta.format).toBe('heif');
			expect(meta.compression).toBe('av1');
			expect(meta.exif).toBeUndefined();
			expect([meta.width, meta.height]).toEqual([v.width, v.height]);
		}
	});

	it('is queued for its AVIF variants by the upload, once, and the job makes them', async () => {
		const small = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#00aa00' } })
			.jpeg()
			.toBuffer();
		const image = await putImage(db.ctx({ actor: actor('u-avif') }), {
			bytes: small,
			ownerModule: 'test',
			visibility: 'public'
		});
		const queued = await db.handle.db
			.select({ state: coreJob.state })
			.from(coreJob)
			.where(and(eq(coreJob.name, avifJob.name), eq(coreJob.key, image.id)));
		expect(queued).toEqual([{ state: 'queued' }]);
		const runner = new JobRunner(() => db.ctx(), [avifJob]);
		await runner.tick();
		const after = (await getImage(db.ctx(), image.id))!;
		expect(after.variants.filter((v) => v.format === 'avif').map((v) => v.width)).toEqual([320, 640, 800]);
		expect(await imagesWithoutAvif(db.ctx())).not.toContain(image.id);
	});

	it('keeps its transparency in WebP and gets a white background in JPEG; a small one is not enlarged', async () => {
		const png = await sharp({
			create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } }
		})
			.png()
			.toBuffer();
		const image = await putImage(db.ctx(), {
			bytes: new Uint8Array(png),
			ownerModule: 'shops',
			visibility: 'private'
		});
		expect([image.width, image.height]).toEqual([200, 100]);
		expect(image.variants.map((v) => `${v.format}-${v.width}`)).toEqual(['jpeg-200', 'webp-200']);
		expect(image.variants[0].url).toBe(`/files/private/${image.variants[0].id}`);
		const webp = await sharp(await read(image.variants[1].id)).metadata();
		expect(webp.hasAlpha).toBe(true);
		const { data } = await sharp(await read(image.variants[0].id))
			.raw()
			.toBuffer({ resolveWithObject: true });
		expect([...data.subarray(0, 3)].every((c) => c > 240)).toBe(true);
	});

	it('is refused, with nothing stored, when it is not a JPEG, PNG, WebP or AVIF image, or cannot be read', async () => {
		const before = await rows();
		const ctx = db.ctx();
		const put = (bytes: Uint8Array) =>
			putImage(ctx, { bytes, ownerModule: 'shops', visibility: 'public', field: 'photo' });
		await expect(put(new TextEncoder().encode('%PDF-1.4\n'))).rejects.toMatchObject({
			code: 'INVALID',
			fields: { photo: { key: 'error_image_type' } }
		});
		await expect(put(new TextEncoder().encode('GIF89a\x01\x00\x01\x00'))).rejects.toMatchObject({
			fields: { photo: { key: 'error_image_type' } }
		});
		const photo = await cameraPhoto();
		await expect(put(photo.subarray(0, 4000))).rejects.toMatchObject({
			fields: { photo: { key: 'error_image_unreadable' } }
		});
		expect(await rows()).toBe(before);
		expect(WIDTHS).toEqual([320, 640, 960, 1280, 2048]);
	});
});
