// Shared helpers for Birge's benchmarks: start the built server on a fresh data directory, fetch pages
// compressed, run wrk. Benchmarks print figures; they never assert timings.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { NODE_ENV_VARS, NODE_FLAGS } from '../scripts/node-flags.js';

export const root = path.resolve(import.meta.dirname, '..');

export async function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

export function ensureBuilt() {
	if (fs.existsSync(path.join(root, 'build', 'handler.js'))) return;
	const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Starts `scripts/server.js`; returns { url, ms (start → healthy), stop }. */
export async function startBirge(env = {}) {
	const dataDir = env.BIRGE_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'birge-bench-'));
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, [...NODE_FLAGS, path.join(root, 'scripts/server.js')], {
		cwd: root,
		env: {
			...process.env,
			...NODE_ENV_VARS,
			PORT: String(port),
			HOST: '127.0.0.1',
			BIRGE_DATA_DIR: dataDir,
			BIRGE_LOG_LEVEL: 'warn',
			BIRGE_ACCESS_LOG: '0',
			BIRGE_RATE_LIMITS: '0',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		if (child.exitCode !== null) throw new Error('server exited');
		try {
			if ((await fetch(url + '/healthz')).ok) break;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const ms = performance.now() - started;
	return {
		url,
		ms,
		dataDir,
		child,
		/** Stops the server (SIGTERM, or SIGKILL for a crash); a data directory it made is removed. */
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill(signal);
				await exited;
			}
			if (!env.BIRGE_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** GET with node:http, so the body is the bytes on the wire (fetch would decompress them). */
export function rawGet(url, headers = {}) {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) })
				);
			})
			.on('error', reject);
	});
}

/** Fetches a page as a browser would (brotli): the compressed bytes on the wire and the HTML. */
export async function fetchCompressed(url) {
	const res = await rawGet(url, { 'accept-encoding': 'br, gzip', accept: 'text/html' });
	const encoding = res.headers['content-encoding'];
	const html =
		encoding === 'br'
			? zlib.brotliDecompressSync(res.body).toString('utf8')
			: encoding === 'gzip'
				? zlib.gunzipSync(res.body).toString('utf8')
				: res.body.toString('utf8');
	return { status: res.status, bytes: res.body.length, html, headers: res.headers };
}

export function wrk(url, { seconds = 10, connections = 32, threads = 2 } = {}) {
	const out = execFileSync(
		'wrk',
		[`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '-H', 'Accept-Encoding: br', url],
		{ encoding: 'utf8' }
	);
	const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
	const latency = /Latency\s+(\S+)/.exec(out)?.[1] ?? '?';
	return { rps, latency };
}

export function hasWrk() {
	return spawnSync('wrk', ['--version']).error === undefined;
}
