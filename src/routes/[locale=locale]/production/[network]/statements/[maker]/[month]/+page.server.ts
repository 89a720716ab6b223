import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { network } = await parent();
	const statement = await production.monthlyStatement(locals.ctx, params.maker, params.month);
	if (statement.network.id !== network.id) error(404);
	return { statement };
};
