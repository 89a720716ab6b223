// bench/pages: compressed size of every public page against the 14 KB budget, its own JavaScript,
// requests to other hosts, start-up time to healthy, and the home page's requests/s beside nginx serving
// a saved copy of the same bytes. Prints figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, fetchCompressed, freePort, hasWrk, rawGet, startBirge, wrk } from './lib.js';

const LOCALES = ['ky', 'kk', 'tg', 'uz', 'uz-Cyrl', 'ru', 'en'];
const PAGES = [
	'',
	'/auth/sign-in',
	'/auth/sign-up',
	'/auth/phone',
	'/auth/reset',
	'/programs',
	'/programs/check',
	'/coalitions',
	'/care'
];
const BUDGET_HTML = 14 * 1024;
const BUDGET_JS = 30 * 1024;

ensureBuilt();
const server = await startBirge();
console.log(
	`Start to healthy (built server, fresh data directory: migrations + seeds): ${server.ms.toFixed(0)} ms\n`
);

console.log(
	'page'.padEnd(34),
	'status',
	'html br'.padStart(9),
	'js br'.padStart(7),
	'foreign',
	'within budget'
);
let worst = 0;
for (const locale of LOCALES) {
	for (const page of PAGES) {
		const url = `${server.url}/${locale}${page}`;
		const { status, bytes, html } = await fetchCompressed(url);
		if (status === 404) continue;
		const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
		let js = 0;
		for (const src of scripts) js += (await fetchCompressed(new URL(src, server.url).toString())).bytes;
		const host = new URL(server.url).host;
		// Resources the page itself loads (links to sources are navigation, not requests).
		const foreign = [
			...html.matchAll(/<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\ssrc="(https?:\/\/[^"]+)"/g),
			...html.matchAll(/<link\b[^>]*\shref="(https?:\/\/[^"]+)"/g)
		]
			.map((m) => m[1])
			.filter((u) => new URL(u).host !== host);
		worst = Math.max(worst, bytes);
		const ok = bytes <= BUDGET_HTML && js <= BUDGET_JS && foreign.length === 0;
		console.log(
			`/${locale}${page}`.padEnd(34),
			String(status).padEnd(6),
			`${(bytes / 1024).toFixed(1)} KB`.padStart(9),
			`${(js / 1024).toFixed(1)}`.padStart(7),
			String(foreign.length).padStart(7),
			ok ? 'yes' : 'NO'
		);
	}
}
console.log(`\nLargest page: ${(worst / 1024).toFixed(1)} KB compressed (budget ${BUDGET_HTML / 1024} KB)\n`);

if (!hasWrk()) {
	console.log('wrk is not installed (apt-get install wrk): requests/s not measured');
} else {
	// nginx serves the very bytes Birge sent for the home page, with the same Content-Encoding.
	const home = await rawGet(`${server.url}/ru`, { 'accept-encoding': 'br' });
	const body = home.body;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-nginx-'));
	fs.writeFileSync(path.join(dir, 'index.html'), body);
	const port = await freePort();
	fs.writeFileSync(
		path.join(dir, 'nginx.conf'),
		`worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:${port}; root ${dir};
  location = /ru { default_type text/html; add_header Content-Encoding br; try_files /index.html =404; } } }\n`
	);
	const nginx = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
	await new Promise((r) => setTimeout(r, 500));
	const birge = wrk(`${server.url}/ru`);
	const static_ = wrk(`http://127.0.0.1:${port}/ru`);
	nginx.kill('SIGQUIT');
	console.log(
		`Home page /ru (${(body.length / 1024).toFixed(1)} KB brotli), wrk 2 threads × 32 connections × 10 s:`
	);
	console.log(
		`  Birge (one Node process, server-rendered): ${birge.rps.toFixed(0)} req/s (avg latency ${birge.latency})`
	);
	console.log(
		`  nginx (1 worker, saved copy, same bytes):  ${static_.rps.toFixed(0)} req/s (avg latency ${static_.latency})`
	);
	console.log(`  ratio Birge / nginx: ${(birge.rps / static_.rps).toFixed(3)}`);
	try {
		execFileSync('rm', ['-rf', dir]);
	} catch {
		/* temp */
	}
}
await server.stop();
