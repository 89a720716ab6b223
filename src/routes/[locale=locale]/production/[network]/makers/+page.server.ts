import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { formKey } from '#lib/server/web/forms';
import { act, MAKER_FIELDS, values } from '../../act';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	makers: await production.listMakers(locals.ctx, params.network),
	places: await production.makerPlaces(locals.ctx, params.network),
	once: formKey(),
	done: url.searchParams.get('done')
});

export const actions: Actions = {
	add: (event) =>
		act(
			event,
			(form) =>
				production.addMakerProfile(
					event.locals.ctx,
					event.params.network,
					values(form, MAKER_FIELDS),
					String(form.get('_once') ?? '')
				),
			'added'
		)
};
