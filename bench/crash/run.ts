// Crash probe: 8 concurrent writers sign up accounts on the built server; the server is killed with
// SIGKILL at a random moment; it restarts (recovering its database) and every acknowledged write (a
// sign-up answered 303 → /account) must be found afterwards. Three rounds per engine: PGlite (the
// embedded default) and PostgreSQL (when DATABASE_URL or the machine's server is reachable).
// Prints figures; asserts nothing about time. Run: npm run bench:crash
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb, rowsOf } from '../../src/lib/server/db';
import { ensureBuilt, startBirge } from '../lib.js';

const WRITERS = 8;
const ROUNDS = 3;
const PG = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Server = Awaited<ReturnType<typeof startBirge>>;

const start = (env: Record<string, string>): Promise<Server> =>
	startBirge({ BIRGE_LOG_LEVEL: 'error', BIRGE_DEMO: '0', ...env });

/** One writer: sign-ups until told to stop; returns the e-mails the server acknowledged. */
async function writer(url: string, tag: string, until: { stop: boolean }) {
	const acked: string[] = [];
	let attempted = 0;
	for (let n = 0; !until.stop; n++) {
		const email = `crash-${tag}-${n}@example.org`;
		attempted++;
		try {
			const res = await fetch(`${url}/en/auth/sign-up`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ name: 'Crash probe', email, password: 'crash-probe-password-1' })
			});
			if (res.status === 303 && (res.headers.get('location') ?? '').includes('/account')) acked.push(email);
			await res.arrayBuffer().catch(() => undefined);
		} catch {
			// The server died mid-request: not acknowledged.
		}
	}
	return { acked, attempted };
}

async function found(env: Record<string, string>, emails: string[]): Promise<Set<string>> {
	const handle = env.DATABASE_URL
		? await createDb({ url: env.DATABASE_URL })
		: await createDb({ dataDir: env.BIRGE_DATA_DIR });
	try {
		const rows = rowsOf<{ email: string }>(
			await handle.db.execute(sql`select email from auth_user where email like 'crash-%'`)
		);
		const all = new Set(rows.map((r) => r.email));
		return new Set(emails.filter((e) => all.has(e)));
	} finally {
		await handle.close();
	}
}

async function engine(name: 'pglite' | 'postgres', env: Record<string, string>) {
	const totals = { acked: 0, lost: 0, attempted: 0 };
	for (let round = 1; round <= ROUNDS; round++) {
		let server = await start(env);
		const until = { stop: false };
		const writers = Array.from({ length: WRITERS }, (_, i) =>
			writer(server.url, `${name}-${Date.now()}-r${round}-w${i}`, until)
		);
		await new Promise((r) => setTimeout(r, 3000 + Math.random() * 3000));
		await server.stop('SIGKILL');
		until.stop = true;
		const results = await Promise.all(writers);
		const acked = results.flatMap((r) => r.acked);
		const attempted = results.reduce((n, r) => n + r.attempted, 0);
		// Restart: the server must recover its database; then stop it so the check can open it.
		const restartBegan = Date.now();
		server = await start(env);
		const recoveryMs = Date.now() - restartBegan;
		await server.stop('SIGTERM');
		const present = await found(env, acked);
		const lost = acked.length - present.size;
		totals.acked += acked.length;
		totals.lost += lost;
		totals.attempted += attempted;
		console.log(
			`${name} round ${round}: ${attempted} sign-ups sent, ${acked.length} acknowledged, ${present.size} found, ` +
				`lost ${lost}; restart to healthy ${recoveryMs} ms`
		);
	}
	console.log(`${name}: ${ROUNDS} rounds, ${totals.acked} acknowledged writes, lost ${totals.lost}`);
	return totals.lost;
}

async function pgReachable(): Promise<string | null> {
	try {
		const { default: postgres } = await import('postgres');
		const admin = postgres(PG, { max: 1, onnotice: () => {} });
		const name = `birge_crash_${Date.now()}`;
		await admin.unsafe(
			`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
		);
		await admin.end();
		const url = new URL(PG);
		url.pathname = `/${name}`;
		return url.toString();
	} catch {
		return null;
	}
}

ensureBuilt();
let lost = 0;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-crash-'));
try {
	lost += await engine('pglite', { BIRGE_DATA_DIR: dataDir });
} finally {
	fs.rmSync(dataDir, { recursive: true, force: true });
}
const pgUrl = await pgReachable();
if (pgUrl) {
	const pgData = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-crash-pg-'));
	try {
		lost += await engine('postgres', {
			DATABASE_URL: pgUrl,
			BIRGE_DATA_DIR: pgData,
			BIRGE_SECRET: 'crash-probe-secret-crash-probe-secret-0123'
		});
	} finally {
		fs.rmSync(pgData, { recursive: true, force: true });
		const { default: postgres } = await import('postgres');
		const admin = postgres(PG, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${new URL(pgUrl).pathname.slice(1)} with (force)`);
		await admin.end();
	}
} else console.log('postgres: not reachable (set DATABASE_URL): skipped');
process.exitCode = lost ? 1 : 0;
