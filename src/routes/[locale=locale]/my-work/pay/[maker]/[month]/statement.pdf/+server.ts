import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { requireSignIn } from '#lib/server/web/forms';

/** Her monthly statement as a PDF in the page's language (core pdf, DejaVu fonts). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const pdf = await production.statementPdf(locals.ctx, params.maker, params.month);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="statement-${params.month}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
