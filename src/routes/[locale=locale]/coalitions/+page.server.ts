import type { PageServerLoad } from './$types';
import { coalitions } from '#lib/server/modules/coalitions';

export const load: PageServerLoad = async ({ locals }) => coalitions.listCoalitions(locals.ctx);
