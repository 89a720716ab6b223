// `npm start`: build when the sources changed since the last build, then serve. Migrations and
// seeds run inside the server at start-up (src/hooks.server.ts → init).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
await import('./check-node.js');

const INPUTS = [
	'src',
	'messages',
	'static',
	'seed',
	'drizzle',
	'vite.config.ts',
	'package-lock.json',
	'tsconfig.json'
];

function fingerprint() {
	const hash = createHash('sha256');
	const walk = (p) => {
		if (!fs.existsSync(p)) return;
		const stat = fs.statSync(p);
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
		} else {
			hash.update(`${p}\0${stat.size}\0${stat.mtimeMs}\n`);
		}
	};
	INPUTS.forEach(walk);
	return hash.digest('hex');
}

const stampFile = path.join(root, 'build', '.birge-stamp');
const current = fingerprint();
const built =
	fs.existsSync(path.join(root, 'build', 'handler.js')) && fs.existsSync(stampFile)
		? fs.readFileSync(stampFile, 'utf8')
		: null;
if (built !== current) {
	console.log(built ? 'Sources changed: building Birge…' : 'Building Birge (first start)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(stampFile, current);
}
await import('./server.js');
