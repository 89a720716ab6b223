import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning, MAX_AUDIO_BYTES } from '#lib/server/modules/learning';
import { AppError } from '#lib/server/core';
import { isLocale, LOCALES } from '#lib/i18n/locales';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { fileBytes, nestedForm } from '../../form';

/** A lesson in the editor (`new` for a new one): Markdown per locale, preview, audio per locale. */
export const load: PageServerLoad = async (event) => {
	requireSignIn(event);
	const { locals, params, url } = event;
	const { course, lessons, quizzes } = await learning.editableCourse(locals.ctx, params.course);
	const lesson = params.lesson === 'new' ? null : lessons.find((l) => l.slug === params.lesson);
	if (lesson === undefined) throw new AppError('NOT_FOUND');
	return {
		course: { slug: course.slug, status: course.status },
		lesson: lesson
			? {
					slug: lesson.slug,
					minutes: lesson.minutes,
					title: lesson.title,
					body: lesson.body,
					videoUrl: lesson.videoUrl ?? '',
					audio: Object.keys(lesson.audio)
				}
			: null,
		quizzes: lesson
			? quizzes
					.filter((z) => z.lessonId === lesson.id)
					.map((z) => ({ slug: z.slug, title: z.title, questions: z.questions.length, version: z.version }))
			: [],
		locales: LOCALES,
		maxAudioMb: MAX_AUDIO_BYTES / 1024 / 1024,
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		let slug: string;
		try {
			slug = (
				await learning.saveLesson(
					locals.ctx,
					params.course,
					params.lesson === 'new' ? null : params.lesson,
					nestedForm(form)
				)
			).slug;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn/author/${params.course}/${slug}?done=saved`);
	},
	preview: async ({ locals, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		const previewLocale = String(form.get('previewLocale') ?? locals.locale);
		const values = nestedForm(form) as { body?: Record<string, string> };
		const markdown = (isLocale(previewLocale) && values.body?.[previewLocale]) || '';
		try {
			return {
				preview: learning.previewMarkdown(locals.ctx, markdown),
				previewLocale,
				values: Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<
					string,
					string
				>
			};
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	},
	audio: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		const audioLocale = String(form.get('audioLocale') ?? '');
		try {
			if (!isLocale(audioLocale))
				throw new AppError('INVALID', { fields: { audioLocale: { key: 'error_field_invalid' } } });
			await learning.uploadAudio(
				locals.ctx,
				params.course,
				params.lesson,
				audioLocale,
				await fileBytes(form, 'audio')
			);
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn/author/${params.course}/${params.lesson}?done=audio`);
	}
};
