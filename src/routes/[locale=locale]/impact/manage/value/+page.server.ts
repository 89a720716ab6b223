import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { impact, IMPACT_COUNTRIES, REGION } from '#lib/server/modules/impact';
import { field, formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';
import { AppError } from '#lib/server/core';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireSignIn({ locals, url });
	await impact.pendingValues(locals.ctx); // coordinators only
	const fw = await impact.getFramework(locals.ctx);
	return {
		indicators: fw.results.flatMap((r) =>
			r.indicators
				.filter((i) => !i.moduleIndicator)
				.map((i) => ({ id: i.id, title: i.title?.text ?? i.id, dimensions: i.dimensions, unit: i.unit }))
		),
		countries: [...IMPACT_COUNTRIES, REGION].filter((c) => impact.isCoordinator(locals.ctx, c)),
		once: formKey(),
		saved: url.searchParams.has('saved')
	};
};

/** "urban: 120" lines → { urban: '120' }; a malformed line is a field error. */
function partsOf(text: string, name: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const line of text.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const m = /^\s*([^:]+?)\s*:\s*(.*?)\s*$/.exec(line);
		if (!m) throw new AppError('INVALID', { fields: { [name]: { key: 'impact_error_parts_line' } } });
		out[m[1]] = m[2];
	}
	return out;
}

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const form = await readForm(request);
		try {
			const parts: Record<string, Record<string, string>> = {};
			for (const [name, value] of form.entries()) {
				if (!name.startsWith('parts.') || typeof value !== 'string' || !value.trim()) continue;
				parts[name.slice(6)] = partsOf(value, name);
			}
			await impact.enterValue(locals.ctx, {
				indicatorId: field(form, 'indicatorId'),
				period: field(form, 'period'),
				country: field(form, 'country'),
				total: field(form, 'total'),
				parts,
				evidence: field(form, 'evidence'),
				evidenceUrl: field(form, 'evidenceUrl'),
				_once: field(form, '_once')
			});
		} catch (error) {
			return formFailure(error, locals.locale, form);
		}
		redirect(303, `${url.pathname}?saved=1`);
	}
};
