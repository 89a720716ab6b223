// bench/first-start: a fresh clone of this repository, `npm install`, then `npm start` until /healthz
// answers (first start: build, migrations, seeds). Prints both times; the budget is 60 s for the start.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, root } from './lib.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-fresh-'));
execFileSync('git', ['clone', '-q', root, dir]);
let t = performance.now();
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
	cwd: dir,
	stdio: 'inherit'
});
console.log(`npm install: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const port = await freePort();
t = performance.now();
const child = spawn('npm', ['start'], {
	cwd: dir,
	env: { ...process.env, PORT: String(port), BIRGE_LOG_LEVEL: 'warn', BIRGE_ACCESS_LOG: '0' },
	stdio: 'ignore',
	detached: true
});
for (;;) {
	try {
		if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
	} catch {
		/* starting */
	}
	if (performance.now() - t > 180_000) break;
	await new Promise((r) => setTimeout(r, 200));
}
const seconds = (performance.now() - t) / 1000;
console.log(
	`npm start → healthy (first start: build, migrations, seeds): ${seconds.toFixed(1)} s (budget 60 s)`
);
process.kill(-child.pid, 'SIGTERM');
await new Promise((r) => setTimeout(r, 2000));
fs.rmSync(dir, { recursive: true, force: true });
