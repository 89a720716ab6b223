import type { RequestHandler } from './$types';
import { coalitions, readFileBytes } from '#lib/server/modules/coalitions';
import { apiError, apiLocale } from '#lib/server/web/api';
import { AppError } from '#lib/server/core';

/** Public evidence documents. Served as inert downloads: sniffed type, no scripts, no framing. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const meta = await coalitions.getEvidenceFile(locals.ctx, params.id);
		const bytes = meta ? readFileBytes(meta.id) : null;
		if (!meta || !bytes) throw new AppError('NOT_FOUND');
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': meta.contentType,
				'content-length': String(bytes.byteLength),
				'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'public, max-age=31536000, immutable'
			}
		});
	} catch (error) {
		return apiError(error, locale);
	}
};
