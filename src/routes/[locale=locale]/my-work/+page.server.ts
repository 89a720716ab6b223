import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { field, formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	return {
		...(await production.myWork(locals.ctx)),
		joined: url.searchParams.has('joined'),
		sent: url.searchParams.has('sent')
	};
};

export const actions: Actions = {
	respond: async ({ locals, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			await production.respondToAssignment(
				locals.ctx,
				field(form, 'assignmentId'),
				field(form, 'answer') === 'accept'
			);
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, url.pathname);
	}
};
