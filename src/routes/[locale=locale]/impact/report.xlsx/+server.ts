import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError } from '#lib/server/web/api';

/** The spreadsheet report: a sheet per indicator with its disaggregations (public, suppressed). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams;
	try {
		const bytes = await impact.exportXlsx(locals.ctx, {
			country: q.get('country') ?? '',
			from: q.get('from') ?? '',
			to: q.get('to') ?? ''
		});
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': 'attachment; filename="birge-impact.xlsx"'
			}
		});
	} catch (error) {
		return apiError(error, locals.locale);
	}
};
