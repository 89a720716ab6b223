import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';

export const GET: RequestHandler = async ({ locals }) => {
	const csv = await programs.exportCsv(locals.ctx);
	return new Response('\uFEFF' + csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="birge-programs.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
