import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isAppError } from '#lib/server/core';
import { care } from '#lib/server/modules/care';
import { t } from '#lib/i18n/messages';

/**
 * The review queue for care editors. Not under /care (which reads no session); still neutral in
 * its title, and never cached.
 */
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (!locals.user) redirect(303, `/${locals.locale}/auth/sign-in?next=${encodeURIComponent(url.pathname)}`);
	try {
		return { queue: await care.reviewQueue(locals.ctx) };
	} catch (e) {
		if (isAppError(e)) error(e.status, t(locals.locale, e.messageKey));
		throw e;
	}
};
