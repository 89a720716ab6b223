import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError } from '#lib/server/web/api';

/** The donor report for a country and period, with charts (public, suppressed). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const q = url.searchParams;
	try {
		const bytes = await impact.donorReportPdf(locals.ctx, {
			country: q.get('country') ?? '',
			from: q.get('from') ?? '',
			to: q.get('to') ?? ''
		});
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': 'attachment; filename="birge-impact-report.pdf"'
			}
		});
	} catch (error) {
		return apiError(error, locals.locale);
	}
};
