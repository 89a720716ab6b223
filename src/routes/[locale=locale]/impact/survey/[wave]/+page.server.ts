import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact } from '#lib/server/modules/impact';
import { field, fields, formFailure, formKey, readForm } from '#lib/server/web/forms';
import { AppError, translateError } from '#lib/server/core';

/** A survey wave's answer form: anonymous, or with a consented pseudonymous code. Works without JavaScript. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		return {
			form: await impact.surveyForm(locals.ctx, params.wave),
			thanks: url.searchParams.has('thanks'),
			once: formKey()
		};
	} catch (e) {
		const t = translateError(e, locals.locale);
		if (e instanceof AppError && t) error(t.status, t.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		try {
			const s = await impact.surveyForm(locals.ctx, params.wave);
			const answers = Object.fromEntries(
				s.items.map((i) => [i.name, i.kind === 'multiple' ? fields(form, i.name) : field(form, i.name)])
			);
			await impact.submitAnswers(locals.ctx, params.wave, {
				answers,
				code: field(form, 'respondent'),
				codeConsent: field(form, 'codeConsent'),
				_once: field(form, '_once')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `${url.pathname}?thanks=1`);
	}
};
