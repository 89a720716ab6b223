import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { impact } from '#lib/server/modules/impact';
import { apiError, apiLocale } from '#lib/server/web/api';
import { publicLink } from '#lib/server/core';

/** GET /api/v1/stories?country=&kind=&barrier=&channel= — stories and campaign content. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const q = url.searchParams;
	try {
		const list = await impact.listStories(
			{ ...locals.ctx, locale },
			{
				country: q.get('country') ?? '',
				kind: q.get('kind') ?? '',
				barrier: q.get('barrier') ?? '',
				channel: q.get('channel') ?? ''
			}
		);
		const origin = locals.ctx.platform.origin;
		return json({
			stories: list.map((s) => ({
				...s,
				link: publicLink(s.link, origin),
				fileUrl: publicLink(s.fileUrl, origin)
			}))
		});
	} catch (error) {
		return apiError(error, locale);
	}
};
