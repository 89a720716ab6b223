import sharp from 'sharp';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import {
	coreFile,
	fileUrl,
	getFile,
	insertFiles,
	removeBytes,
	sniffContentType,
	variantsOf,
	writeFile,
	type CoreFile,
	type FileVisibility,
	type NewFile
} from '../files';
import { createSemaphore } from './semaphore';
import { enqueueJob } from '../jobs';
import { avifJob } from './avif-job';

/**
 * Photos for shops, learning and production. The uploaded bytes are decoded once, turned upright
 * (EXIF orientation applied) and re-encoded without any metadata: EXIF, GPS, XMP and camera data
 * never reach the store, so nothing else can read them. What is kept:
 * - the image itself: a master (JPEG, or WebP when transparent), at most MASTER_SIZE pixels on
 *   its longer side, for later encodes (AVIF) and as the best copy;
 * - JPEG and WebP variants at the fixed WIDTHS (only those narrower than the image, and the
 *   image's own width when it is narrower than the widest), made during the upload;
 * - AVIF variants at the same widths, made afterwards by `encodeAvifVariants` (a job).
 * One encode runs at a time per process.
 */

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
// 960 so that a phone 360 px wide at 2× (most phones sold in the region) loads a 960-px copy, not the
// 1280 one: the product page's first view then fits its 100 KB (bench/shops/product-page.ts).
export const WIDTHS = [320, 640, 960, 1280, 2048] as const;
export const MASTER_SIZE = 2560;
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Larger than any phone photo (a 48-megapixel sensor), small enough to decode on a small server. */
export const MAX_PIXELS = 50_000_000;
export type ImageFormat = 'jpeg' | 'webp' | 'avif';

/**
 * Encoder settings chosen with bench/images.ts on a small shared server: libjpeg-turbo rather than
 * mozjpeg (13× faster for files a third larger; browsers that take WebP or AVIF get those), WebP
 * and AVIF at effort 2 (files as small as at their defaults here, 3× and 12× faster).
 */
const QUALITY = { master: 92, jpeg: 80, webp: 78, avif: 55 } as const;
const EFFORT = { webp: 2, avif: 2 } as const;

sharp.cache(false);
const encodes = createSemaphore(1);

/** The semaphore's state, for tests and the bench script. */
export const encoderState = () => ({ active: encodes.active, waiting: encodes.waiting });

export function sniffImageType(bytes: Uint8Array): ImageType | null {
	const type = sniffContentType(bytes);
	return (IMAGE_TYPES as readonly string[]).includes(type ?? '') ? (type as ImageType) : null;
}

export interface ImageVariant {
	id: string;
	format: ImageFormat;
	width: number;
	height: number;
	size: number;
	url: string;
}

export interface ImageInfo {
	id: string;
	width: number;
	height: number;
	visibility: FileVisibility;
	/** The master (JPEG, or WebP when transparent; full size). */
	url: string;
	/** Smallest first, per format. */
	variants: ImageVariant[];
}

function checkImage(bytes: Uint8Array, field: string): ImageType {
	if (bytes.byteLength > MAX_IMAGE_BYTES)
		throw new AppError('INVALID', {
			fields: { [field]: { key: 'error_image_size', params: { max: MAX_IMAGE_BYTES / 1024 / 1024 } } }
		});
	const type = sniffImageType(bytes);
	if (!type) throw new AppError('INVALID', { fields: { [field]: { key: 'error_image_type' } } });
	return type;
}

/** A decoded image cannot be read (truncated, corrupt, too many pixels): the user's fault, not ours. */
function unreadable(field: string, error: unknown): AppError {
	const tooBig = /pixel limit/i.test((error as Error)?.message ?? '');
	return new AppError('INVALID', {
		fields: {
			[field]: tooBig
				? { key: 'error_image_pixels', params: { max: MAX_PIXELS / 1_000_000 } }
				: { key: 'error_image_unreadable' }
		}
	});
}

interface Decoded {
	data: Buffer;
	info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Decodes, applies the orientation, caps the size, and keeps only sRGB pixels (no metadata). */
async function decode(bytes: Uint8Array, field: string): Promise<Decoded> {
	try {
		const { data, info } = await sharp(bytes, {
			limitInputPixels: MAX_PIXELS,
			failOn: 'error',
			sequentialRead: true
		})
			.autoOrient()
			.resize({ width: MASTER_SIZE, height: MASTER_SIZE, fit: 'inside', withoutEnlargement: true })
			.toColourspace('srgb')
			.raw({ depth: 'uchar' })
			.toBuffer({ resolveWithObject: true });
		return { data, info: { width: info.width, height: info.height, channels: info.channels } };
	} catch (error) {
		throw unreadable(field, error);
	}
}

const CONTENT_TYPE: Record<ImageFormat, string> = {
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	avif: 'image/avif'
};

const fromRaw = (d: Decoded) => sharp(d.data, { raw: d.info });

/** The decoded pixels at a smaller width (the height follows), or the same pixels when not smaller. */
async function shrink(d: Decoded, width: number): Promise<Decoded> {
	if (width >= d.info.width) return d;
	const { data, info } = await fromRaw(d).resize({ width }).raw().toBuffer({ resolveWithObject: true });
	return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

async function encode(d: Decoded, format: ImageFormat | 'master', width?: number) {
	let img = fromRaw(d);
	if (width && width < d.info.width) img = img.resize({ width });
	let contentType = CONTENT_TYPE[format as ImageFormat];
	if (format === 'jpeg') img = img.flatten({ background: '#ffffff' }).jpeg({ quality: QUALITY.jpeg });
	else if (format === 'webp') img = img.webp({ quality: QUALITY.webp, effort: EFFORT.webp });
	else if (format === 'avif') img = img.avif({ quality: QUALITY.avif, effort: EFFORT.avif });
	// The master: JPEG (quick to make and to decode again), WebP when the image has transparency.
	else if (d.info.channels === 2 || d.info.channels === 4) {
		img = img.webp({ quality: QUALITY.master, effort: EFFORT.webp });
		contentType = 'image/webp';
	} else {
		img = img.jpeg({ quality: QUALITY.master });
		contentType = 'image/jpeg';
	}
	const { data, info } = await img.toBuffer({ resolveWithObject: true });
	return {
		contentType,
		bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
		width: info.width,
		height: info.height
	};
}

/** A fixed-size JPEG cut from the pixels (the part that draws the eye), e.g. a link preview. */
async function encodeCrop(d: Decoded, crop: ImageCrop) {
	const { data, info } = await fromRaw(d)
		.resize({ width: crop.width, height: crop.height, fit: 'cover', position: 'attention' })
		.flatten({ background: '#ffffff' })
		.jpeg({ quality: QUALITY.jpeg })
		.toBuffer({ resolveWithObject: true });
	return {
		contentType: 'image/jpeg',
		bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
		width: info.width,
		height: info.height
	};
}

type Encoded = Awaited<ReturnType<typeof encode>>;

/**
 * Everything an upload makes, from one decode: the master, then the widths from the widest down,
 * each width's pixels shrunk from the next wider one's (so every resize is small) and encoded as
 * JPEG and WebP at once (two encoder threads: sharp runs one libvips thread per pipeline here), and
 * the crops from the smallest width that still covers them.
 */
async function encodeUpload(decoded: Decoded, crops: readonly ImageCrop[]) {
	const widths = widthsFor(decoded.info.width).sort((a, b) => b - a);
	const variants: { format: ImageFormat; width: number; out: Encoded }[] = [];
	const cropped: { crop: ImageCrop; out: Encoded }[] = [];
	const sources: Decoded[] = [decoded];
	const masterDone = encode(decoded, 'master');
	let from = decoded;
	for (const width of widths) {
		from = await shrink(from, width);
		sources.push(from);
		const [jpeg, webp] = await Promise.all([encode(from, 'jpeg'), encode(from, 'webp')]);
		variants.push({ format: 'jpeg', width, out: jpeg }, { format: 'webp', width, out: webp });
	}
	for (const crop of crops) {
		// The smallest pixels that cover the crop once scaled to fill it (else the largest).
		const covering = sources
			.filter((d) => d.info.width >= crop.width && d.info.height >= crop.height)
			.sort((a, b) => a.info.width - b.info.width)[0];
		cropped.push({ crop, out: await encodeCrop(covering ?? decoded, crop) });
	}
	variants.sort((a, b) => a.width - b.width || a.format.localeCompare(b.format));
	return { master: await masterDone, variants, cropped };
}

/** The widths an image of this width gets. */
export function widthsFor(width: number): number[] {
	const widest = WIDTHS[WIDTHS.length - 1];
	const out: number[] = WIDTHS.filter((w) => w < width);
	if (width <= widest && !out.includes(width)) out.push(width);
	return out;
}

/** A fixed-size cut of an image (e.g. a 1200×630 link preview), stored as a variant of the master. */
export interface ImageCrop {
	/** The variant's name (`og-1200`); never one of the format-width names. */
	variant: string;
	width: number;
	height: number;
}

export interface PutImageInput {
	bytes: Uint8Array;
	ownerModule: string;
	ownerId?: string | null;
	visibility: FileVisibility;
	name?: string | null;
	/** The form field errors are reported on. */
	field?: string;
	/** Crops made from the same decode (not listed among the image's widths). */
	crops?: readonly ImageCrop[];
	/**
	 * False when the caller queues the AVIF encode itself, in its own job that then records the new
	 * variants wherever it keeps the image's URLs (shops: a photo's srcset snapshot). Default true:
	 * `avifJob` is queued with the image.
	 */
	queueAvif?: boolean;
}

export interface PutImageResult extends ImageInfo {
	/** The crops asked for, by variant name: the stored file's id and URL. */
	crops: Record<string, { id: string; url: string }>;
}

/**
 * Stores an uploaded photo: stripped, upright, resized to the fixed widths in JPEG and WebP (and
 * the crops asked for), from one decode. INVALID (on `field`) for a file that is not a JPEG, PNG,
 * WebP or AVIF image, too large, or unreadable; nothing is stored then.
 */
export async function putImage(ctx: ServiceContext, input: PutImageInput): Promise<PutImageResult> {
	const field = input.field ?? 'image';
	checkImage(input.bytes, field);
	const encoded = await encodes.run(async () =>
		encodeUpload(await decode(input.bytes, field), input.crops ?? [])
	);
	const written: NewFile[] = [];
	try {
		const base = {
			ownerModule: input.ownerModule,
			ownerId: input.ownerId ?? null,
			visibility: input.visibility
		};
		const master = await writeFile(ctx, {
			...base,
			bytes: encoded.master.bytes,
			name: input.name ?? null,
			accept: [encoded.master.contentType],
			contentType: encoded.master.contentType,
			width: encoded.master.width,
			height: encoded.master.height
		});
		written.push(master);
		const child = (out: Encoded, variant: string) =>
			writeFile(ctx, {
				...base,
				bytes: out.bytes,
				accept: [out.contentType],
				contentType: out.contentType,
				width: out.width,
				height: out.height,
				parentId: master.id,
				variant
			});
		for (const v of encoded.variants) written.push(await child(v.out, `${v.format}-${v.width}`));
		const crops: PutImageResult['crops'] = {};
		for (const c of encoded.cropped) {
			const row = await child(c.out, c.crop.variant);
			written.push(row);
			crops[c.crop.variant] = { id: row.id, url: fileUrl(row as CoreFile) };
		}
		await ctx.db.transaction(async (tx) => {
			const txCtx = { ...ctx, db: tx };
			await insertFiles(txCtx, written);
			// AVIF afterwards, by a job queued with the image (never for an image that was not recorded).
			if (input.queueAvif !== false)
				await enqueueJob(txCtx, avifJob, { fileId: master.id }, { key: master.id });
		});
		return { ...infoOf(master as CoreFile, written.slice(1) as CoreFile[]), crops };
	} catch (error) {
		await removeBytes(
			ctx,
			written.map((w) => w.id)
		);
		throw error;
	}
}

function infoOf(master: CoreFile, variants: CoreFile[]): ImageInfo {
	return {
		id: master.id,
		width: master.width ?? 0,
		height: master.height ?? 0,
		visibility: master.visibility,
		url: fileUrl(master),
		variants: variants
			.filter((v) => /^(jpeg|webp|avif)-\d+$/.test(v.variant ?? ''))
			.map((v) => ({
				id: v.id,
				format: v.variant!.split('-')[0] as ImageFormat,
				width: v.width ?? 0,
				height: v.height ?? 0,
				size: v.size,
				url: fileUrl(v)
			}))
			.sort((a, b) => a.format.localeCompare(b.format) || a.width - b.width)
	};
}

/** An image with its variants, or null when there is no such image. No access check: URLs only. */
export async function getImage(ctx: ServiceContext, id: string): Promise<ImageInfo | null> {
	const master = await getFile(ctx, id);
	if (!master || master.parentId || master.width === null) return null;
	return infoOf(master, await variantsOf(ctx, id));
}

/** `srcset` for one format: "url 320w, url 640w". */
export function srcset(image: ImageInfo, format: ImageFormat): string {
	return image.variants
		.filter((v) => v.format === format)
		.map((v) => `${v.url} ${v.width}w`)
		.join(', ');
}

/**
 * Makes the AVIF variants an image lacks, at the widths of its JPEG ones (AVIF takes seconds per
 * photo, too long for the upload). Idempotent: a variant that exists is skipped, and two runs at
 * once store each variant once. Returns how many it made. For core/jobs to call with a system context.
 */
export async function encodeAvifVariants(ctx: ServiceContext, fileId: string): Promise<number> {
	const master = await getFile(ctx, fileId);
	if (!master || master.parentId || master.width === null) throw new AppError('NOT_FOUND');
	const variants = await variantsOf(ctx, fileId);
	const have = new Set(variants.map((v) => v.variant));
	const widths = variants
		.filter((v) => v.variant?.startsWith('jpeg-'))
		.map((v) => Number(v.variant!.slice(5)))
		.filter((w) => !have.has(`avif-${w}`))
		.sort((a, b) => a - b);
	if (widths.length === 0) return 0;
	const bytes = await ctx.platform.files.read(master.id);
	if (!bytes) throw new AppError('NOT_FOUND');
	const made = await encodes.run(async () => {
		const decoded = await decode(bytes, 'image');
		const out = [];
		for (const target of widths) out.push({ target, ...(await encode(decoded, 'avif', target)) });
		return out;
	});
	let inserted = 0;
	for (const v of made) {
		const row = await writeFile(ctx, {
			bytes: v.bytes,
			ownerModule: master.ownerModule,
			ownerId: master.ownerId,
			visibility: master.visibility,
			accept: ['image/avif'],
			contentType: 'image/avif',
			width: v.width,
			height: v.height,
			parentId: master.id,
			variant: `avif-${v.target}`
		});
		const rows = await ctx.db
			.insert(coreFile)
			.values(row)
			.onConflictDoNothing()
			.returning({ id: coreFile.id });
		if (rows.length) inserted++;
		else await removeBytes(ctx, [row.id]);
	}
	return inserted;
}

/** Images whose AVIF variants are still to be made (for a job that catches up after a restart). */
export async function imagesWithoutAvif(ctx: ServiceContext, limit = 50): Promise<string[]> {
	const v = alias(coreFile, 'v');
	const rows = await ctx.db
		.select({ id: coreFile.id })
		.from(coreFile)
		.innerJoin(v, eq(v.parentId, coreFile.id))
		.where(and(isNull(coreFile.parentId), isNotNull(coreFile.width)))
		.groupBy(coreFile.id)
		.having(
			sql`count(*) filter (where ${v.variant} like 'jpeg-%') > count(*) filter (where ${v.variant} like 'avif-%')`
		)
		.limit(limit);
	return rows.map((r) => r.id);
}

/**
 * The same image with its metadata stripped and its orientation applied, in the same format at
 * the same size (for documents kept as they are, such as evidence photos). AVIF comes back as WebP.
 */
export async function stripImage(
	bytes: Uint8Array,
	field = 'image'
): Promise<{ bytes: Uint8Array; contentType: ImageType }> {
	const type = checkImage(bytes, field);
	return encodes.run(async () => {
		try {
			let img = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).autoOrient();
			let contentType: ImageType = type;
			if (type === 'image/jpeg') img = img.jpeg({ quality: QUALITY.master, mozjpeg: true });
			else if (type === 'image/png') img = img.png();
			else {
				img = img.webp({ quality: QUALITY.master });
				contentType = 'image/webp';
			}
			const data = await img.toBuffer();
			return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), contentType };
		} catch (error) {
			throw unreadable(field, error);
		}
	});
}
