import type { RequestHandler } from './$types';

/**
 * Quick exit without JavaScript: asks the browser to clear what this site keeps (cache, cookies,
 * storage) and sends her to the home page in her language. The home page is the destination
 * because it is on this site (no request to another host) and reads as a business-support site;
 * it is not under /care. Private path: no cookie is set here and nothing is cached.
 */
export const GET: RequestHandler = ({ params }) =>
	new Response(null, {
		status: 303,
		headers: {
			location: `/${params.locale}`,
			'clear-site-data': '"cache", "cookies", "storage"',
			'cache-control': 'no-store'
		}
	});
