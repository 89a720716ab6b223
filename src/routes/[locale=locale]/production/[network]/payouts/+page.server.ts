import type { Actions, PageServerLoad } from './$types';
import { production, parseMajor } from '#lib/server/modules/production';
import { act } from '../../act';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const makers = await production.listMakers(locals.ctx, params.network);
	const balances = await Promise.all(makers.map((m) => production.getBalance(locals.ctx, m.id)));
	return {
		makers: makers.map((m, i) => ({ id: m.id, name: m.name, status: m.status, balance: balances[i] })),
		selected: url.searchParams.get('maker'),
		today: locals.ctx.clock().toISOString().slice(0, 10),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	payout: (event) =>
		act(
			event,
			(form) =>
				production.recordPayout(event.locals.ctx, event.params.network, {
					makerId: form.get('makerId'),
					amountMinor: parseMajor(String(form.get('amount') ?? '')) ?? 'invalid',
					method: form.get('method'),
					reference: form.get('reference'),
					paidOn: form.get('paidOn'),
					confirmOverBalance: form.get('confirmOverBalance') ?? undefined,
					overBalanceReason: form.get('overBalanceReason')
				}),
			'paid'
		)
};
