// bench/impact: the public impact dashboard — compressed HTML against the 14 KB budget, inline SVG
// against 30 KB, and the p95 time to answer (sequential requests to the built server, reading
// snapshots). Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { ensureBuilt, fetchCompressed, startBirge } from '../lib.js';

const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'];
const PAGES = ['/impact', '/impact?country=KG', '/stories'];
const BUDGET_HTML = 14 * 1024;
const BUDGET_SVG = 30 * 1024;
const RUNS = Number(process.env.RUNS ?? 200);

ensureBuilt();
const server = await startBirge();
try {
	// Let the daily snapshot job run once (it is scheduled at start).
	await new Promise((r) => setTimeout(r, 2000));
	console.log('page'.padEnd(28), 'status', 'html br'.padStart(9), 'svg raw'.padStart(9), 'within budget');
	for (const locale of LOCALES) {
		for (const page of PAGES) {
			const { status, bytes, html } = await fetchCompressed(`${server.url}/${locale}${page}`);
			const svg = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].reduce((s, m) => s + Buffer.byteLength(m[0]), 0);
			const ok = bytes <= BUDGET_HTML && svg <= BUDGET_SVG;
			console.log(
				`/${locale}${page}`.padEnd(28),
				String(status).padEnd(6),
				`${(bytes / 1024).toFixed(1)} KB`.padStart(9),
				`${(svg / 1024).toFixed(1)} KB`.padStart(9),
				ok ? 'yes' : 'NO'
			);
		}
	}
	// Cached: the page cache answers repeated anonymous GETs. Uncached: a query parameter the page
	// ignores makes every request a miss, so the render (reading snapshots) is what is timed.
	const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	for (const page of ['/ru/impact', '/ru/impact?country=KG&from=2026&to=2026', '/ky/impact']) {
		for (const mode of ['cached', 'uncached']) {
			const times = [];
			for (let i = 0; i < RUNS; i++) {
				const sep = page.includes('?') ? '&' : '?';
				const url = server.url + page + (mode === 'uncached' ? `${sep}_bench=${i}` : '');
				const t0 = performance.now();
				await fetchCompressed(url);
				times.push(performance.now() - t0);
			}
			times.sort((a, b) => a - b);
			const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
			console.log(
				`${page} ${mode}: ${RUNS} sequential requests, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (budget 50 ms), load ${load()}`
			);
		}
	}
} finally {
	await server.stop();
}
