import type { RequestHandler } from './$types';
import { fileResponse, openPublicFile } from '#lib/server/core/files';
import { apiError, apiLocale } from '#lib/server/web/api';

/**
 * Public files at their content hash, /files/<sha256>.<ext>: product photos that marketplaces fetch
 * without credentials. The bytes under a hash never change, so caches keep them for a year.
 */
export const GET: RequestHandler = async ({ locals, url, params, request }) => {
	try {
		return fileResponse(await openPublicFile(locals.ctx, params.name), request);
	} catch (error) {
		return apiError(error, apiLocale(url, locals.locale));
	}
};
