/**
 * Production benchmark: one network with 500 makers, 200 orders (2,000 assignments), 50,000 piece
 * reports and 100,000 ledger entries (bench data, generated in SQL; ids "bench-…"), then the
 * coordinator's queue (first page of pending reports; a filtered later page), the dashboard, and a
 * maker's balance read (one running-balance row) against summing her whole history, on PGlite and on
 * PostgreSQL. Prints p50/p95 in milliseconds; asserts nothing.
 *
 *   npm run bench:production -- [--runs=40] [--skip-pg] [--skip-pglite] [--explain | --profile] [--keep]
 *   (--keep leaves the PostgreSQL database with the data, for EXPLAIN in psql; it prints its name)
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres (default)
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDb, migrate, rowsOf, type DbHandle } from '#lib/server/db';
import { createContext, type ServiceContext } from '#lib/server/core';
import { testPlatform } from '#lib/server/testing';
import { production } from '#lib/server/modules/production';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	})
);
const RUNS = Number(args.runs ?? 40);
const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NET = 'bench-net';

/** The data, in SQL (generate_series), so that both engines load it in seconds. */
async function fill(handle: DbHandle) {
	const x = (q: ReturnType<typeof sql>) => handle.db.execute(q);
	await x(
		sql`insert into auth_user (id, name, email) values ('bench-coord', 'Bench coordinator', 'bench-coord@example.test')`
	);
	await x(
		sql`insert into production_network (id, name, country, currency, demo) values (${NET}, 'Bench network (generated)', 'KG', 'KGS', true)`
	);
	await x(
		sql`insert into production_coordinator (network_id, user_id, role) values (${NET}, 'bench-coord', 'coordinator')`
	);
	await x(sql`insert into production_maker (id, network_id, name, region_code, consent_at, consent_how, status, demo, created_at, stats_consent, sex)
		select 'bench-m-' || i, ${NET}, 'Maker ' || i, 'KG-Y', now(), 'paper', case when i % 50 = 0 then 'left' else 'active' end, true, now(), i % 3 = 0, 'female'
		from generate_series(1, 500) i`);
	await x(sql`insert into production_pattern (id, network_id, title, difficulty, minutes_per_piece, default_rate_minor, created_at)
		select 'bench-p-' || i, ${NET}, jsonb_build_object('en', 'Pattern ' || i, 'ru', 'Схема ' || i), 'medium', 60, 10000 + i * 500, now()
		from generate_series(1, 10) i`);
	await x(sql`insert into production_material (id, network_id, name, unit, on_hand, created_at)
		select 'bench-mat-' || i, ${NET}, 'Yarn ' || i, 'g', case when i = 1 then 0 else 100000 end, now() from generate_series(1, 20) i`);
	await x(sql`insert into production_order (id, network_id, pattern_id, quantity, due_date, status, created_at)
		select 'bench-o-' || i, ${NET}, 'bench-p-' || (1 + i % 10), 1000, date '2026-12-01' + (i % 60), case when i % 4 = 0 then 'completed' else 'open' end, now() - (i || ' hours')::interval
		from generate_series(1, 200) i`);
	// 10 makers per order: 2,000 assignments of 100 pieces.
	await x(sql`insert into production_assignment (id, order_id, network_id, maker_id, quantity, due_date, status, reported_pieces, accepted_pieces, created_at)
		select 'bench-a-' || o || '-' || k, 'bench-o-' || o, ${NET}, 'bench-m-' || (1 + (o * 10 + k) % 500), 100, date '2026-12-15', 'accepted', 0, 0, now()
		from generate_series(1, 200) o, generate_series(0, 9) k`);
	// 25 reports per assignment: 50,000 reports, one in ten still pending.
	await x(sql`insert into production_report (id, network_id, assignment_id, maker_id, pieces, status, accepted_pieces, created_at)
		select 'bench-r-' || o || '-' || k || '-' || j, ${NET}, 'bench-a-' || o || '-' || k, 'bench-m-' || (1 + (o * 10 + k) % 500), 1 + j % 4,
			case when j % 10 = 0 then 'pending' else 'accepted' end, case when j % 10 = 0 then null else 1 + j % 4 end,
			now() - ((o * 250 + k * 25 + j) || ' minutes')::interval
		from generate_series(1, 200) o, generate_series(0, 9) k, generate_series(0, 24) j`);
	// The assignments' running totals, as the services keep them.
	await x(sql`update production_assignment a set
		reported_pieces = r.reported, accepted_pieces = r.accepted, pending_reports = r.pending
		from (select assignment_id, sum(case when status <> 'rejected' then pieces else 0 end)::int as reported,
			coalesce(sum(accepted_pieces), 0)::int as accepted, count(*) filter (where status = 'pending')::int as pending
			from production_report group by assignment_id) r where r.assignment_id = a.id`);
	// 100,000 ledger entries: 45,000 earnings (one per accepted report) and 56,000 small payouts and adjustments.
	await x(sql`insert into production_ledger_entry (network_id, maker_id, kind, amount_minor, currency, report_id, pieces, rate_minor, at)
		select ${NET}, r.maker_id, 'earning', r.pieces * 12000, 'KGS', r.id, r.pieces, 12000, r.created_at
		from production_report r where r.network_id = ${NET} and r.status = 'accepted'`);
	await x(sql`insert into production_ledger_entry (network_id, maker_id, kind, amount_minor, currency, method, paid_on, reason, at)
		select ${NET}, 'bench-m-' || (1 + i % 500), case when i % 5 = 0 then 'adjustment' else 'payout' end,
			case when i % 5 = 0 then 500 else -5000 end, 'KGS', case when i % 5 = 0 then null else 'cash' end,
			case when i % 5 = 0 then null else date '2026-11-01' end, case when i % 5 = 0 then 'bonus' end, now() - (i || ' minutes')::interval
		from generate_series(1, 56000) i`);
	// The running balances, as the services keep them.
	await x(sql`insert into production_balance (maker_id, network_id, earned_minor, paid_minor, balance_minor, entries, updated_at)
		select maker_id, network_id, sum(case when kind = 'payout' then 0 else amount_minor end),
			-sum(case when kind = 'payout' then amount_minor else 0 end), sum(amount_minor), count(*), now()
		from production_ledger_entry where network_id = ${NET} group by maker_id, network_id`);
	// A steady state: after a bulk load autovacuum (PostgreSQL) would run during the first measurements.
	await x(sql`vacuum analyze`);
}

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
	return `p50 ${q(0.5).toFixed(2)} ms · p95 ${q(0.95).toFixed(2)} ms (n=${s.length})`;
}

async function time(fn: () => Promise<unknown>) {
	for (let i = 0; i < 3; i++) await fn();
	const out: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await fn();
		out.push(performance.now() - t);
	}
	return out;
}

async function measure(engine: string, handle: DbHandle) {
	const { platform } = testPlatform();
	const ctx: ServiceContext = createContext(handle.db, platform, {
		actor: { userId: 'bench-coord', grants: [], memberships: [] },
		locale: 'ru'
	});
	const t0 = performance.now();
	await fill(handle);
	console.log(`${engine}: data loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	const [counts] = rowsOf<Record<string, unknown>>(
		await handle.db.execute(sql`select
		(select count(*)::int from production_maker) as makers, (select count(*)::int from production_order) as orders,
		(select count(*)::int from production_report) as reports, (select count(*)::int from production_ledger_entry) as entries`)
	);
	console.log(`${engine}: ${JSON.stringify(counts)}`);
	const [busiest] = rowsOf<{ maker_id: string; entries: number }>(
		await handle.db.execute(
			sql`select maker_id, entries from production_balance order by entries desc limit 1`
		)
	);
	const maker = busiest.maker_id;
	// What one round trip costs on this machine right now (a loaded machine inflates every figure).
	console.log(
		`${engine}: baseline, select 1                   ${stats(await time(() => handle.db.execute(sql`select 1`)))}`
	);
	if (args.explain) {
		for (const q of [
			sql`select id from production_report where network_id = ${NET} and status = 'pending' order by created_at, id limit 25`,
			sql`select id from production_report where network_id = ${NET} and status = 'accepted' and maker_id = ${maker} order by created_at desc, id desc limit 25 offset 50`,
			sql`select count(*)::int as n from (select 1 from production_report where network_id = ${NET} and status = 'accepted' and maker_id = ${maker} limit 2001) c`,
			sql`select id from production_report where network_id = ${NET} and status = 'pending' and assignment_id = any(array(select id from production_assignment where order_id = 'bench-o-17' and network_id = ${NET})) order by created_at, id limit 25`,
			sql`select coalesce(sum(pending_reports), 0) from production_assignment where network_id = ${NET} and order_id = 'bench-o-17'`,
			sql`select count(*) from production_report where network_id = ${NET} and status = 'pending'`,
			sql`select count(*) filter (where status = 'active') from production_maker where network_id = ${NET}`,
			sql`select coalesce(sum(accepted_pieces), 0) from production_assignment where network_id = ${NET}`
		]) {
			const plan = rowsOf<Record<string, string>>(await handle.db.execute(sql`explain analyze ${q}`));
			const t = performance.now();
			await handle.db.execute(q);
			console.log(plan.map((r) => Object.values(r)[0]).join('\n'));
			console.log(`(${(performance.now() - t).toFixed(2)} ms through the driver)\n`);
		}
		return;
	}
	if (args.profile) {
		// Each statement the queue and the dashboard run, timed on its own through the driver.
		const statements: [string, ReturnType<typeof sql>][] = [
			[
				'network + coordinator row',
				sql`select n.*, c.role from production_network n left join production_coordinator c on c.network_id = n.id and c.user_id = 'bench-coord' where n.id = ${NET}`
			],
			[
				'queue page ids + details',
				sql`select r.id, r.pieces, m.name, a.order_id, p.title from (select id, created_at from production_report where network_id = ${NET} and status = 'pending' order by created_at, id limit 25) page join production_report r on r.id = page.id join production_assignment a on a.id = r.assignment_id join production_maker m on m.id = r.maker_id join production_order o on o.id = a.order_id join production_pattern p on p.id = o.pattern_id order by page.created_at, page.id`
			],
			[
				'waiting count (counters)',
				sql`select coalesce(sum(pending_reports), 0)::int from production_assignment where network_id = ${NET}`
			],
			[
				'makers by status',
				sql`select count(*) filter (where status = 'active')::int, count(*)::int from production_maker where network_id = ${NET}`
			],
			[
				'assignment sums',
				sql`select sum(pending_reports), sum(reported_pieces - accepted_pieces), sum(accepted_pieces) from production_assignment where network_id = ${NET}`
			],
			[
				'balance sums',
				sql`select sum(balance_minor), sum(earned_minor) from production_balance where network_id = ${NET}`
			]
		];
		for (const [name, q] of statements)
			console.log(`${engine}: ${name.padEnd(28)} ${stats(await time(() => handle.db.execute(q)))}`);
		console.log(
			`${engine}: requireCoordinator + dashboard ${stats(await time(() => production.dashboard(ctx, NET)))}`
		);
		console.log(
			`${engine}: listQueue                     ${stats(await time(() => production.listQueue(ctx, NET, {})))}`
		);
		return;
	}
	const q1 = await production.listQueue(ctx, NET, {});
	console.log(`${engine}: queue has ${q1.total} pending reports, ${q1.pages} pages`);
	console.log(
		`${engine}: queue, first page of pending        ${stats(await time(() => production.listQueue(ctx, NET, {})))}`
	);
	console.log(
		`${engine}: queue, accepted, one maker, page 3  ${stats(await time(() => production.listQueue(ctx, NET, { status: 'accepted', makerId: maker, page: 3 })))}`
	);
	console.log(
		`${engine}: queue, pending, one order           ${stats(await time(() => production.listQueue(ctx, NET, { orderId: 'bench-o-17' })))}`
	);
	console.log(
		`${engine}: dashboard                           ${stats(await time(() => production.dashboard(ctx, NET)))}`
	);
	console.log(
		`${engine}: balance read (running-balance row)  ${stats(await time(() => production.getBalance(ctx, maker)))}`
	);
	console.log(
		`${engine}: for comparison, summing her ${busiest.entries} entries ${stats(
			await time(() =>
				handle.db.execute(
					sql`select sum(amount_minor) from production_ledger_entry where maker_id = ${maker}`
				)
			)
		)}`
	);
	console.log(
		`${engine}: monthly statement (her busiest month) ${stats(await time(() => production.monthlyStatement(ctx, maker, new Date().toISOString().slice(0, 7))))}`
	);
}

async function main() {
	if (!args['skip-pglite']) {
		const lite = await createDb({ dataDir: null });
		await migrate(lite);
		await measure('PGlite', lite);
		await lite.close();
	}
	if (args['skip-pg']) return;
	const { default: postgres } = await import('postgres');
	const name = `birge_bench_production_${randomBytes(4).toString('hex')}`;
	const admin = postgres(PG, { max: 1, onnotice: () => {} });
	await admin.unsafe(
		`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
	);
	try {
		const url = new URL(PG);
		url.pathname = `/${name}`;
		const pg = await createDb({ url: url.toString() });
		await migrate(pg);
		await measure('PostgreSQL', pg);
		await pg.close();
	} finally {
		if (args.keep) console.log(`PostgreSQL: kept database ${name} (drop it when done)`);
		else await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end({ timeout: 5 });
	}
}

await main();
