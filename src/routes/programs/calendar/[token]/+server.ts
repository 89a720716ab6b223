import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programs } from '#lib/server/modules/programs';
import { isLocale } from '#lib/i18n/locales';

/** The private iCalendar feed of a user's saved deadlines: /programs/calendar/<token>.ics?lang=ky */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const token = params.token.replace(/\.ics$/, '');
	const lang = url.searchParams.get('lang');
	const ctx = {
		...locals.ctx,
		actor: { userId: null, grants: [], memberships: [] },
		locale: isLocale(lang) ? lang : locals.locale
	};
	const body = await programs.calendarFeed(ctx, token, locals.ctx.platform.origin);
	if (!body) error(404, 'Not found');
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
