import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';
import { apiError, apiLink, apiLocale } from '#lib/server/web/api';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const locale = apiLocale(url, locals.locale);
	const ctx = { ...locals.ctx, locale };
	try {
		const { items, adoption } = await coalitions.recommendationsOf(ctx, params.slug);
		// Relative links made absolute on the public origin; a scheme other than http(s) is not handed on.
		const abs = (u: string | null) => apiLink(u, locals.ctx.platform.origin);
		return json({
			coalition: params.slug,
			adoption,
			items: items.map((i) => ({
				id: i.id,
				kind: i.kind,
				barrier: i.barrier,
				title: i.title.text,
				text: i.text.text,
				targetBody: i.targetBody,
				status: i.status,
				progress: i.progress,
				aggregate: i.aggregate,
				endorsements: i.endorsements,
				demo: i.demo,
				timeline: i.timeline.map((e) => ({
					id: e.id,
					date: e.date,
					status: e.status,
					reportedStatus: e.reportedStatus,
					progress: e.progress,
					aggregate: e.aggregate,
					note: e.note.text,
					evidence: e.evidence.map((x) => ({ ...x, url: abs(x.url) })),
					instrument: e.instrument,
					correctsId: e.correctsId,
					recordedAt: e.recordedAt
				}))
			}))
		});
	} catch (error) {
		return apiError(error, locale);
	}
};
