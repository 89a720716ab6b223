import type { RequestHandler } from './$types';
import { openEvidenceFile } from '#lib/server/modules/coalitions';
import { fileResponse } from '#lib/server/core/files';
import { apiError, apiLocale } from '#lib/server/web/api';

/**
 * Evidence documents (the link every timeline shows). Served from core/files after the coalitions
 * read check, as inert downloads: sniffed type, no scripts, no framing.
 */
export const GET: RequestHandler = async ({ locals, url, params, request }) => {
	try {
		return fileResponse(await openEvidenceFile(locals.ctx, params.id), request);
	} catch (error) {
		return apiError(error, apiLocale(url, locals.locale));
	}
};
