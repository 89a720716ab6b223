import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { requireSignIn } from '#lib/server/web/forms';

/** The network's ledger as xlsx, in the coordinator's language. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const body = await production.ledgerXlsx(
		locals.ctx,
		params.network,
		url.searchParams.get('month') ?? undefined
	);
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="ledger.xlsx"',
			'cache-control': 'private, no-store'
		}
	});
};
