import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning, LEVELS } from '#lib/server/modules/learning';
import { textIn } from '#lib/server/core';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { fileBytes, nestedForm } from '../form';

export const load: PageServerLoad = async (event) => {
	requireSignIn(event);
	const { locals, params, url } = event;
	const { course, lessons, modules } = await learning.editableCourse(locals.ctx, params.course);
	return {
		course: {
			slug: course.slug,
			level: course.level,
			passPercent: course.passPercent,
			publication: course.publication,
			version: course.version,
			title: course.title,
			summary: course.summary,
			status: course.status
		},
		modules: modules.map((m) => ({ id: m.id, title: m.title })),
		lessons: lessons.map((l) => ({
			moduleId: l.moduleId,
			slug: l.slug,
			title: textIn(l.title, locals.locale),
			minutes: l.minutes,
			locales: Object.keys(l.body)
		})),
		levels: LEVELS,
		done: url.searchParams.get('done'),
		image: url.searchParams.get('image')
	};
};

const back = (locale: string, slug: string, done: string) => `/${locale}/learn/author/${slug}?done=${done}`;

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.updateCourse(locals.ctx, params.course, nestedForm(form));
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, back(locals.locale, params.course, 'saved'));
	},
	publish: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.setPublication(locals.ctx, params.course, {
				publication: form.get('publication') ?? undefined
			});
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, back(locals.locale, params.course, 'saved'));
	},
	outline: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.editOutline(locals.ctx, params.course, nestedForm(form));
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `${back(locals.locale, params.course, 'outline')}#outline`);
	},
	image: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		let markdown: string;
		try {
			markdown = (
				await learning.uploadImage(
					locals.ctx,
					params.course,
					await fileBytes(form, 'image'),
					String(form.get('alt') ?? '')
				)
			).markdown;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(
			303,
			`${back(locals.locale, params.course, 'image')}&image=${encodeURIComponent(markdown)}#image`
		);
	}
};
