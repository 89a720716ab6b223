// Soak: an open-loop load of 50 requests a second (BIRGE_SOAK_RPS) for 10 minutes (BIRGE_SOAK_SECONDS)
// over a mix of public pages and a signed-in user's pages, against the built server on PGlite (or on
// PostgreSQL with DATABASE_URL). Prints errors, p50/p99 per kind and the server's RSS at start, every
// minute and at the end. Figures only; nothing asserted. Run: npm run bench:soak
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, startBirge } from '../lib.js';

const RPS = Number(process.env.BIRGE_SOAK_RPS ?? 50);
const SECONDS = Number(process.env.BIRGE_SOAK_SECONDS ?? 600);

const PUBLIC = [
	'/ru',
	'/ky',
	'/en/programs',
	'/ru/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82',
	'/ky/programs?country=KG',
	'/ru/programs/check',
	'/ru/care',
	'/ky/care?country=KG',
	'/ru/coalitions',
	'/en/tools/loan?amount=100000&ratePercent=18&months=12&method=annuity',
	'/healthz',
	'/api/v1/programs?q=loan'
];
const SIGNED_IN = ['/en/account', '/en/programs/mine'];

function rssOf(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const pct = (xs: number[], p: number) => {
	if (!xs.length) return 0;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

ensureBuilt();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-soak-'));
// The first start creates, migrates and seeds the database (its memory is not all returned); a
// server runs most of its life after a restart, so the soak runs on the second start.
const first = await startBirge({ BIRGE_DATA_DIR: dataDir });
const rssFirst = rssOf(first.child.pid!);
await first.stop();
const server = await startBirge({ BIRGE_DATA_DIR: dataDir });
const { url, child } = server;
const rssRest = rssOf(child.pid!);
console.log(`server RSS: first start ${mb(rssFirst)}, at rest after a restart ${mb(rssRest)}`);

// One signed-in user (a session cookie) for the signed-in share of the mix.
const signUp = await fetch(`${url}/en/auth/sign-up`, {
	method: 'POST',
	redirect: 'manual',
	headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams({ name: 'Soak', email: 'soak@example.org', password: 'soak-probe-password-1' })
});
const cookie = (signUp.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
if (!cookie) throw new Error(`sign-up gave no session (${signUp.status})`);

// Warm up (first renders, caches), then measure.
for (const p of [...PUBLIC, ...SIGNED_IN])
	await fetch(url + p, { headers: SIGNED_IN.includes(p) ? { cookie } : {} }).then((r) => r.arrayBuffer());
const rssStart = rssOf(child.pid!);
console.log(`soak: ${RPS} requests/s for ${SECONDS} s; server RSS at start ${mb(rssStart)}`);

const lat: Record<'public' | 'signed-in', number[]> = { public: [], 'signed-in': [] };
const errors: Record<string, number> = {};
let sent = 0;
let inFlight = 0;
let maxInFlight = 0;
const pending = new Set<Promise<void>>();
const began = performance.now();
let minute = 0;
while (performance.now() - began < SECONDS * 1000) {
	// Open loop: the n-th request is due at n / RPS seconds, whatever the answers' speed.
	const due = began + (sent * 1000) / RPS;
	const wait = due - performance.now();
	if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	const signed = sent % 5 === 4;
	const list = signed ? SIGNED_IN : PUBLIC;
	const p = list[sent % list.length];
	sent++;
	inFlight++;
	maxInFlight = Math.max(maxInFlight, inFlight);
	const t0 = performance.now();
	const task = fetch(url + p, { headers: signed ? { cookie } : {}, redirect: 'manual' })
		.then(async (res) => {
			await res.arrayBuffer();
			if (res.status >= 400 || (signed && res.status !== 200))
				errors[`${res.status} ${p}`] = (errors[`${res.status} ${p}`] ?? 0) + 1;
			lat[signed ? 'signed-in' : 'public'].push(performance.now() - t0);
		})
		.catch((e: Error) => {
			errors[`${e.message} ${p}`] = (errors[`${e.message} ${p}`] ?? 0) + 1;
		})
		.finally(() => {
			inFlight--;
			pending.delete(task);
		});
	pending.add(task);
	const m = Math.floor((performance.now() - began) / 60_000);
	if (m > minute) {
		minute = m;
		console.log(`  minute ${m}: ${sent} sent, RSS ${mb(rssOf(child.pid!))}`);
	}
}
await Promise.all(pending);
const elapsed = (performance.now() - began) / 1000;
const rssEnd = rssOf(child.pid!);
const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
console.log(
	`sent ${sent} in ${elapsed.toFixed(0)} s (${(sent / elapsed).toFixed(1)}/s), errors ${errorCount}, most in flight ${maxInFlight}`
);
for (const [kind, xs] of Object.entries(lat))
	console.log(
		`  ${kind}: ${xs.length} answers, p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`
	);
if (errorCount) console.log('  errors:', errors);
console.log(`server RSS: start ${mb(rssStart)}, end ${mb(rssEnd)}`);
await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
