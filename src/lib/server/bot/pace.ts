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
	/** Told of each paced message as it leaves (the benchmark measures the pace on the sending side). */
	onSend?: (chat: string, at: number) => void;
}

const PACED = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'editMessageText', 'sendMediaGroup']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pace(options: PaceOptions = {}): Transformer & { pending(): number } {
	const perChatMs = options.perChatMs ?? 1000;
	const perSecond = options.perSecond ?? 25;
	const globalGap = 1000 / perSecond;
	/**
	 * chat → when its previous message left (a promise while it is still waiting). A chat's next
	 * message waits for that moment plus the interval, so the gap holds however late the previous one
	 * went (a busy machine, the overall pace).
	 */
	const lastLeft = new Map<string, Promise<number>>();
	let globalNext = 0;
	/** When the last `perSecond` messages left: no second ever holds more, even after a late timer. */
	const recent: number[] = [];
	let pending = 0;
	const transformer = (async (prev, method, payload, signal) => {
		const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
		if (!PACED.has(method) || chat === undefined) return prev(method, payload, signal);
		const key = String(chat);
		const before = lastLeft.get(key);
		let left!: (at: number) => void;
		const mine = new Promise<number>((resolve) => (left = resolve));
		lastLeft.set(key, mine);
		pending++;
		let at = 0;
		try {
			const previous = before ? await before : 0;
			const wait = previous + perChatMs - Date.now();
			if (previous && wait > 0) await sleep(wait);
			// The overall pace is taken when the chat's turn has come, so a busy chat never holds up others.
			const now = Date.now();
			const globalSlot = Math.max(now, globalNext);
			globalNext = globalSlot + globalGap;
			if (globalSlot > now) await sleep(globalSlot - now);
			// Timers fire late on a busy machine, and late messages would then leave together: the
			// window of the last second is checked at the moment of sending (no await between the check
			// and the record, so two messages never take the same place).
			for (;;) {
				const t = Date.now();
				while (recent.length && recent[0] <= t - 1000) recent.shift();
				if (recent.length < perSecond) {
					recent.push(t);
					at = t;
					options.onSend?.(key, t);
					break;
				}
				await sleep(recent[0] + 1000 - t + 1);
			}
		} finally {
			left(at || Date.now());
			pending--;
			// A quiet chat is forgotten (the map does not grow with every chat ever seen).
			void mine.then(() => {
				if (lastLeft.get(key) === mine)
					setTimeout(() => lastLeft.get(key) === mine && lastLeft.delete(key), perChatMs).unref?.();
			});
		}
		return prev(method, payload, signal);
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
