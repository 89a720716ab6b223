import { randomUUID } from 'node:crypto';
import { Composer, InlineKeyboard } from 'grammy';
import { isAppError } from '#lib/server/core';
import { learning, type QuizView } from '#lib/server/modules/learning';
import type { BotContext } from '../context';
import { escapeHtml, fitsCallback } from '../text';

/**
 * Learning in the bot: the courses, a course's lessons, a lesson as bite-size messages (its Markdown
 * as Telegram HTML, cut under 4,096 characters by the learning module), and its quizzes one question
 * at a time with buttons. A linked account's reading and attempts are stored through learning's
 * index as on the web, so progress is one and the same; without a link nothing is stored (scored
 * only), and the chat says so. Callback data carries ids only, ≤ 64 bytes (longer: no button, the
 * web link instead): `lc:<course>` course, `ll:<course>:<lesson>` lesson, `lr:<course>:<lesson>`
 * mark read, `lq:<course>:<lesson>:<n>` the lesson's n-th quiz, `qa:<i>:<option>` an answer,
 * `qt:<i>:<option>` tick an option of a multiple-choice question, `qd:<i>` done. The quiz's state
 * (which question, answers so far, one attempt id) is the chat's dialog state in the database.
 */

/** Change it when the quiz dialog's state changes: states saved by the old code are dropped. */
export const QUIZ_DIALOG_VERSION = 1;
const DIALOG = 'learn-quiz';

interface QuizState {
	course: string;
	lesson: string;
	quiz: string;
	attempt: string;
	given: Record<string, string[]>;
	/** Options ticked so far in the current multiple-choice question. */
	ticked: string[];
}

const web = (ctx: BotContext, path: string) =>
	`${ctx.birge.service.platform.origin}/${ctx.birge.locale}${path}`;

async function listCourses(ctx: BotContext) {
	const t = ctx.birge.t;
	const courses = (await learning.listCourses(ctx.birge.service)).filter(
		(c) => c.publication === 'published'
	);
	if (!courses.length) return ctx.reply(t('bot_learn_none'));
	const keyboard = new InlineKeyboard();
	const lines = [`<b>${escapeHtml(t('bot_learn_heading'))}</b>`];
	for (const c of courses) {
		const read = c.read !== null ? ` · ${c.read}/${c.lessons}` : '';
		lines.push(`• ${escapeHtml(c.title.text)}${read}`);
		if (fitsCallback(`lc:${c.slug}`)) keyboard.text(c.title.text.slice(0, 60), `lc:${c.slug}`).row();
	}
	if (!ctx.birge.linked) lines.push(escapeHtml(t('bot_learn_not_saved')));
	await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', reply_markup: keyboard });
}

async function showCourse(ctx: BotContext, slug: string) {
	const t = ctx.birge.t;
	const c = await learning.courseView(ctx.birge.service, slug);
	const lessons = c.modules.flatMap((m) => m.lessons);
	const lines = [`<b>${escapeHtml(c.title.text)}</b>`];
	if (c.summary.text) lines.push(escapeHtml(c.summary.text));
	lines.push(escapeHtml(t('bot_learn_course_lessons', { count: lessons.length, minutes: c.minutes })));
	if (c.progress)
		lines.push(
			escapeHtml(
				t('bot_learn_progress', {
					read: c.progress.read,
					total: c.progress.total,
					passed: c.progress.quizzesPassed,
					quizzes: c.progress.quizzes
				})
			)
		);
	else lines.push(escapeHtml(t('bot_learn_not_saved')));
	if (c.certificateCode)
		lines.push(
			escapeHtml(t('bot_learn_certificate', { url: web(ctx, `/certificates/${c.certificateCode}`) }))
		);
	const keyboard = new InlineKeyboard();
	const resume = c.progress?.resume;
	if (resume && fitsCallback(`ll:${c.slug}:${resume}`))
		keyboard.text(`▶ ${t('bot_learn_continue')}`, `ll:${c.slug}:${resume}`).row();
	const multi = c.modules.length > 1;
	for (const [mi, m] of c.modules.entries()) {
		if (multi) lines.push(`\n<b>${mi + 1}. ${escapeHtml(m.title.text)}</b>`);
		for (const l of m.lessons) {
			lines.push(`${l.read ? '✓' : '•'} ${escapeHtml(l.title.text)}${l.hasQuiz ? ' ❓' : ''}`);
			const data = `ll:${c.slug}:${l.slug}`;
			if (fitsCallback(data)) keyboard.text(`${l.read ? '✓ ' : ''}${l.title.text}`.slice(0, 60), data).row();
		}
	}
	lines.push(web(ctx, `/learn/${c.slug}`));
	await ctx.reply(lines.join('\n'), {
		parse_mode: 'HTML',
		reply_markup: keyboard,
		link_preview_options: { is_disabled: true }
	});
}

async function showLesson(ctx: BotContext, course: string, slug: string) {
	const t = ctx.birge.t;
	const lesson = await learning.lessonForChat(ctx.birge.service, course, slug);
	if (!lesson) return ctx.reply(t('bot_stale_button'));
	// Remembered as where she stopped (linked accounts only; nothing for an anonymous chat).
	await learning.noteLessonOpened(ctx.birge.service, course, slug);
	const keyboard = new InlineKeyboard();
	if (ctx.birge.linked && fitsCallback(`lr:${course}:${slug}`))
		keyboard.text(`✓ ${t('bot_learn_mark_read')}`, `lr:${course}:${slug}`).row();
	lesson.quizzes.forEach((z, n) => {
		if (fitsCallback(`lq:${course}:${slug}:${n}`))
			keyboard
				.text(`❓ ${t('bot_learn_quiz_start', { title: z.title })}`.slice(0, 60), `lq:${course}:${slug}:${n}`)
				.row();
	});
	if (lesson.next && fitsCallback(`ll:${course}:${lesson.next}`))
		keyboard.text(t('bot_learn_next'), `ll:${course}:${lesson.next}`).row();
	const parts = [...lesson.parts];
	parts[0] = `<b>${escapeHtml(lesson.title)}</b>\n\n${parts[0] ?? ''}`;
	const footer = [escapeHtml(t('bot_learn_open_web', { url: lesson.url }))];
	if (!ctx.birge.linked) footer.push(escapeHtml(t('bot_learn_not_saved')));
	parts.push(footer.join('\n'));
	for (const [i, part] of parts.entries())
		await ctx.reply(part, {
			parse_mode: 'HTML',
			link_preview_options: { is_disabled: true },
			...(i === parts.length - 1 ? { reply_markup: keyboard } : {})
		});
}

async function quizOf(
	ctx: BotContext,
	course: string,
	lesson: string,
	quiz: string
): Promise<QuizView | null> {
	const view = await learning.lessonView(ctx.birge.service, course, lesson);
	return view.quizzes.find((z) => z.slug === quiz) ?? null;
}

async function ask(ctx: BotContext, state: QuizState, z: QuizView, i: number) {
	const t = ctx.birge.t;
	const question = z.questions[i];
	const head = `<b>${escapeHtml(z.title.text)}</b> · ${escapeHtml(t('bot_learn_question', { n: i + 1, total: z.questions.length }))}`;
	const keyboard = new InlineKeyboard();
	let hint: string;
	if (question.kind === 'numeric') hint = t('bot_learn_type_number');
	else {
		hint = t(question.kind === 'single' ? 'bot_learn_choose_one' : 'bot_learn_choose_many');
		for (const o of question.options) {
			const ticked = state.ticked.includes(o.id);
			const data = `${question.kind === 'single' ? 'qa' : 'qt'}:${i}:${o.id}`;
			if (fitsCallback(data))
				keyboard
					.text(`${question.kind === 'multiple' ? (ticked ? '☑ ' : '☐ ') : ''}${o.text}`.slice(0, 64), data)
					.row();
		}
		if (question.kind === 'multiple') keyboard.text(t('bot_learn_done'), `qd:${i}`);
	}
	await ctx.birge.setState({
		dialog: DIALOG,
		version: QUIZ_DIALOG_VERSION,
		step: String(i),
		answers: state as unknown as Record<string, unknown>
	});
	await ctx.reply(`${head}\n\n${escapeHtml(question.prompt)}\n\n<i>${escapeHtml(hint)}</i>`, {
		parse_mode: 'HTML',
		...(question.kind === 'numeric' ? {} : { reply_markup: keyboard })
	});
}

async function startQuiz(ctx: BotContext, course: string, lesson: string, n: number) {
	const view = await learning.lessonView(ctx.birge.service, course, lesson);
	const z = view.quizzes[n];
	if (!z || !z.questions.length) return ctx.reply(ctx.birge.t('bot_stale_button'));
	const state: QuizState = { course, lesson, quiz: z.slug, attempt: randomUUID(), given: {}, ticked: [] };
	await ask(ctx, state, z, 0);
}

/** The current quiz state, or null (and a reply) when the button or the dialog is out of date. */
async function current(ctx: BotContext, i: number): Promise<{ state: QuizState; z: QuizView } | null> {
	const s = ctx.birge.state;
	if (s.dialog === DIALOG && s.version !== QUIZ_DIALOG_VERSION) {
		await ctx.birge.setState({});
		await ctx.reply(ctx.birge.t('bot_learn_quiz_changed'));
		return null;
	}
	if (s.dialog !== DIALOG || s.step !== String(i) || !s.answers) {
		await ctx.reply(ctx.birge.t('bot_stale_button'));
		return null;
	}
	const state = s.answers as unknown as QuizState;
	const z = await quizOf(ctx, state.course, state.lesson, state.quiz);
	if (!z || !z.questions[i]) {
		await ctx.birge.setState({});
		await ctx.reply(ctx.birge.t('bot_learn_quiz_changed'));
		return null;
	}
	return { state, z };
}

async function answered(ctx: BotContext, state: QuizState, z: QuizView, i: number, values: string[]) {
	const next: QuizState = { ...state, given: { ...state.given, [z.questions[i].id]: values }, ticked: [] };
	if (i + 1 < z.questions.length) return ask(ctx, next, z, i + 1);
	await ctx.birge.setState({});
	await finish(ctx, next, z);
}

async function finish(ctx: BotContext, state: QuizState, z: QuizView) {
	const t = ctx.birge.t;
	const base = { course: state.course, lesson: state.lesson, quiz: state.quiz, answers: state.given };
	const result = ctx.birge.linked
		? await learning.submitQuiz(ctx.birge.service, { ...base, clientId: state.attempt })
		: await learning.checkQuiz(ctx.birge.service, state.course, state.lesson, state.quiz, state.given);
	const view = await learning.lessonView(ctx.birge.service, state.course, state.lesson);
	const mark = z.passPercent ?? view.course.passPercent;
	const lines = [
		`<b>${escapeHtml(t('bot_learn_result', { score: result.score, total: result.total, percent: result.percent }))}</b>`,
		escapeHtml(result.passed ? t('bot_learn_passed') : t('bot_learn_failed', { percent: mark }))
	];
	for (const [n, q] of result.questions.entries())
		lines.push(`${q.correct ? '✓' : '✗'} ${n + 1}. ${escapeHtml(z.questions[n]?.prompt ?? '')}`);
	lines.push(escapeHtml(ctx.birge.linked ? t('bot_learn_attempt_saved') : t('bot_learn_not_saved')));
	const code = 'certificateCode' in result ? result.certificateCode : null;
	if (code) lines.push(escapeHtml(t('bot_learn_certificate', { url: web(ctx, `/certificates/${code}`) })));
	await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
}

const parts = (data: string, n: number) => {
	const p = data.split(':').slice(1);
	return p.length === n && p.every(Boolean) ? p : null;
};

/** A course, lesson or quiz that is gone (or a draft): the stale-button reply, not a crash. */
async function guarded(ctx: BotContext, run: () => Promise<unknown>) {
	try {
		await run();
	} catch (error) {
		if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID'))
			return ctx.reply(ctx.birge.t('bot_stale_button'));
		throw error;
	}
}

export const learningComposer = new Composer<BotContext>();

learningComposer.command(['learn', 'courses'], (ctx) => listCourses(ctx));
learningComposer.callbackQuery('m:learn', async (ctx) => {
	await ctx.answerCallbackQuery();
	await listCourses(ctx);
});

learningComposer.callbackQuery(/^lc:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const p = parts(ctx.callbackQuery.data, 1);
	await guarded(ctx, () => (p ? showCourse(ctx, p[0]) : ctx.reply(ctx.birge.t('bot_stale_button'))));
});

learningComposer.callbackQuery(/^ll:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const p = parts(ctx.callbackQuery.data, 2);
	await guarded(ctx, () => (p ? showLesson(ctx, p[0], p[1]) : ctx.reply(ctx.birge.t('bot_stale_button'))));
});

learningComposer.callbackQuery(/^lr:/, async (ctx) => {
	const p = parts(ctx.callbackQuery.data, 2);
	if (!ctx.birge.linked) {
		await ctx.answerCallbackQuery();
		return ctx.reply(ctx.birge.t('bot_learn_not_saved'));
	}
	await ctx.answerCallbackQuery({ text: ctx.birge.t('bot_learn_read_done') });
	await guarded(ctx, async () => {
		if (!p) return ctx.reply(ctx.birge.t('bot_stale_button'));
		const { certificateCode } = await learning.markLessonRead(ctx.birge.service, p[0], p[1]);
		const lines = [ctx.birge.t('bot_learn_read_done')];
		if (certificateCode)
			lines.push(ctx.birge.t('bot_learn_certificate', { url: web(ctx, `/certificates/${certificateCode}`) }));
		await ctx.reply(lines.join('\n'), { link_preview_options: { is_disabled: true } });
	});
});

learningComposer.callbackQuery(/^lq:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const p = parts(ctx.callbackQuery.data, 3);
	await guarded(ctx, () =>
		p && /^\d{1,2}$/.test(p[2])
			? startQuiz(ctx, p[0], p[1], Number(p[2]))
			: ctx.reply(ctx.birge.t('bot_stale_button'))
	);
});

learningComposer.callbackQuery(/^q[atd]:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const data = ctx.callbackQuery.data;
	const kind = data.slice(0, 2);
	const p = parts(data, kind === 'qd' ? 1 : 2);
	if (!p || !/^\d{1,2}$/.test(p[0])) return ctx.reply(ctx.birge.t('bot_stale_button'));
	const i = Number(p[0]);
	await guarded(ctx, async () => {
		const found = await current(ctx, i);
		if (!found) return;
		const { state, z } = found;
		const question = z.questions[i];
		const known = (id: string) => question.options.some((o) => o.id === id);
		if (kind === 'qa') {
			if (question.kind !== 'single' || !known(p[1])) return ctx.reply(ctx.birge.t('bot_stale_button'));
			return answered(ctx, state, z, i, [p[1]]);
		}
		if (question.kind !== 'multiple') return ctx.reply(ctx.birge.t('bot_stale_button'));
		if (kind === 'qt') {
			if (!known(p[1])) return ctx.reply(ctx.birge.t('bot_stale_button'));
			const ticked = state.ticked.includes(p[1])
				? state.ticked.filter((x) => x !== p[1])
				: [...state.ticked, p[1]];
			return ask(ctx, { ...state, ticked }, z, i);
		}
		if (!state.ticked.length) return ctx.reply(ctx.birge.t('bot_learn_choose_many'));
		return answered(ctx, state, z, i, state.ticked);
	});
});

/** A numeric answer typed in the chat; any other text goes on to the next Composer. */
learningComposer.on('message:text', async (ctx, next) => {
	const s = ctx.birge.state;
	const text = ctx.message.text.trim();
	if (s.dialog !== DIALOG || text.startsWith('/')) return next();
	const i = Number(s.step);
	await guarded(ctx, async () => {
		const found = await current(ctx, i);
		if (!found) return;
		const { state, z } = found;
		if (z.questions[i].kind !== 'numeric') return ctx.reply(ctx.birge.t('bot_learn_use_buttons'));
		if (!learning.readsAsNumber(text)) return ctx.reply(ctx.birge.t('bot_learn_not_number'));
		return answered(ctx, state, z, i, [text.slice(0, 40)]);
	});
});
