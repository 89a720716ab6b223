import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	importTranslations,
	once,
	reviewTranslation,
	translationField,
	translationQueue
} from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';

/**
 * The translation workspace (staff: translators of a locale, platform admins). `?to=` is the language
 * translated into; with `entity`, `id` and `field` the page shows that one field and its history.
 */
export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	requireSignIn({ locals, url });
	const to = url.searchParams.get('to') ?? '';
	const queue = await translationQueue(locals.ctx, MODULES, { locale: to || locals.locale });
	const entity = url.searchParams.get('entity');
	const id = url.searchParams.get('id');
	const field = url.searchParams.get('field');
	const one =
		entity && id && field
			? await translationField(locals.ctx, MODULES, { entity, id, field, locale: queue.locale })
			: null;
	return { queue, one, onceKey: formKey(), done: url.searchParams.has('done') };
};

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	review: async ({ locals, request, url }) => {
		const form = await readForm(request);
		const to = text(form, 'to');
		try {
			await once(locals.ctx, 'translate.review', text(form, '_once'), (ctx) =>
				reviewTranslation(ctx, MODULES, {
					entity: text(form, 'entity'),
					id: text(form, 'id'),
					field: text(form, 'field'),
					locale: to,
					text: text(form, 'text')
				})
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		const back = new URLSearchParams({ to, done: '1' });
		if (url.searchParams.get('entity')) {
			for (const k of ['entity', 'id', 'field']) back.set(k, text(form, k));
		}
		redirect(303, `/${locals.locale}/translate?${back}`);
	},
	import: async ({ locals, request }) => {
		const form = await readForm(request);
		const to = text(form, 'to');
		const file = form.get('file');
		const content = file instanceof File && file.size > 0 ? await file.text() : text(form, 'content');
		const format = /^\s*(<\?xml|<xliff)/.test(content) ? 'xliff' : 'csv';
		try {
			const report = await importTranslations(locals.ctx, MODULES, {
				locale: to,
				format,
				content,
				dryRun: form.has('dryRun')
			});
			return { report };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	}
};
