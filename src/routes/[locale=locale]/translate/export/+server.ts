import type { RequestHandler } from './$types';
import { exportTranslations, translateError } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';

/** GET /{locale}/translate/export?to=ky&format=xliff|csv — a translator's locale, as a file. */
export const GET: RequestHandler = async ({ locals, url }) => {
	try {
		const file = await exportTranslations(locals.ctx, MODULES, {
			locale: url.searchParams.get('to') ?? '',
			format: url.searchParams.get('format') === 'csv' ? 'csv' : 'xliff'
		});
		return new Response(file.body, {
			headers: {
				'content-type': file.type,
				'content-disposition': `attachment; filename="${file.name}"`,
				'cache-control': 'no-store'
			}
		});
	} catch (error) {
		const t = translateError(error, locals.locale);
		if (!t) throw error;
		return new Response(t.message, {
			status: t.status,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
};
