import type { PageServerLoad } from './$types';
import { care } from '#lib/server/modules/care';
import { requireSignIn } from '#lib/server/web/forms';

/**
 * The review queue for care editors. Not under /care (which reads no session); still neutral in
 * its title, and never cached.
 */
// A service's AppError (403, 404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	requireSignIn({ locals, url });
	return { queue: await care.reviewQueue(locals.ctx) };
};
