import { describe, expect, it } from 'vitest';
import { createSemaphore } from './semaphore';

describe('createSemaphore', () => {
	it('runs one task at a time, in order, and goes on after a task fails', async () => {
		const one = createSemaphore(1);
		const log: string[] = [];
		let running = 0;
		let most = 0;
		const releases: (() => void)[] = [];
		const task = (name: string, fail = false) =>
			one.run(async () => {
				running++;
				most = Math.max(most, running);
				log.push(`start ${name}`);
				await new Promise<void>((resolve) => releases.push(resolve));
				running--;
				log.push(`end ${name}`);
				if (fail) throw new Error(name);
				return name;
			});
		const results = [task('a'), task('b', true), task('c')];
		const settled = Promise.allSettled(results);
		// Release each task as it starts; a new task queued meanwhile must not overtake.
		for (let i = 0; i < 3; i++) {
			await new Promise((r) => setImmediate(r));
			expect(one.active).toBe(1);
			releases.shift()!();
			if (i === 0) results.push(task('d'));
		}
		await new Promise((r) => setImmediate(r));
		releases.shift()!();
		const out = await settled;
		expect(await results[3]).toBe('d');
		expect(most).toBe(1);
		expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
		expect(out.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(one.active).toBe(0);
		expect(one.waiting).toBe(0);
	});
});
