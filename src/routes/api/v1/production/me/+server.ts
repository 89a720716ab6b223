import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { apiError, apiLocale } from '#lib/server/web/api';

/** GET /api/v1/production/me — the signed-in maker's assignments, kits and balances. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const ctx = { ...locals.ctx, locale };
	try {
		const work = await production.myWork(ctx);
		return json({
			assignments: work.assignments.map(({ instructions, ...a }) => ({
				...a,
				instructions: instructions?.text ?? null
			})),
			kits: await production.myKits(ctx),
			earnings: await production.myEarnings(ctx)
		});
	} catch (error) {
		return apiError(error, locale);
	}
};
