import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { shops } from '#lib/server/modules/shops';
import { requireSignIn } from '#lib/server/web/forms';

/** Kaspi and Uzum sheets: /…/marketplaces/sheets/kaspi.xlsx, uzum.csv… */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const match = /^(kaspi|uzum)\.(csv|xlsx)$/.exec(params.file);
	if (!match) error(404, 'Not found');
	const sheet = await shops.marketplaceSheet(locals.ctx, params.shop, match[1], match[2]);
	return new Response(sheet.body as BodyInit, {
		headers: {
			'content-type': sheet.contentType,
			'content-disposition': `attachment; filename="${sheet.filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
