import type { RequestHandler } from './$types';
import { fileResponse, openFile } from '#lib/server/core/files';
import { apiError, apiLocale } from '#lib/server/web/api';
// Every module's read check is registered when the modules load.
import '#lib/server/modules';

/**
 * The one download route for private files: the owning module's read check decides (404 for
 * anybody else, so strangers learn nothing about which files exist).
 */
export const GET: RequestHandler = async ({ locals, url, params, request }) => {
	try {
		return fileResponse(await openFile(locals.ctx, params.id), request);
	} catch (error) {
		return apiError(error, apiLocale(url, locals.locale));
	}
};
