import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { production, parseMajor } from '#lib/server/modules/production';
import { act, MAKER_FIELDS, values } from '../../../act';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const { network } = await parent();
	const maker = await production.getMaker(locals.ctx, params.maker);
	if (maker.networkId !== network.id) error(404);
	return {
		maker,
		places: maker.status === 'anonymised' ? null : await production.makerPlaces(locals.ctx, network.id),
		balance: await production.getBalance(locals.ctx, params.maker),
		entries: await production.listEntries(locals.ctx, params.maker, { limit: 100 }),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	update: (event) =>
		act(
			event,
			(form) =>
				production.updateMakerProfile(event.locals.ctx, event.params.maker, values(form, MAKER_FIELDS)),
			'saved'
		),
	adjust: (event) =>
		act(
			event,
			(form) =>
				production.recordAdjustment(event.locals.ctx, event.params.network, {
					makerId: event.params.maker,
					amountMinor: parseMajor(String(form.get('amount') ?? '')) ?? 'invalid',
					reason: form.get('reason')
				}),
			'adjusted'
		),
	correct: (event) =>
		act(
			event,
			(form) =>
				production.correctEntry(event.locals.ctx, event.params.network, {
					entryId: form.get('entryId'),
					reason: form.get('reason')
				}),
			'corrected'
		),
	withdraw: (event) =>
		act(event, () => production.withdrawConsent(event.locals.ctx, event.params.maker), 'withdrawn'),
	leave: (event) => act(event, () => production.leaveNetwork(event.locals.ctx, event.params.maker), 'left')
};
