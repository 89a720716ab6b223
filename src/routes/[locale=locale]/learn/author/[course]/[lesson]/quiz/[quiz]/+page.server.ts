import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning, MAX_OPTIONS, QUESTION_KINDS } from '#lib/server/modules/learning';
import { CONTENT_LOCALES as LOCALES } from '#lib/i18n/locales';
import { formFailure, readForm, requireSignIn } from '#lib/server/web/forms';
import { deepForm } from '../../../../form';

/** A quiz in the editor (`new` for a new one): questions and options per locale, kinds, pass mark. */
export const load: PageServerLoad = async (event) => {
	requireSignIn(event);
	const { locals, params, url } = event;
	const { course, lesson, quiz } = await learning.editableQuiz(
		locals.ctx,
		params.course,
		params.lesson,
		params.quiz === 'new' ? null : params.quiz
	);
	const blankOptions = (n: number) => Array.from({ length: n }, () => ({ id: '', text: {}, correct: false }));
	const questions = (quiz?.questions ?? []).map((x) => {
		const options = (x.options ?? []).map((o) => ({ id: o.id, text: o.text, correct: o.correct }));
		return {
			id: x.id,
			kind: x.kind,
			prompt: x.prompt,
			options: [...options, ...blankOptions(Math.max(0, Math.min(2, MAX_OPTIONS - options.length)))],
			answer: x.answer === undefined ? '' : String(x.answer),
			tolerance: x.tolerance === undefined ? '' : String(x.tolerance)
		};
	});
	// One blank question to fill (no JavaScript needed to add one).
	questions.push({ id: '', kind: 'single', prompt: {}, options: blankOptions(4), answer: '', tolerance: '' });
	return {
		course: { slug: course.slug, passPercent: course.passPercent, status: course.status },
		lesson: { slug: lesson.slug, title: lesson.title },
		quiz: quiz
			? { slug: quiz.slug, title: quiz.title, passPercent: quiz.passPercent, version: quiz.version }
			: null,
		questions,
		kinds: QUESTION_KINDS,
		locales: LOCALES,
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
				await learning.saveQuiz(
					locals.ctx,
					params.course,
					params.lesson,
					params.quiz === 'new' ? null : params.quiz,
					deepForm(form)
				)
			).slug;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn/author/${params.course}/${params.lesson}/quiz/${slug}?done=saved`);
	},
	remove: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		try {
			await learning.removeQuiz(locals.ctx, params.course, params.lesson, params.quiz, {
				confirm: form.get('confirm')
			});
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		redirect(303, `/${locals.locale}/learn/author/${params.course}/${params.lesson}?done=quiz-removed`);
	}
};
