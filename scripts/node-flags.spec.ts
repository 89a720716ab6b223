import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_ENV_VARS, NODE_FLAGS } from './node-flags.js';

describe('the web server’s V8 flags and malloc settings', () => {
	it('are the ones `npm start` passes to node', () => {
		const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
		const env = Object.entries(NODE_ENV_VARS).map(([k, v]) => `${k}=${v} `);
		expect(pkg.scripts.start).toBe(`${env.join('')}node ${NODE_FLAGS.join(' ')} scripts/start.js`);
	});
});
