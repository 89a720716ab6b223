import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';

/** The course pack the learning service worker keeps for offline reading (see learning/pack.ts). */
const PACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

export const GET: RequestHandler = async ({ locals, params }) => {
	const pack = await learning.coursePack(locals.ctx, params.course, 'offline');
	return new Response(pack.html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': PACK_CSP,
			// Per learner (her signed-in state is in it): never in a shared cache.
			'cache-control': 'private, no-cache'
		}
	});
};
