import type { LayoutServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { requireSignIn } from '#lib/server/web/forms';

/** Every coordinator page of a network: signed in, and a coordinator of this network (NOT_FOUND otherwise). */
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const { network, coordinators, role } = await production.getNetwork(locals.ctx, params.network);
	return {
		network: {
			id: network.id,
			name: network.name,
			currency: network.currency,
			demo: network.demo,
			country: network.country,
			lossToleranceBp: network.lossToleranceBp
		},
		coordinators,
		role
	};
};
