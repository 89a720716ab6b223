import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAppError, reference } from '#lib/server/core';
import { programs, profileFromForm, BUSINESS_FORMS, GROUPS, SECTORS } from '#lib/server/modules/programs';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { t } from '#lib/i18n/messages';

/** The questionnaire is a GET form: answers live in the URL, nothing is stored unless saved. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const asked = url.searchParams.has('checked');
	let answers: Record<string, unknown>;
	if (!asked && locals.user)
		answers = ((await programs.myProfile(locals.ctx)) ?? {}) as Record<string, unknown>;
	else answers = profileFromForm(url.searchParams);
	let results = null;
	const fields: Record<string, string> = {};
	if (asked) {
		try {
			results = await programs.matchPrograms(locals.ctx, answers);
		} catch (e) {
			if (!isAppError(e)) throw e;
			for (const [name, fe] of Object.entries(e.fields)) fields[name] = t(locals.locale, fe.key, fe.params);
			// The form asks for a percentage: its error names that field, in its own words.
			if (fields.womenFoundersShare && url.searchParams.get('womenFoundersPercent')) {
				delete fields.womenFoundersShare;
				fields.womenFoundersPercent = t(locals.locale, 'programs_error_percent');
			}
		}
	}
	const country = typeof answers.country === 'string' ? answers.country : null;
	return {
		answers,
		raw: Object.fromEntries(url.searchParams),
		query: url.search,
		results,
		fields,
		countries: await reference.listCountries(locals.ctx),
		regions:
			country && /^(KG|KZ|TJ|UZ)$/.test(country) ? await reference.listDivisions(locals.ctx, country) : [],
		forms: BUSINESS_FORMS,
		sectors: SECTORS,
		groups: GROUPS,
		signedIn: !!locals.user,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	save: async ({ locals, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url }, `/${locals.locale}/programs/check`);
		try {
			await programs.saveProfile(locals.ctx, profileFromForm(form));
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/programs/mine?saved=1`);
	}
};
