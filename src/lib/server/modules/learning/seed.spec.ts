import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedCourses, seedRoot } from './seed';

describe('the learning seed folder', () => {
	it('is found from this file whatever the environment says when BIRGE_SEED_DIR is wrong or unset', () => {
		const here = seedRoot({});
		expect(fs.existsSync(path.join(here, 'README.md'))).toBe(true);
		expect(seedRoot({ BIRGE_SEED_DIR: path.join(os.tmpdir(), 'no-such-birge-seed') })).toBe(here);
		expect(readSeedCourses(here)).toHaveLength(6);
	});

	it('BIRGE_SEED_DIR wins, for a server copied away from its checkout', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-seed-'));
		try {
			fs.mkdirSync(path.join(dir, 'learning'));
			fs.writeFileSync(path.join(dir, 'learning', 'README.md'), '# copy\n');
			expect(seedRoot({ BIRGE_SEED_DIR: dir })).toBe(path.join(dir, 'learning'));
			expect(readSeedCourses(path.join(dir, 'learning'))).toEqual([]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
