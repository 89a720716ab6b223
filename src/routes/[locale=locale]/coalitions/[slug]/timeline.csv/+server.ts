import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { isAppError } from '#lib/server/core';
import { error } from '@sveltejs/kit';

export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const csv = await coalitions.exportTimelineCsv(locals.ctx, params.slug);
		return new Response('\uFEFF' + csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="coalition-${params.slug}-timeline.csv"`
			}
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
