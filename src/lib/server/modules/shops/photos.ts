import { carryOwnText } from './texts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	AppError,
	defineJob,
	enqueueJob,
	i18nTextSchema,
	isAppError,
	parseInput,
	withDb,
	writeAudit,
	type Seed,
	type ServiceContext
} from '../../core';
import { deleteFile } from '../../core/files';
import { encodeAvifVariants, getImage, putImage } from '../../core/images';
import { requireShopEditor } from './access';
import { photoAltInput } from './inputs';
import {
	deletePhotoRow,
	insertPhoto,
	photoById,
	photosOf,
	photosWithoutAvif,
	productBySlug,
	refreshListed,
	shopBySlug,
	updatePhotoRow,
	updateProductRow
} from './queries';

/**
 * Product photos through core images, as public files: type sniffed from the bytes, EXIF and GPS
 * stripped before anything reads them (a maker's home must not leak through a photo), JPEG and WebP
 * widths made during the upload, AVIF afterwards by a job (`photoAvifJob`, which then records the
 * AVIF copies in the photo's srcset snapshot, so pages offer them), the master kept (up to 2560 px) for
 * the marketplace export. Each photo also gets a 1200×630 preview for link previews (Open Graph).
 */

/** The shops module's upload limit (core images takes up to 25 MB). */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTOS = 10;
export const OG_SIZE = { width: 1200, height: 630 } as const;
const OG_VARIANT = 'og-1200';

async function editableProduct(ctx: ServiceContext, shopSlug: string, slug: string) {
	const s = await shopBySlug(ctx, shopSlug);
	if (!s) throw new AppError('NOT_FOUND');
	await requireShopEditor(ctx, s.id);
	const p = await productBySlug(ctx, s.id, slug);
	if (!p) throw new AppError('NOT_FOUND');
	return { shop: s, product: p };
}

export async function addPhoto(
	ctx: ServiceContext,
	shopSlug: string,
	slug: string,
	input: { bytes: Uint8Array; name?: string | null; alt?: unknown }
): Promise<{ id: string }> {
	const { product: p } = await editableProduct(ctx, shopSlug, slug);
	if (!input.bytes?.byteLength)
		throw new AppError('INVALID', { fields: { file: { key: 'error_field_required' } } });
	if (input.bytes.byteLength > MAX_PHOTO_BYTES)
		throw new AppError('INVALID', { fields: { file: { key: 'error_image_size', params: { max: 15 } } } });
	const alt = carryOwnText(ctx, null, parseInput(photoAltInput, input.alt ?? {}));
	const existing = await photosOf(ctx, [p.id]);
	if (existing.length >= MAX_PHOTOS)
		throw new AppError('INVALID', { fields: { file: { key: 'shops_error_photo_count' } } });
	// The 1200×630 link preview is cut (where the eye goes) from the same decode as the widths.
	const { crops, ...image } = await putImage(ctx, {
		bytes: input.bytes,
		ownerModule: 'shops',
		ownerId: p.id,
		visibility: 'public',
		name: null,
		field: 'file',
		crops: [{ variant: OG_VARIANT, ...OG_SIZE }],
		// This module's job makes the AVIF copies and records them in the snapshot below.
		queueAvif: false
	});
	const og = { fileId: crops[OG_VARIANT].id, url: crops[OG_VARIANT].url };
	const id = randomUUID();
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await insertPhoto(t, {
			id,
			productId: p.id,
			fileId: image.id,
			position: existing.length ? Math.max(...existing.map((e) => e.position)) + 1 : 0,
			alt,
			width: image.width,
			height: image.height,
			image,
			og,
			createdAt: ctx.clock()
		});
		await updateProductRow(t, p.id, { updatedAt: ctx.clock() });
		await enqueueJob(t, photoAvifJob, { photoId: id }, { key: id });
		await writeAudit(t, {
			action: 'shops.photo.add',
			entity: 'shops_product',
			entityId: p.id,
			after: { photo: id }
		});
	});
	return { id };
}

export async function setPhotoAlt(
	ctx: ServiceContext,
	shopSlug: string,
	slug: string,
	photoId: string,
	alt: unknown
) {
	const { product: p } = await editableProduct(ctx, shopSlug, slug);
	const photo = (await photosOf(ctx, [p.id])).find((ph) => ph.id === photoId);
	if (!photo) throw new AppError('NOT_FOUND');
	await updatePhotoRow(ctx, photo.id, {
		alt: carryOwnText(ctx, photo.alt, parseInput(i18nTextSchema, alt ?? {}))
	});
}

/** Moves a photo one place earlier or later (the first is the card's and the preview's). */
export async function movePhoto(
	ctx: ServiceContext,
	shopSlug: string,
	slug: string,
	photoId: string,
	direction: 'up' | 'down'
) {
	const { product: p } = await editableProduct(ctx, shopSlug, slug);
	const photos = await photosOf(ctx, [p.id]);
	const i = photos.findIndex((ph) => ph.id === photoId);
	if (i < 0) throw new AppError('NOT_FOUND');
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= photos.length) return;
	[photos[i], photos[j]] = [photos[j], photos[i]];
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		for (const [position, ph] of photos.entries()) await updatePhotoRow(t, ph.id, { position });
	});
}

/** Removes a photo and its stored files. A published product keeps at least one photo. */
export async function removePhoto(ctx: ServiceContext, shopSlug: string, slug: string, photoId: string) {
	const { shop: s, product: p } = await editableProduct(ctx, shopSlug, slug);
	const photos = await photosOf(ctx, [p.id]);
	const photo = photos.find((ph) => ph.id === photoId);
	if (!photo) throw new AppError('NOT_FOUND');
	if (p.status === 'published' && photos.length === 1)
		throw new AppError('CONFLICT', { messageKey: 'shops_error_publish_photo' });
	await ctx.db.transaction(async (tx) => {
		const t = withDb(ctx, tx);
		await deletePhotoRow(t, photo.id);
		await writeAudit(t, {
			action: 'shops.photo.remove',
			entity: 'shops_product',
			entityId: p.id,
			before: { photo: photo.id }
		});
	});
	await deleteFile(ctx, photo.fileId);
	await refreshListed(ctx, s.id, p.id);
}

/**
 * Makes a photo's AVIF copies (core images, seconds per photo: too long to wait for during the
 * upload), then records them in the photo's srcset snapshot, so its pages offer AVIF first (about 40 %
 * smaller than WebP for a real photo at these settings). The snapshot's write bumps the catalogue
 * version, so cached result pages pick the new copies up. Idempotent: copies that exist are kept; a
 * photo removed before its turn is done.
 */
export const photoAvifJob = defineJob({
	name: 'shops.photo-avif',
	payload: z.object({ photoId: z.string().min(1).max(100) }),
	retries: { attempts: 3, backoffSeconds: 60 },
	// One encode can take a minute on a small server (as core's own AVIF job).
	leaseSeconds: 300,
	async run(ctx, { photoId }) {
		return { made: await recordAvif(ctx, photoId) };
	}
});

export async function recordAvif(ctx: ServiceContext, photoId: string): Promise<number> {
	const row = await photoById(ctx, photoId);
	if (!row) return 0;
	let made: number;
	try {
		made = await encodeAvifVariants(ctx, row.fileId);
	} catch (error) {
		if (isAppError(error) && error.code === 'NOT_FOUND') return 0;
		throw error;
	}
	const image = await getImage(ctx, row.fileId);
	if (image && JSON.stringify(image) !== JSON.stringify(row.image))
		await updatePhotoRow(ctx, row.id, { image });
	return made;
}

/**
 * Queues the job for photos uploaded before it recorded AVIF copies (their snapshot offers WebP and
 * JPEG only), once per install; the job's key makes a photo queued twice run once.
 */
export const photoAvifSeed: Seed = {
	name: 'shops.photo-avif',
	version: '1',
	kind: 'reference',
	async run(ctx) {
		let after = '';
		for (;;) {
			const ids = await photosWithoutAvif(ctx, after, 500);
			for (const photoId of ids) await enqueueJob(ctx, photoAvifJob, { photoId }, { key: photoId });
			if (ids.length < 500) return;
			after = ids[ids.length - 1];
		}
	}
};
