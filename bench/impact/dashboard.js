// bench/impact: the public impact dashboard — compressed HTML against the 14 KB budget, inline SVG
// against 30 KB, and the p95 time to answer (sequential requests to the built server, reading
// snapshots). Prints figures; asserts nothing.
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
	for (const page of ['/ru/impact', '/ru/impact?country=KG&from=2026&to=2026']) {
		const times = [];
		for (let i = 0; i < RUNS; i++) {
			const t0 = performance.now();
			await fetchCompressed(server.url + page);
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		const p = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
		console.log(`\n${page}: ${RUNS} sequential requests, p50 ${p(0.5)} ms, p95 ${p(0.95)} ms (budget 50 ms)`);
	}
} finally {
	await server.stop();
}
