import { z } from 'zod';
import { defineJob } from '../jobs';
import { isAppError } from '../errors';
import { encodeAvifVariants } from './images';

/**
 * Makes an uploaded image's AVIF variants after the upload (AVIF takes seconds per photo at sharp's
 * default effort, too long to wait for). Queued by `putImage` in the transaction that records the
 * image, keyed by its id, so it is queued once; a run is idempotent (variants that exist are skipped).
 * An image deleted before its turn is simply done.
 */
export const avifJob = defineJob({
	name: 'core.images-avif',
	payload: z.object({ fileId: z.string().min(1).max(100) }),
	retries: { attempts: 3, backoffSeconds: 60 },
	// One encode can take a minute on a small server: hold the claim longer than the default.
	leaseSeconds: 300,
	async run(ctx, { fileId }) {
		try {
			return await encodeAvifVariants(ctx, fileId);
		} catch (error) {
			if (isAppError(error) && error.code === 'NOT_FOUND') return 0;
			throw error;
		}
	}
});
