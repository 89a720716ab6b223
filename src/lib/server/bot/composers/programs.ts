import { Composer, InlineKeyboard } from 'grammy';
import { isAppError, type AppError } from '#lib/server/core';
import { BUSINESS_FORMS, programs, SECTORS, type MatchItem } from '#lib/server/modules/programs';
import { COUNTRIES, countryName, formatDate } from '#lib/i18n/format';
import type { MessageKey } from '#lib/i18n/messages';
import type { BotContext } from '../context';
import { escapeHtml, fitsCallback, split } from '../text';

/**
 * Programs in the bot (the support navigator): search by words, a program's card, saving it (linked
 * accounts), her saved programs, and the eligibility check as a dialog with buttons, one question at
 * a time, state in the database, results with their reasons from the programs module. Callback data:
 * `p:<slug>` card, `ps:<slug>` save, `pu:<slug>` unsave, `e:<field>:<value>` an answer (`-` = skip).
 */

/** The check's questions in order, with the programs profile's own values. */
const CHECK = {
	country: COUNTRIES as readonly string[],
	businessForm: BUSINESS_FORMS as readonly string[],
	sector: SECTORS as readonly string[],
	womanLed: ['yes', 'no'],
	monthsOperating: null
} as const;
type Field = keyof typeof CHECK;
const STEPS = Object.keys(CHECK) as Field[];
/** Change it when the dialog's steps change: states saved by the old code are dropped. */
export const CHECK_VERSION = 1;
const RESULT_MARK = {
	eligible: '✅',
	likely: '☑️',
	maybe: '❔',
	ineligible: '❌',
	closed: '⛔',
	unknown_status: '❔'
} as const;

function optionLabel(ctx: BotContext, field: Field, value: string): string {
	const t = ctx.birge.t;
	if (field === 'country') return countryName(ctx.birge.locale, value);
	if (field === 'businessForm') return t(`programs_form_${value}` as MessageKey);
	if (field === 'sector') return t(`programs_sector_${value}` as MessageKey);
	return t(value === 'yes' ? 'programs_yes' : 'bot_no');
}

async function ask(ctx: BotContext, field: Field) {
	const t = ctx.birge.t;
	const step = STEPS.indexOf(field) + 1;
	const question = `${t('bot_check_step', { step, steps: STEPS.length })}\n${t(`programs_field_${field}` as MessageKey)}`;
	const keyboard = new InlineKeyboard();
	const options = CHECK[field];
	if (options)
		options.forEach((value, i) => {
			keyboard.text(optionLabel(ctx, field, value), `e:${field}:${value}`);
			if (i % 2 === 1) keyboard.row();
		});
	keyboard.row().text(t('bot_skip'), `e:${field}:-`);
	await ctx.reply(options ? question : `${question}\n${t('bot_check_number')}`, { reply_markup: keyboard });
}

async function startCheck(ctx: BotContext) {
	await ctx.birge.setState({ dialog: 'check', version: CHECK_VERSION, step: STEPS[0], answers: {} });
	await ctx.reply(ctx.birge.t('bot_check_intro'));
	await ask(ctx, STEPS[0]);
}

/** Records an answer and asks the next question, or shows the results after the last. */
async function answer(ctx: BotContext, field: Field, value: unknown) {
	const answers = { ...(ctx.birge.state.answers ?? {}) };
	if (value !== undefined) answers[field] = value;
	const next = STEPS[STEPS.indexOf(field) + 1];
	if (next) {
		await ctx.birge.setState({ dialog: 'check', version: CHECK_VERSION, step: next, answers });
		return ask(ctx, next);
	}
	let items: MatchItem[];
	try {
		items = await programs.matchPrograms(ctx.birge.service, answers);
	} catch (error) {
		// The programs module's own validation (e.g. months over its maximum): ask again.
		if (isAppError(error) && error.code === 'INVALID') {
			const message = Object.values(fieldMessages(ctx, error))[0] ?? ctx.birge.t('bot_check_number');
			await ctx.reply(message);
			return ask(ctx, field);
		}
		throw error;
	}
	await ctx.birge.setState({});
	await showResults(ctx, items);
}

function fieldMessages(ctx: BotContext, error: AppError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, f] of Object.entries(error.fields)) out[name] = ctx.birge.t(f.key, f.params);
	return out;
}

async function showResults(ctx: BotContext, items: MatchItem[]) {
	const t = ctx.birge.t;
	const count = (r: MatchItem['result']) => items.filter((i) => i.result === r).length;
	const origin = ctx.birge.service.platform.origin;
	const shown = items.filter((i) => i.result !== 'ineligible').slice(0, 8);
	const parts = [
		`<b>${escapeHtml(t('programs_check_results'))}</b>\n${escapeHtml(
			t('programs_check_summary', {
				eligible: count('eligible'),
				maybe: count('maybe'),
				ineligible: count('ineligible')
			})
		)}`
	];
	for (const item of shown) {
		const reasons = item.reasons
			.map((r) => `${r.met === true ? '✓' : r.met === false ? '✗' : '?'} ${escapeHtml(r.text)}`)
			.join('\n');
		parts.push(
			`${RESULT_MARK[item.result]} <b>${escapeHtml(item.title)}</b> — ${escapeHtml(t(`programs_result_${item.result}`))}` +
				(reasons ? `\n${reasons}` : '') +
				(item.maxAmount ? `\n${escapeHtml(t('programs_max_amount', { amount: item.maxAmount }))}` : '') +
				`\n${origin}${item.url}`
		);
	}
	if (!shown.length) parts.push(escapeHtml(t('programs_check_none')));
	const keyboard = new InlineKeyboard();
	for (const item of shown) {
		if (fitsCallback(`ps:${item.slug}`))
			keyboard.text(`☆ ${item.title.slice(0, 40)}`, `ps:${item.slug}`).row();
	}
	const chunks = split(parts.join('\n\n'));
	for (const [i, chunk] of chunks.entries())
		await ctx.reply(chunk, {
			parse_mode: 'HTML',
			link_preview_options: { is_disabled: true },
			...(i === chunks.length - 1 && shown.length ? { reply_markup: keyboard } : {})
		});
}

/** A program's card (also for `/start program_<slug>`). */
export async function showProgram(ctx: BotContext, slug: string) {
	const t = ctx.birge.t;
	const p = await programs.getProgram(ctx.birge.service, slug, { publishedOnly: true });
	const lines = [`<b>${escapeHtml(p.title)}</b>`];
	if (p.summary) lines.push(escapeHtml(p.summary));
	const upcoming = p.deadlines.dates
		.map((d) => d.date)
		.filter((d) => d >= ctx.birge.service.clock().toISOString().slice(0, 10));
	if (upcoming.length)
		lines.push(escapeHtml(t('bot_program_deadline', { date: formatDate(ctx.birge.locale, upcoming[0]) })));
	if (p.demo) lines.push(escapeHtml(t('bot_demo')));
	lines.push(`${ctx.birge.service.platform.origin}${p.url}`);
	const keyboard = new InlineKeyboard();
	if (fitsCallback(`ps:${p.slug}`))
		keyboard.text(t(p.saved ? 'bot_unsave' : 'bot_save'), `${p.saved ? 'pu' : 'ps'}:${p.slug}`);
	await ctx.reply(lines.join('\n\n'), {
		parse_mode: 'HTML',
		reply_markup: keyboard,
		link_preview_options: { is_disabled: true }
	});
}

async function search(ctx: BotContext, q: string) {
	const t = ctx.birge.t;
	const result = await programs.findPrograms(ctx.birge.service, { q, pageSize: 5 });
	if (!result.items.length) {
		const hint = result.suggestions.length
			? `\n${t('bot_search_suggest', { words: result.suggestions.join(', ') })}`
			: '';
		return ctx.reply(t('bot_search_none') + hint);
	}
	const keyboard = new InlineKeyboard();
	const lines = [t('bot_search_found', { count: result.total })];
	for (const item of result.items) {
		lines.push(`• ${item.title}${item.demo ? ` (${t('bot_demo_short')})` : ''}`);
		if (fitsCallback(`p:${item.slug}`)) keyboard.text(item.title.slice(0, 60), `p:${item.slug}`).row();
	}
	if (result.total > result.items.length)
		lines.push(
			`${ctx.birge.service.platform.origin}/${ctx.birge.locale}/programs?q=${encodeURIComponent(q)}`
		);
	await ctx.reply(lines.join('\n'), { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
}

export const programsComposer = new Composer<BotContext>();

programsComposer.command(['check'], (ctx) => startCheck(ctx));
programsComposer.callbackQuery('e:start', async (ctx) => {
	await ctx.answerCallbackQuery();
	await startCheck(ctx);
});

programsComposer.callbackQuery(/^e:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	const [, field, value] = ctx.callbackQuery.data.split(':') as [string, Field, string];
	const state = ctx.birge.state;
	if (state.dialog === 'check' && state.version !== CHECK_VERSION) {
		await ctx.birge.setState({});
		return ctx.reply(ctx.birge.t('bot_dialog_changed'));
	}
	if (state.dialog !== 'check' || state.step !== field || !(field in CHECK))
		return ctx.reply(ctx.birge.t('bot_stale_button'));
	if (value === '-') return answer(ctx, field, undefined);
	const options = CHECK[field];
	if (!options || !(options as readonly string[]).includes(value))
		return ctx.reply(ctx.birge.t('bot_stale_button'));
	return answer(ctx, field, value);
});

programsComposer.command(['programs', 'search'], async (ctx) => {
	const q = ctx.match.trim();
	if (q) return search(ctx, q);
	await ctx.birge.setState({});
	return ctx.reply(ctx.birge.t('bot_search_prompt'));
});
programsComposer.callbackQuery('m:search', async (ctx) => {
	await ctx.answerCallbackQuery();
	await ctx.birge.setState({});
	await ctx.reply(ctx.birge.t('bot_search_prompt'));
});

programsComposer.callbackQuery(/^p:/, async (ctx) => {
	await ctx.answerCallbackQuery();
	await showProgram(ctx, ctx.callbackQuery.data.slice(2));
});

programsComposer.callbackQuery(/^p[su]:/, async (ctx) => {
	const save = ctx.callbackQuery.data.startsWith('ps:');
	const slug = ctx.callbackQuery.data.slice(3);
	if (!ctx.birge.linked) {
		await ctx.answerCallbackQuery();
		return ctx.reply(ctx.birge.t('bot_needs_link', { origin: ctx.birge.service.platform.origin }));
	}
	if (save) await programs.saveProgram(ctx.birge.service, slug);
	else await programs.unsaveProgram(ctx.birge.service, slug);
	await ctx.answerCallbackQuery({ text: ctx.birge.t(save ? 'bot_saved' : 'bot_unsaved') });
	await ctx.reply(ctx.birge.t(save ? 'bot_saved' : 'bot_unsaved'));
});

async function saved(ctx: BotContext) {
	if (!ctx.birge.linked)
		return ctx.reply(ctx.birge.t('bot_needs_link', { origin: ctx.birge.service.platform.origin }));
	const mine = await programs.myPrograms(ctx.birge.service);
	if (!mine.saved.length) return ctx.reply(ctx.birge.t('bot_saved_none'));
	const keyboard = new InlineKeyboard();
	const lines = [ctx.birge.t('bot_saved_heading')];
	for (const item of mine.saved) {
		const next = item.upcoming[0];
		lines.push(`• ${item.title}${next ? ` — ${formatDate(ctx.birge.locale, next)}` : ''}`);
		if (fitsCallback(`p:${item.slug}`)) keyboard.text(item.title.slice(0, 60), `p:${item.slug}`).row();
	}
	await ctx.reply(lines.join('\n'), { reply_markup: keyboard });
}
programsComposer.command('saved', saved);
programsComposer.callbackQuery('m:saved', async (ctx) => {
	await ctx.answerCallbackQuery();
	await saved(ctx);
});

/** Text: a number in the check's number step, else a search. */
programsComposer.on('message:text', async (ctx, next) => {
	const text = ctx.message.text.trim();
	if (text.startsWith('/')) return next();
	const state = ctx.birge.state;
	if (state.dialog === 'check' && state.step === 'monthsOperating') {
		if (!/^\d{1,6}$/.test(text.replace(/[\s\u00a0]/g, ''))) return ctx.reply(ctx.birge.t('bot_check_number'));
		return answer(ctx, 'monthsOperating', Number(text.replace(/[\s\u00a0]/g, '')));
	}
	if (state.dialog === 'check') return ctx.reply(ctx.birge.t('bot_check_use_buttons'));
	return search(ctx, text.slice(0, 200));
});
