import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { learning } from '#lib/server/modules/learning';
import { formFailure, formKey, readForm, requireSignIn } from '#lib/server/web/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const lesson = await learning.lessonView(locals.ctx, params.course, params.lesson);
	await learning.noteLessonOpened(locals.ctx, params.course, params.lesson);
	return {
		lesson,
		signedIn: !!locals.user,
		// One id per rendering of the quiz form: sending it twice stores one attempt.
		attemptId: formKey(),
		done: url.searchParams.get('done'),
		certificate: url.searchParams.get('certificate')
	};
};

function answersOf(form: FormData): Record<string, string[]> {
	const answers: Record<string, string[]> = {};
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('q.') || typeof value !== 'string') continue;
		(answers[key.slice(2)] ??= []).push(value);
	}
	return answers;
}

export const actions: Actions = {
	read: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		requireSignIn({ locals, url });
		let certificate: string | null;
		try {
			certificate = (await learning.markLessonRead(locals.ctx, params.course, params.lesson)).certificateCode;
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
		const next = `/${locals.locale}/learn/${params.course}/${params.lesson}?done=read${certificate ? `&certificate=${certificate}` : ''}`;
		redirect(303, next);
	},
	quiz: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const quiz = String(form.get('quiz') ?? '');
		const answers = answersOf(form);
		try {
			if (!locals.user) {
				// Without an account: scored, shown, not stored.
				const result = await learning.checkQuiz(locals.ctx, params.course, params.lesson, quiz, answers);
				return { quiz, result: { ...result, saved: false, certificateCode: null }, answers };
			}
			const result = await learning.submitQuiz(locals.ctx, {
				course: params.course,
				lesson: params.lesson,
				quiz,
				answers,
				clientId: String(form.get('attempt') ?? '')
			});
			return { quiz, result, answers };
		} catch (e) {
			return formFailure(e, locals.locale, form);
		}
	}
};
