import type { PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	return { statement: await production.monthlyStatement(locals.ctx, params.maker, params.month) };
};
