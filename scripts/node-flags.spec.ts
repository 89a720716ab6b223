import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from './node-flags.js';

describe('the web server’s V8 flags', () => {
	it('are the ones `npm start` passes to node', () => {
		const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.start).toBe(`node ${NODE_FLAGS.join(' ')} scripts/start.js`);
	});
});
