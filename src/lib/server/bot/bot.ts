import { createHmac } from 'node:crypto';
import { eq, isNull, sql } from 'drizzle-orm';
import { Bot, BotError, GrammyError, type Api } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import { translateError, type Platform } from '#lib/server/core';
import { rowsOf, type Db } from '#lib/server/db';
import { describeError, log } from '#lib/server/log';
import { buildBirge, type BotContext } from './context';
import { careComposer, isCareUpdate } from './composers/care';
import { COMPOSERS, fallbackComposer } from './composers';
import { pace, sharedPace, type PaceOptions } from './pace';
import { botUpdate } from './schema';

/**
 * The Telegram bot over Birge's module services (grammY). One Composer per module, registered in
 * composers/index.ts; no business rule lives here. Updates arrive by webhook (production) or long
 * polling (development); each update id is recorded so a redelivered update does nothing twice.
 * Safe help is the exception: its updates are answered straight from the handler and leave no row
 * and no log line naming the chat.
 */
export interface BotOptions {
	token: string;
	/** The Bot API server (Telegram's, or the emulated one in tests). */
	apiRoot?: string;
	platform: Platform;
	db: Db;
	clock?: () => Date;
	/** Known bot identity (skips getMe). */
	botInfo?: UserFromGetMe;
	pace?: PaceOptions;
	/** Attempts after a 429 or a network failure (grammY's auto-retry). */
	retries?: number;
	/** How long a claim on a recorded update holds without a heartbeat (default 60 s). */
	leaseMs?: number;
}

/** A recorded update claimed by this runner (until its lease passes). */
export interface ClaimedUpdate {
	updateId: number;
	update: Update;
}

export interface BirgeBot {
	bot: Bot<BotContext>;
	api: Api;
	/** Handles one update now (in-process: PGlite, long polling, tests). */
	handle(update: Update): Promise<'handled' | 'duplicate'>;
	/** Webhook with PostgreSQL: records the update for `npm run bot` (safe help is answered at once). */
	record(update: Update): Promise<'recorded' | 'duplicate' | 'handled'>;
	/**
	 * Handles recorded updates, oldest first (the `npm run bot` loop): claims them with a lease, keeps
	 * the lease alive while it works (heartbeat), marks each handled. Returns how many.
	 */
	handleRecorded(limit?: number): Promise<number>;
	/** Claims up to `limit` recorded updates nobody holds (unclaimed, or their runner's lease passed). */
	claimRecorded(limit?: number): Promise<ClaimedUpdate[]>;
	/**
	 * Handles the recorded updates in this process until none is left (PGlite's webhook, right after
	 * recording): calls while it runs join it (at most a few claim loops run at once). Never throws.
	 */
	drainRecorded(): Promise<void>;
	/**
	 * After a restart of the only process that may open the database (PGlite): the claims a dead
	 * process left are released at once (no lease to wait out) and the recorded updates handled.
	 * Returns how many were waiting.
	 */
	recoverRecorded(): Promise<number>;
	/** Long polling until stop() (development; deletes a webhook first): each update recorded, then handled. */
	startPolling(): Promise<void>;
	stop(): Promise<void>;
	init(): Promise<void>;
}

/** The webhook's path secret and header secret, derived from the platform secret (never logged). */
export function webhookSecrets(platformSecret: string, token: string) {
	const derive = (what: string) =>
		createHmac('sha256', platformSecret).update(`telegram-${what}:${token}`).digest('base64url');
	return { path: derive('path').slice(0, 32), header: derive('header') };
}

/** A Bot API client with Birge's transformers: auto-retry on 429 (retry_after honoured), then pace. */
export function configureApi(
	api: Api,
	options: Pick<BotOptions, 'pace' | 'retries'> & { paceKey?: string } = {}
): Api {
	api.config.use(options.paceKey ? sharedPace(options.paceKey, options.pace) : pace(options.pace));
	api.config.use(autoRetry({ maxRetryAttempts: options.retries ?? 3, maxDelaySeconds: 60 }));
	return api;
}

export function createBirgeBot(options: BotOptions): BirgeBot {
	const clock = options.clock ?? (() => new Date());
	const leaseMs = options.leaseMs ?? 60_000;
	const bot = new Bot<BotContext>(options.token, {
		botInfo: options.botInfo,
		client: { apiRoot: options.apiRoot ?? 'https://api.telegram.org' }
	});
	configureApi(bot.api, { ...options, paceKey: options.pace ? undefined : options.token });

	// Safe help first: answered without a session, a row or a log line (it never calls next).
	bot.use(careComposer(options.db, options.platform, clock));
	bot.use(async (ctx, next) => {
		const chatId = ctx.chat?.id ?? ctx.from?.id;
		if (chatId === undefined) return; // channel posts, polls…: nothing for Birge
		ctx.birge = await buildBirge(
			options.db,
			options.platform,
			String(chatId),
			ctx.from?.language_code,
			clock
		);
		await next();
	});
	for (const composer of COMPOSERS) bot.use(composer);
	bot.use(fallbackComposer);

	/** A failed update: a short reply in her language (translateError), a log line without the chat. */
	const onError = async (error: BotError<BotContext>) => {
		const ctx = error.ctx;
		const translated = ctx.birge ? translateError(error.error, ctx.birge.locale) : null;
		// The chat id is never logged; the error is described by its name and scrubbed message.
		if (!translated) log.error('bot update failed', { error: describeError(error.error) });
		if (!ctx.birge || !ctx.chat) return;
		try {
			if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
			await ctx.reply(translated?.message ?? ctx.birge.t('bot_error'));
		} catch (replyError) {
			if (!(replyError instanceof GrammyError))
				log.warn('bot reply failed', { error: describeError(replyError) });
		}
	};
	bot.catch(onError);
	/** grammY's handleUpdate throws what the middleware threw; bot.catch is for its own polling only. */
	const run = (update: Update) =>
		bot.handleUpdate(update).catch(async (error) => {
			if (error instanceof BotError) await onError(error as BotError<BotContext>);
			else throw error;
		});

	/** Updates of one chat run one after another in this process (their replies keep their order). */
	const chains = new Map<string, Promise<unknown>>();
	const inOrder = <T>(update: Update, work: () => Promise<T>): Promise<T> => {
		const key = String(chatOf(update) ?? 'none');
		const run = (chains.get(key) ?? Promise.resolve()).then(work, work);
		const settled = run.then(
			() => {},
			() => {}
		);
		chains.set(key, settled);
		void settled.then(() => {
			if (chains.get(key) === settled) chains.delete(key);
		});
		return run;
	};

	async function claim(update: Update): Promise<boolean> {
		const rows = await options.db
			.insert(botUpdate)
			.values({
				updateId: update.update_id,
				payload: null,
				receivedAt: clock()
			})
			.onConflictDoNothing()
			.returning({ id: botUpdate.updateId });
		return rows.length > 0;
	}

	/**
	 * The webhook's records, grouped: while one insert is on its way to the database, the updates
	 * that arrive wait and go together in the next one (one round trip for many webhook calls under
	 * load, none added when it is quiet). Each caller learns whether its update was new.
	 */
	const waiting: { update: Update; done: (fresh: boolean) => void; fail: (error: unknown) => void }[] = [];
	let inserting = false;
	async function flushRecords() {
		inserting = true;
		while (waiting.length) {
			const batch = waiting.splice(0, 500);
			try {
				const receivedAt = clock();
				const seen = new Set<number>();
				const values = batch
					.filter(({ update }) => !seen.has(update.update_id) && seen.add(update.update_id))
					.map(({ update }) => ({
						updateId: update.update_id,
						payload: update as unknown as Record<string, unknown>,
						receivedAt
					}));
				const rows = await options.db
					.insert(botUpdate)
					.values(values)
					.onConflictDoNothing()
					.returning({ id: botUpdate.updateId });
				const fresh = new Set(rows.map((r) => Number(r.id)));
				// The first of two identical updates in one batch is the new one; the second a duplicate.
				for (const item of batch) item.done(fresh.delete(item.update.update_id));
			} catch (error) {
				for (const item of batch) item.fail(error);
			}
		}
		inserting = false;
	}
	const recordOnce = (update: Update) =>
		new Promise<boolean>((done, fail) => {
			waiting.push({ update, done, fail });
			if (!inserting) void flushRecords();
		});

	async function markHandled(updateId: number) {
		await options.db
			.update(botUpdate)
			.set({ handledAt: clock(), payload: null })
			.where(eq(botUpdate.updateId, updateId));
	}

	/**
	 * drainRecorded's claim loops: how many run, and whether an update was recorded since they last
	 * claimed (then one more round). A loop leaves in the same step as it checks, so no call is missed.
	 */
	const DRAIN_LOOPS = 4;
	let draining = 0;
	let again = false;
	const loops = new Set<Promise<void>>();
	async function drainLoop() {
		for (;;) {
			again = false;
			let n = 0;
			try {
				n = await self.handleRecorded(50);
			} catch (error) {
				log.error('bot: handling recorded updates failed', { error: describeError(error) });
			}
			if (!n && !again) {
				draining--;
				return;
			}
		}
	}

	let initialized: Promise<void> | null = null;
	const init = () => (initialized ??= bot.init());
	let polling = false;
	let pollAbort: AbortController | null = null;

	const self: BirgeBot = {
		bot,
		api: bot.api,
		init,
		async handle(update) {
			await init();
			if (isCareUpdate(update)) {
				await run(update);
				return 'handled';
			}
			if (!(await claim(update))) return 'duplicate';
			await inOrder(update, () => run(update));
			await markHandled(update.update_id);
			return 'handled';
		},
		async record(update) {
			if (isCareUpdate(update)) {
				await init();
				await run(update);
				return 'handled';
			}
			return (await recordOnce(update)) ? 'recorded' : 'duplicate';
		},
		async claimRecorded(limit = 100) {
			const now = clock();
			const until = new Date(now.getTime() + leaseMs);
			// One statement (SKIP LOCKED: several `npm run bot` processes may run). An update whose
			// runner died (its lease passed without a heartbeat) is claimed again.
			const rows = rowsOf<{ update_id: number; payload: Update | string }>(
				await options.db.execute(sql`
					update bot_update set claimed_until = ${until.toISOString()}
					where update_id in (
						select update_id from bot_update
						where handled_at is null and payload is not null
							and (claimed_until is null or claimed_until < ${now.toISOString()})
						order by update_id limit ${limit} for update skip locked)
					returning update_id, payload`)
			);
			return rows
				.map((row) => ({
					updateId: Number(row.update_id),
					update: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Update
				}))
				.sort((a, b) => a.updateId - b.updateId);
		},
		drainRecorded() {
			if (draining < DRAIN_LOOPS) {
				draining++;
				const loop = drainLoop();
				loops.add(loop);
				void loop.then(() => loops.delete(loop));
			} else again = true; // a running loop claims this call's update in its next round
			return Promise.all([...loops]).then(() => {});
		},
		async recoverRecorded() {
			const [row] = rowsOf<{ n: number }>(
				await options.db.execute(sql`
					with released as (
						update bot_update set claimed_until = null
						where handled_at is null and payload is not null returning 1)
					select count(*)::int as n from released`)
			);
			const waiting = Number(row?.n ?? 0);
			if (waiting) await self.drainRecorded();
			return waiting;
		},
		async handleRecorded(limit = 100) {
			await init();
			const claimed = await self.claimRecorded(limit);
			if (!claimed.length) return 0;
			const open = new Set(claimed.map((c) => c.updateId));
			// The heartbeat: the lease is extended while updates of this claim are still running.
			const heartbeat = setInterval(
				() => {
					if (!open.size) return;
					const until = new Date(clock().getTime() + leaseMs).toISOString();
					const ids = sql.join(
						[...open].map((id) => sql`${id}`),
						sql`, `
					);
					options.db
						.execute(
							sql`update bot_update set claimed_until = ${until} where handled_at is null and update_id in (${ids})`
						)
						.catch((error) => log.warn('bot heartbeat failed', { error: describeError(error) }));
				},
				Math.max(10, Math.floor(leaseMs / 3))
			);
			heartbeat.unref?.();
			try {
				await Promise.all(
					claimed.map(async ({ updateId, update }) => {
						try {
							await inOrder(update, () => run(update));
						} catch (error) {
							// Not retried: an update that breaks the bot would break it again after each lease.
							log.error('bot update failed', { error: describeError(error) });
						}
						open.delete(updateId);
						await options.db
							.update(botUpdate)
							.set({ handledAt: clock(), payload: null, claimedUntil: null })
							.where(eq(botUpdate.updateId, updateId));
					})
				);
			} finally {
				clearInterval(heartbeat);
			}
			return claimed.length;
		},
		async startPolling() {
			await init();
			await bot.api.deleteWebhook();
			polling = true;
			let offset = 0;
			while (polling) {
				pollAbort = new AbortController();
				let batch: Update[];
				try {
					batch = await bot.api.getUpdates({ offset, timeout: 30 }, pollAbort.signal as never);
				} catch (error) {
					if (!polling) break;
					log.warn('bot polling failed', { error: describeError(error) });
					await new Promise((resolve) => setTimeout(resolve, 3000));
					continue;
				}
				if (!batch.length) continue;
				// Recorded before the offset moves on (which confirms them to Telegram), then handled:
				// chats in parallel, each chat in order. A failed write asks for the same updates again.
				try {
					await Promise.all(batch.map((update) => self.record(update)));
				} catch (error) {
					log.warn('bot polling: recording updates failed', { error: describeError(error) });
					await new Promise((resolve) => setTimeout(resolve, 3000));
					continue;
				}
				offset = batch.at(-1)!.update_id + 1;
				void self.drainRecorded();
			}
		},
		async stop() {
			polling = false;
			pollAbort?.abort();
			await Promise.allSettled([...chains.values(), ...loops]);
		}
	};
	return self;
}

function chatOf(update: Update): number | undefined {
	return (
		update.message?.chat.id ??
		update.edited_message?.chat.id ??
		update.callback_query?.message?.chat.id ??
		update.callback_query?.from.id
	);
}

/** Recorded updates not yet handled (for health checks and the benchmark). */
export async function pendingUpdates(db: Db): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(botUpdate)
		.where(isNull(botUpdate.handledAt));
	return Number(row?.n ?? 0);
}
