import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { isAppError } from '#lib/server/core';
import { programs, PUBLICATION_STATES } from '#lib/server/modules/programs';
import { t } from '#lib/i18n/messages';

export const load: PageServerLoad = async ({ locals, url }) => {
	const publication = url.searchParams.get('state') ?? '';
	try {
		const list = await programs.listForCuration(locals.ctx, {
			publication: (PUBLICATION_STATES as readonly string[]).includes(publication) ? publication : undefined
		});
		return { list, publication, states: PUBLICATION_STATES };
	} catch (e) {
		if (isAppError(e)) error(e.status, t(locals.locale, e.messageKey));
		throw e;
	}
};
