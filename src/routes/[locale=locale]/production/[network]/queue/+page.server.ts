import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { fields } from '#lib/server/web/forms';
import { act } from '../../act';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const q = url.searchParams;
	return {
		queue: await production.listQueue(locals.ctx, params.network, {
			status: q.get('status') ?? undefined,
			makerId: q.get('maker') || undefined,
			orderId: q.get('order') || undefined,
			page: q.get('page') ?? undefined
		}),
		makers: await production.listMakers(locals.ctx, params.network),
		orders: await production.listOrders(locals.ctx, params.network),
		done: q.get('done'),
		skipped: q.get('skipped')
	};
};

const back = (event: { url: URL }) => (r: unknown) => {
	const { done, skipped } = r as { done: number; skipped: number };
	return `${event.url.pathname}?done=${done}&skipped=${skipped}`;
};

export const actions: Actions = {
	part: (event) =>
		act(
			event,
			(form) =>
				production.reviewReports(event.locals.ctx, event.params.network, {
					reportIds: fields(form, 'reportId'),
					decision: 'accept',
					acceptPieces: form.get('acceptPieces'),
					reason: form.get('reason'),
					rework: form.get('rework') ?? undefined
				}),
			'reviewed',
			back(event)
		),
	review: (event) =>
		act(
			event,
			(form) =>
				production.reviewReports(event.locals.ctx, event.params.network, {
					reportIds: fields(form, 'reportId'),
					decision: form.get('decision'),
					reason: form.get('reason'),
					rework: form.get('rework') ?? undefined
				}),
			'reviewed',
			back(event)
		)
};
