import type { Transformer } from 'grammy';

/**
 * Outgoing pace within Telegram's limits (about 30 messages a second overall, one a second per
 * chat): 25 a second overall and one a second per chat (a first message after a pause goes at
 * once). In memory, per process: the broadcast jobs and the bot share one pace per token. Methods that post nothing to a chat
 * (answerCallbackQuery, getFile, getUpdates…) are not paced.
 */
export interface PaceOptions {
	/** Least time between two messages to one chat (default 1000 ms). */
	perChatMs?: number;
	/** Messages a second overall (default 25: under Telegram's "about 30", with room for jitter). */
	perSecond?: number;
}

const PACED = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'editMessageText', 'sendMediaGroup']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pace(options: PaceOptions = {}): Transformer & { pending(): number } {
	const perChatMs = options.perChatMs ?? 1000;
	const globalGap = 1000 / (options.perSecond ?? 25);
	/** chat → the earliest moment its next message may leave. */
	const nextAt = new Map<string, number>();
	let globalNext = 0;
	let pending = 0;
	const transformer = (async (prev, method, payload, signal) => {
		const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
		if (!PACED.has(method) || chat === undefined) return prev(method, payload, signal);
		const key = String(chat);
		const now = Date.now();
		const slot = Math.max(now, nextAt.get(key) ?? 0);
		nextAt.set(key, slot + perChatMs);
		pending++;
		try {
			if (slot > now) await sleep(slot - now);
			// The overall pace is taken when the chat's turn has come, so a busy chat never holds up others.
			const at = Date.now();
			const globalSlot = Math.max(at, globalNext);
			globalNext = globalSlot + globalGap;
			if (globalSlot > at) await sleep(globalSlot - at);
			return await prev(method, payload, signal);
		} finally {
			pending--;
			// Forget quiet chats, so the map does not grow with every chat ever seen.
			if (nextAt.size > 10_000) {
				const t = Date.now();
				for (const [k, at] of nextAt) if (at < t) nextAt.delete(k);
			}
		}
	}) as Transformer;
	return Object.assign(transformer, { pending: () => pending });
}

/** One pace per bot token in a process: the bot's replies and the broadcast jobs share it. */
const shared = new Map<string, ReturnType<typeof pace>>();
export function sharedPace(key: string, options: PaceOptions = {}): ReturnType<typeof pace> {
	let found = shared.get(key);
	if (!found) {
		found = pace(options);
		shared.set(key, found);
	}
	return found;
}
