import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { formKey } from '#lib/server/web/forms';
import { act } from '../../act';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	orders: await production.listOrders(locals.ctx, params.network),
	patterns: (await production.listPatterns(locals.ctx, params.network)).map((p) => ({
		id: p.id,
		title: p.title?.text ?? ''
	})),
	kits: (await production.listKits(locals.ctx, params.network)).map((k) => ({
		id: k.id,
		name: k.name,
		patternId: k.patternId
	})),
	products: await production.linkableShopProducts(locals.ctx, params.network),
	makers: (await production.listMakers(locals.ctx, params.network)).filter((m) => m.status === 'active'),
	once: formKey(),
	done: url.searchParams.get('done')
});

export const actions: Actions = {
	create: (event) =>
		act(
			event,
			(form) => {
				// One row per maker: a quantity means she gets part of the order (fan-out in one step).
				const assignments = form
					.getAll('makerId')
					.map(String)
					.map((makerId) => ({
						makerId,
						quantity: String(form.get(`quantity_${makerId}`) ?? '').trim(),
						dueDate: String(form.get(`due_${makerId}`) ?? '').trim() || undefined,
						kitId: String(form.get(`kit_${makerId}`) ?? '') || undefined,
						kits: String(form.get(`kits_${makerId}`) ?? '').trim() || 0
					}))
					.filter((a) => a.quantity !== '');
				return production.createOrder(
					event.locals.ctx,
					event.params.network,
					{
						patternId: form.get('patternId'),
						quantity: form.get('quantity'),
						dueDate: form.get('dueDate'),
						shopProductRef: form.get('shopProductRef') ?? undefined,
						note: form.get('note'),
						sendHow: form.get('sendHow'),
						assignments
					},
					String(form.get('_once') ?? '')
				);
			},
			'created',
			(r) => `/${event.locals.locale}/production/${event.params.network}/orders/${(r as { id: string }).id}`
		)
};
