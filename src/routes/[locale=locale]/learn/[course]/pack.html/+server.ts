import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';

/** The course as one self-contained HTML file (no script, no request), to save and pass on. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const pack = await learning.coursePack(locals.ctx, params.course, 'file');
	return new Response(pack.html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-disposition': `attachment; filename="${pack.filename}"`,
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
			'cache-control': 'public, max-age=300'
		}
	});
};
