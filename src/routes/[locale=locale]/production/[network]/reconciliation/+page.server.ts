import type { PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	result: await production.reconcile(locals.ctx, params.network, {
		orderId: url.searchParams.get('order') || undefined
	})
});
