import type { RequestHandler } from './$types';
import { production } from '#lib/server/modules/production';
import { requireSignIn } from '#lib/server/web/forms';

/** The network's ledger as csv, in the coordinator's language. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const body = await production.ledgerCsv(
		locals.ctx,
		params.network,
		url.searchParams.get('month') ?? undefined
	);
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="ledger.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
