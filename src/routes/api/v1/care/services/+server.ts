import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { care } from '#lib/server/modules/care';
import { apiError, apiLocale, withApiLinks } from '#lib/server/web/api';

/**
 * GET /api/v1/care/services?country=&region=&kind=&lang= — published entries only. A private path:
 * no session is read, no cookie set, `Cache-Control: no-store` and `Referrer-Policy: no-referrer`
 * (hooks), and the access log keeps the path without the query.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const locale = apiLocale(url, locals.locale);
	const ctx = { ...locals.ctx, locale };
	const q = (name: string) => url.searchParams.get(name) || undefined;
	try {
		const services = await care.findServices(ctx, {
			country: q('country'),
			region: q('region'),
			kind: q('kind')
		});
		const origin = locals.ctx.platform.origin;
		return json(
			{ services: services.map((s) => ({ ...s, sources: withApiLinks(s.sources, origin) })) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		return apiError(error, locale, { 'cache-control': 'no-store' });
	}
};
