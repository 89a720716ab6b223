import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	return {
		networks: await production.myEarnings(locals.ctx),
		today: locals.ctx.clock().toISOString().slice(0, 10),
		done: url.searchParams.get('done')
	};
};

async function act(
	locals: App.Locals,
	request: Request,
	url: URL,
	fn: (makerId: string) => Promise<void>,
	done: string
) {
	requireSignIn({ locals, url });
	const form = await readForm(request);
	try {
		await fn(field(form, 'makerId'));
	} catch (error) {
		return formFailure(error, locals.locale, form);
	}
	redirect(303, `${url.pathname}?done=${done}`);
}

export const actions: Actions = {
	leave: ({ locals, request, url }) =>
		act(locals, request, url, (id) => production.leaveNetwork(locals.ctx, id), 'left'),
	withdraw: ({ locals, request, url }) =>
		act(locals, request, url, (id) => production.withdrawConsent(locals.ctx, id), 'withdrawn')
};
