import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';

export const GET: RequestHandler = async ({ locals, params }) => {
	const csv = await coalitions.exportTimelineCsv(locals.ctx, params.slug);
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="coalition-${params.slug}-timeline.csv"`
		}
	});
};
