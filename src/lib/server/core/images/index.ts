/** core/images: the public surface. */
export {
	IMAGE_TYPES,
	WIDTHS,
	MASTER_SIZE,
	MAX_IMAGE_BYTES,
	MAX_PIXELS,
	sniffImageType,
	widthsFor,
	putImage,
	getImage,
	srcset,
	encodeAvifVariants,
	imagesWithoutAvif,
	stripImage,
	encoderState,
	type ImageType,
	type ImageFormat,
	type ImageInfo,
	type ImageVariant,
	type ImageCrop,
	type PutImageInput,
	type PutImageResult
} from './images';
export { createSemaphore } from './semaphore';
export { avifJob } from './avif-job';
