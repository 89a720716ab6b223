import type { RequestHandler } from './$types';
import { learning } from '#lib/server/modules/learning';
import { signInPath } from '#lib/server/web/forms';
import { redirect } from '@sveltejs/kit';

/** Her certificate as a PDF in the page's language (her own only). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, signInPath(locals.locale, url.pathname));
	const pdf = await learning.certificatePdf(locals.ctx, params.code, locals.locale);
	return new Response(new Uint8Array(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${pdf.filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
