import type { PageServerLoad } from './$types';
import { shops, REQUEST_STATUSES } from '#lib/server/modules/shops';
import { requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const status = url.searchParams.get('status') ?? '';
	const page = url.searchParams.get('page') ?? '1';
	return {
		shop: params.shop,
		list: await shops.listRequests(locals.ctx, params.shop, {
			status: (REQUEST_STATUSES as readonly string[]).includes(status) ? status : undefined,
			page
		}),
		statuses: REQUEST_STATUSES
	};
};
