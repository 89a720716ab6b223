import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { field, fields, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { AppError, translateError } from '#lib/server/core';

/**
 * An enumerator (a coordinator of the wave's country) enters the answers she collects on a phone,
 * one respondent after another: each save returns an empty form and the running count.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireSignIn({ locals, url });
	try {
		const session = await impact.enumeratorForm(locals.ctx, params.wave);
		return { ...session, saved: url.searchParams.has('saved'), once: formKey() };
	} catch (e) {
		const t = translateError(e, locals.locale);
		if (e instanceof AppError && t) error(t.status, t.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		requireSignIn({ locals, url });
		const form = await readForm(request);
		try {
			const { form: s } = await impact.enumeratorForm(locals.ctx, params.wave);
			const answers = Object.fromEntries(
				s.items.map((i) => [i.name, i.kind === 'multiple' ? fields(form, i.name) : field(form, i.name)])
			);
			await impact.submitAnswers(
				locals.ctx,
				params.wave,
				{
					answers,
					code: field(form, 'respondent'),
					codeConsent: field(form, 'codeConsent'),
					_once: field(form, '_once')
				},
				'enumerator'
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=1`);
	}
};
