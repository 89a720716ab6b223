/**
 * At most `limit` tasks at a time; the others wait in order. Image encodes take one at a time per
 * process so that a burst of uploads cannot hold many decoded photos in memory at once.
 */
export function createSemaphore(limit: number) {
	let active = 0;
	const waiting: (() => void)[] = [];
	return {
		async run<T>(task: () => Promise<T>): Promise<T> {
			// A finishing task hands its slot straight to the next waiting one, so none can overtake.
			if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
			else active++;
			try {
				return await task();
			} finally {
				const next = waiting.shift();
				if (next) next();
				else active--;
			}
		},
		get active() {
			return active;
		},
		get waiting() {
			return waiting.length;
		}
	};
}
