import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale, readJson } from '#lib/server/web/api';

/** POST /api/v1/production/reports — she reports finished pieces on one of her assignments. */
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
			}
		);
		return json(result, { status: 201 });
	} catch (error) {
		return apiError(error, locale);
	}
};
