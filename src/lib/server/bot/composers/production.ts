import { Composer, InlineKeyboard } from 'grammy';
import { enqueueJob, translateError } from '#lib/server/core';
import { formatMoney, production } from '#lib/server/modules/production';
import { formatDate } from '#lib/i18n/format';
import type { BotContext } from '../context';
import { MAX_PHOTO_BYTES, productionPhotoJob } from '../jobs';

/**
 * Home production in the bot. A linked maker (`/work`, or the menu's entry) sees her assignments and
 * her balance, and reports pieces: she picks an assignment (`pw:<assignment id>`), types the count,
 * then sends a photo (as a photo or a document) or reports without one (`pn`). The photo is
 * downloaded and processed in a job (bot/jobs.ts), never in the webhook handler. A coordinator whose
 * chat is linked is told of each new report (production/jobs.ts, through the outbox) with Accept
 * (`pa:<report id>`) and Reject (`pr:<report id>`, then the reason as text); every decision goes
 * through production's index, which checks she coordinates that network. Callback data ≤ 39 bytes.
 */
export const productionComposer = new Composer<BotContext>();

const REPORT = 'production-report';
const REJECT = 'production-reject';
/** Changes when the report or reject dialog's steps change: an older saved state is dropped. */
const DIALOG_VERSION = 1;
/** Open assignments shown with a button (Telegram keeps a keyboard short). */
const SHOWN = 8;

const needsLink = (ctx: BotContext) =>
	ctx.reply(ctx.birge.t('bot_production_needs_link', { origin: ctx.birge.service.platform.origin }));

async function showWork(ctx: BotContext) {
	const t = ctx.birge.t;
	if (!ctx.birge.linked) return needsLink(ctx);
	const service = ctx.birge.service;
	const work = await production.myWork(service);
	if (!work.makers.length) return ctx.reply(t('bot_production_not_maker'));
	const earnings = await production.myEarnings(service);
	const lines = [t('bot_production_work_title')];
	const keyboard = new InlineKeyboard();
	for (const a of work.assignments) {
		lines.push(
			t('bot_production_assignment', {
				pattern: a.title,
				quantity: a.quantity,
				due: a.dueDate ? formatDate(ctx.birge.locale, a.dueDate) : '—',
				reported: a.reportedPieces,
				accepted: a.acceptedPieces
			})
		);
	}
	if (!work.assignments.length) lines.push(t('bot_production_no_assignments'));
	const open = work.assignments.filter((a) => a.open && a.left > 0).slice(0, SHOWN);
	for (const a of open)
		keyboard.text(t('bot_production_report_button', { pattern: a.title }), `pw:${a.id}`).row();
	for (const e of earnings)
		lines.push(
			t('bot_production_balance', {
				network: e.maker.network,
				balance: formatMoney(e.balance.balanceMinor, e.balance.currency, ctx.birge.locale)
			}) + (e.maker.demo ? ` ${t('bot_production_demo')}` : '')
		);
	lines.push(`${service.platform.origin}/${ctx.birge.locale}/my-work`);
	await ctx.reply(lines.join('\n\n'), {
		link_preview_options: { is_disabled: true },
		...(open.length ? { reply_markup: keyboard } : {})
	});
}

productionComposer.command('work', async (ctx) => {
	await ctx.birge.setState({});
	return showWork(ctx);
});
productionComposer.callbackQuery('m:work', async (ctx) => {
	await ctx.answerCallbackQuery();
	await ctx.birge.setState({});
	return showWork(ctx);
});

/** She picks an assignment to report on: it must be one of hers and still open. */
productionComposer.callbackQuery(/^pw:[0-9A-Za-z-]{1,60}$/, async (ctx) => {
	await ctx.answerCallbackQuery();
	if (!ctx.birge.linked) return needsLink(ctx);
	const a = await production.myAssignment(ctx.birge.service, ctx.callbackQuery.data.slice(3));
	if (!a || !a.open || a.left <= 0) return ctx.reply(ctx.birge.t('bot_stale_button'));
	await ctx.birge.setState({
		dialog: REPORT,
		version: DIALOG_VERSION,
		step: 'count',
		answers: { assignmentId: a.id }
	});
	await ctx.reply(ctx.birge.t('bot_production_ask_count', { pattern: a.title, left: a.left }));
});

const inDialog = (ctx: BotContext, dialog: string, step?: string) => {
	const s = ctx.birge.state;
	return s.dialog === dialog && s.version === DIALOG_VERSION && (!step || s.step === step);
};

/** The count: a whole number from 1 to what is left; anything else gets a short reply, nothing saved. */
productionComposer.on('message:text', async (ctx, next) => {
	const text = ctx.message.text.trim();
	if (text.startsWith('/')) return next();
	const t = ctx.birge.t;
	if (inDialog(ctx, REPORT, 'count')) {
		if (!/^\d{1,7}$/.test(text) || Number(text) < 1) return ctx.reply(t('bot_production_not_number'));
		const assignmentId = String(ctx.birge.state.answers?.assignmentId ?? '');
		const a = await production.myAssignment(ctx.birge.service, assignmentId);
		if (!a || !a.open || a.left <= 0) {
			await ctx.birge.setState({});
			return ctx.reply(t('bot_stale_button'));
		}
		if (Number(text) > a.left) return ctx.reply(t('production_error_pieces_too_many', { max: a.left }));
		await ctx.birge.setState({
			...ctx.birge.state,
			step: 'photo',
			answers: { assignmentId, pieces: Number(text) }
		});
		return ctx.reply(t('bot_production_ask_photo'), {
			reply_markup: new InlineKeyboard().text(t('bot_production_no_photo'), 'pn')
		});
	}
	if (inDialog(ctx, REPORT, 'photo')) return ctx.reply(t('bot_production_ask_photo'));
	if (inDialog(ctx, REJECT)) {
		const reportId = String(ctx.birge.state.answers?.reportId ?? '');
		await ctx.birge.setState({});
		return decide(ctx, reportId, 'reject', text.slice(0, 500));
	}
	return next();
});

/** The photo (the largest size Telegram made, or an image sent as a document): queued for the job. */
productionComposer.on(['message:photo', 'message:document'], async (ctx, next) => {
	if (!inDialog(ctx, REPORT, 'photo')) return next();
	const t = ctx.birge.t;
	const photo = ctx.message.photo?.at(-1);
	const doc = ctx.message.document;
	const size = photo?.file_size ?? doc?.file_size ?? 0;
	if (size > MAX_PHOTO_BYTES) return ctx.reply(t('bot_photo_too_large'));
	if (!photo && !doc?.mime_type?.startsWith('image/')) return ctx.reply(t('bot_production_not_image'));
	const { assignmentId, pieces } = ctx.birge.state.answers as { assignmentId: string; pieces: number };
	await enqueueJob(
		ctx.birge.service,
		productionPhotoJob,
		{
			chatId: ctx.birge.chatId,
			locale: ctx.birge.locale,
			assignmentId,
			pieces,
			fileId: (photo?.file_id ?? doc!.file_id).slice(0, 200),
			name: doc?.file_name?.slice(0, 200) ?? null
		},
		{ key: `${ctx.birge.chatId}:${ctx.message.message_id}` }
	);
	await ctx.birge.setState({});
	await ctx.reply(t('bot_production_photo_queued'));
});

/** Without a photo: reported at once, as on the web. */
productionComposer.callbackQuery('pn', async (ctx) => {
	await ctx.answerCallbackQuery();
	if (!inDialog(ctx, REPORT, 'photo')) return ctx.reply(ctx.birge.t('bot_stale_button'));
	const { assignmentId, pieces } = ctx.birge.state.answers as { assignmentId: string; pieces: number };
	await ctx.birge.setState({});
	// A redelivered update carries the same callback id: one report.
	await production.reportPieces(
		ctx.birge.service,
		{ assignmentId, pieces },
		null,
		`tg-cb:${ctx.callbackQuery.id}`
	);
	await ctx.reply(ctx.birge.t('bot_production_reported', { pieces }));
});

async function decide(ctx: BotContext, reportId: string, decision: 'accept' | 'reject', reason?: string) {
	const t = ctx.birge.t;
	try {
		const r = await production.reviewReport(ctx.birge.service, reportId, { decision, reason });
		if (!r.done) return ctx.reply(t('bot_production_already_decided'));
		return ctx.reply(
			decision === 'accept'
				? t('bot_production_accepted', { pieces: r.pieces })
				: t('bot_production_rejected', { pieces: r.pieces })
		);
	} catch (error) {
		const translated = translateError(error, ctx.birge.locale);
		if (!translated) throw error;
		return ctx.reply(Object.values(translated.fields)[0] ?? translated.message);
	}
}

productionComposer.callbackQuery(/^p[ar]:[0-9A-Za-z-]{1,60}$/, async (ctx) => {
	await ctx.answerCallbackQuery();
	if (!ctx.birge.linked) return needsLink(ctx);
	const reportId = ctx.callbackQuery.data.slice(3);
	if (ctx.callbackQuery.data.startsWith('pa:')) {
		await ctx.birge.setState({});
		return decide(ctx, reportId, 'accept');
	}
	// Reject: the report must be in her network and still pending before she types a reason.
	const { pending } = await production.reportPending(ctx.birge.service, reportId);
	if (!pending) return ctx.reply(ctx.birge.t('bot_production_already_decided'));
	await ctx.birge.setState({ dialog: REJECT, version: DIALOG_VERSION, answers: { reportId } });
	await ctx.reply(ctx.birge.t('bot_production_ask_reason'));
});
