import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { production } from '#lib/server/modules/production';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	const assignment = await production.myAssignment(locals.ctx, params.assignment);
	if (!assignment) error(404);
	// The form's hidden key: a double submit (or a resubmit after Back) records one report.
	return { assignment, onceKey: formKey() };
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		const photo = form.get('photo');
		try {
			await production.reportPieces(
				locals.ctx,
				{ assignmentId: params.assignment, pieces: field(form, 'pieces'), note: field(form, 'note') },
				photo instanceof File && photo.size > 0
					? { bytes: new Uint8Array(await photo.arrayBuffer()), name: photo.name }
					: null,
				field(form, '_once') || null
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/my-work?sent=1`);
	}
};
