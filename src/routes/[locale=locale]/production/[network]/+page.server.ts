import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { act } from '../act';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	dashboard: await production.dashboard(locals.ctx, params.network),
	invitation: url.searchParams.get('code'),
	expires: url.searchParams.get('until'),
	done: url.searchParams.get('done')
});

export const actions: Actions = {
	invite: (event) =>
		act(
			event,
			(form) =>
				production.createInvitation(event.locals.ctx, event.params.network, { days: form.get('days') }),
			'invited',
			(r) => {
				const { code, expiresAt } = r as { code: string; expiresAt: string };
				return `${event.url.pathname}?code=${code}&until=${expiresAt.slice(0, 10)}`;
			}
		),
	coordinator: (event) =>
		act(
			event,
			(form) =>
				production.addCoCoordinator(event.locals.ctx, event.params.network, { email: form.get('email') }),
			'added'
		),
	tolerance: (event) =>
		act(
			event,
			(form) =>
				production.setLossTolerance(event.locals.ctx, event.params.network, {
					lossTolerancePercent: form.get('lossTolerancePercent')
				}),
			'saved'
		)
};
