import type { PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';

export const load: PageServerLoad = async ({ locals, params }) => ({
	makers: (await production.listMakers(locals.ctx, params.network)).map((m) => ({ id: m.id, name: m.name })),
	month: locals.ctx.clock().toISOString().slice(0, 7)
});
