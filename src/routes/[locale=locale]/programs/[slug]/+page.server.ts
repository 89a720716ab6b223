import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { programs } from '#lib/server/modules/programs';
import { coalitions } from '#lib/server/modules/coalitions';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';

// A service's AppError (403, 404…) becomes its own error page in the error hook.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const program = await programs.getProgram(locals.ctx, params.slug);
	// The next best step when the sources give no contacts: the coalition of her country, whose
	// member organizations help women apply.
	const countries = program.country === 'REGIONAL' ? program.countries : [program.country];
	const helpers = program.hasContacts
		? []
		: (await coalitions.listCoalitions(locals.ctx)).coalitions
				.filter((c) => countries.includes(c.country))
				.map((c) => ({ slug: c.slug, name: c.name.text, country: c.country }));
	return {
		program,
		helpers,
		signedIn: !!locals.user,
		today: locals.ctx.clock().toISOString().slice(0, 10),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url }, `/${locals.locale}/programs/${params.slug}`);
		try {
			await programs.saveProgram(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/${params.slug}?done=saved`);
	},
	unsave: async ({ locals, params, request }) => {
		const form = await readForm(request);
		try {
			await programs.unsaveProgram(locals.ctx, params.slug);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/${params.slug}?done=unsaved`);
	}
};
