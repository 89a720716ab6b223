import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/**
 * POST /api/v1/production/reports — she reports finished pieces on one of her assignments. The
 * Idempotency-Key header makes a retry one report (the repeat answers 200 with the first report's id).
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const body = (await readJson(request)) as Record<string, unknown>;
		const result = await production.reportPieces(
			{ ...locals.ctx, locale },
			{
				assignmentId: body?.assignmentId,
				pieces: body?.pieces,
				note: body?.note
			},
			null,
			request.headers.get('idempotency-key')?.slice(0, 100) || null
		);
		return json(result, { status: result.repeated ? 200 : 201 });
	} catch (error) {
		return apiError(error, locale);
	}
};
