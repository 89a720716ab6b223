import type { PageServerLoad } from './$types';
import { programs, PUBLICATION_STATES } from '#lib/server/modules/programs';

// A service's AppError (403, 404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, url }) => {
	const publication = url.searchParams.get('state') ?? '';
	const list = await programs.listForCuration(locals.ctx, {
		publication: (PUBLICATION_STATES as readonly string[]).includes(publication) ? publication : undefined
	});
	return { list, publication, states: PUBLICATION_STATES };
};
