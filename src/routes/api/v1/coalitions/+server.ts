import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { apiError, apiLocale } from '#lib/server/web/api';

export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	try {
		const data = await coalitions.listCoalitions({ ...locals.ctx, locale });
		const sources = new Map(data.sources.map((s) => [s.key, s]));
		return json({
			items: data.coalitions.map((c) => ({
				slug: c.slug,
				country: c.country,
				name: c.name.text,
				fallbackLocale: c.name.fallbackLocale,
				reported: c.reported.map((r) => ({
					members: r.members ?? null,
					womenRepresented: r.womenRepresented ?? null,
					date: r.date ?? null,
					note: r.note ?? null,
					source: r.source,
					sourceTitle: sources.get(r.source)?.title ?? r.source,
					sourceUrl: sources.get(r.source)?.url ?? null
				})),
				registeredMembers: c.registeredMembers,
				adoption: c.adoption,
				url: `${locals.ctx.platform.origin}/${locale}/coalitions/${c.slug}`
			})),
			sources: data.sources
		});
	} catch (error) {
		return apiError(error, locale);
	}
};
