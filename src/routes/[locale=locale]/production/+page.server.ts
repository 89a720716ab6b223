import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { accounts } from '#lib/server/modules/accounts';
import { formKey, requireSignIn } from '#lib/server/web/forms';
import { act, values } from './act';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	const orgs = (await accounts.myOrganizations(locals.ctx)).filter(
		(o) => o.role === 'staff' || o.role === 'admin'
	);
	return {
		networks: await production.myNetworks(locals.ctx),
		organizations: orgs.map((o) => ({ id: o.id, name: o.name })),
		once: formKey()
	};
};

export const actions: Actions = {
	create: (event) =>
		act(
			event,
			(form) =>
				production.createNetwork(
					event.locals.ctx,
					values(form, ['name', 'country', 'regionCode', 'organizationId', 'lossTolerancePercent']),
					String(form.get('_once') ?? '')
				),
			'created',
			(r) => `/${event.locals.locale}/production/${(r as { id: string }).id}`
		)
};
