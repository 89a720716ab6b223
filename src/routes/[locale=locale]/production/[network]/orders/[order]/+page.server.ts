import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { act } from '../../../act';

export const load: PageServerLoad = async ({ locals, params }) => ({
	order: await production.getOrder(locals.ctx, params.network, params.order)
});

export const actions: Actions = {
	takeBack: (event) =>
		act(
			event,
			(form) =>
				production.takeBackAssignment(
					event.locals.ctx,
					event.params.network,
					String(form.get('assignmentId') ?? '')
				),
			'back'
		)
};
