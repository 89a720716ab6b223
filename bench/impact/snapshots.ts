// bench/impact/snapshots.ts: the indicator snapshot job at scale on PostgreSQL. 1,000,000 activity
// rows are generated across the modules' tables (INSERT … SELECT generate_series; labelled demo where the
// table has the column, on a throw-away database), then every registered indicator is computed for
// 4 countries × 12 months with every dimension in one batched request (one grouped query per
// indicator) and its rows stored in core_indicator_snapshot. Prints figures; asserts nothing.
//   npx tsx bench/impact/snapshots.ts            (BENCH_PG=postgres://… to choose the server)
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf } from '#lib/server/db';
import { createTestDb } from '#lib/server/testing';
import { computeIndicators, indicatorsOf, INDICATOR_COUNTRIES, type IndicatorRow } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';

const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BUDGET_S = 30;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

process.env.DATABASE_URL = PG;
const db = await createTestDb({ seed: true });
const ctx = db.ctx({ now: new Date() });
const exec = (q: ReturnType<typeof sql>) => ctx.db.execute(q);

// The last 12 months, ending with this one (stocks compute only the current month).
const now = new Date();
const months = Array.from({ length: 12 }, (_, i) => {
	const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
	return d.toISOString().slice(0, 7);
});
const from = `${months[0]}-01`;
/** A moment spread over the 12 months, from a row number. */
const at = (g: string) =>
	sql.raw(`(timestamptz '${from}' + ((${g}::bigint * 7919) % (365 * 86400)) * interval '1 second')`);
const country = (g: string) => sql.raw(`(array['KG','KZ','TJ','UZ'])[1 + ${g} % 4]`);
const region = (g: string) =>
	sql.raw(`(array['KG-C','KZ-ALA','TJ-DU','UZ-TK','KG-Y','KZ-AST','TJ-SU','UZ-SA'])[1 + ${g} % 8]`);

const USERS = 30_000;
const LESSONS = 10;
const QUIZ_ATTEMPTS = 150_000;
const MAKERS = 4_000;
const LEDGER = 700_000;

const t0 = performance.now();
const [course] = rowsOf<{ id: string }>(await exec(sql`select id from learning_course order by id limit 1`));
const lessons = rowsOf<{ id: string }>(
	await exec(
		sql`select id from learning_lesson where course_id = ${course.id} order by position limit ${LESSONS}`
	)
);
const [quiz] = rowsOf<{ id: string }>(await exec(sql`select id from learning_quiz order by id limit 1`));
await exec(sql`insert into auth_user (id, name, email)
	select 'bench-u' || g, 'Bench learner ' || g, 'bench-' || g || '@example.invalid' from generate_series(1, ${USERS}) g`);
await exec(sql`insert into learning_learner (user_id, country, region, last_active_at)
	select 'bench-u' || g, ${country('g')}, ${region('g')}, now() from generate_series(1, ${USERS}) g`);
await exec(sql`insert into learning_lesson_progress (user_id, lesson_id, course_id, lesson_version, completed_at)
	select 'bench-u' || u, l.id, ${course.id}, 1, ${at('(u * 13 + l.n)')}
	from generate_series(1, ${USERS}) u
	cross join (select id, row_number() over (order by id) as n from learning_lesson where id in (${sql.join(
		lessons.map((l) => sql`${l.id}`),
		sql`, `
	)})) l`);
await exec(sql`insert into learning_quiz_attempt (user_id, quiz_id, course_id, quiz_version, answers, score, total, passed, client_id, taken_at)
	select 'bench-u' || (1 + g % ${USERS}), ${quiz.id}, ${course.id}, 1, '{}'::jsonb, (g % 5)::real, 4, g % 5 >= 3,
		'bench-' || g, ${at('g')}
	from generate_series(1, ${QUIZ_ATTEMPTS}) g`);
await exec(sql`insert into learning_certificate (id, code, user_id, course_id, name, course_title, locale, country, region, issued_at)
	select 'bench-c' || g, 'BENCH-' || g, 'bench-u' || g, ${course.id}, 'Bench learner ' || g, '{"en":"Bench course"}'::jsonb,
		'ru', ${country('g')}, ${region('g')}, ${at('g')}
	from generate_series(1, ${USERS}) g`);
await exec(sql`insert into production_network (id, name, country, currency, demo)
	select 'bench-n' || g, 'Bench network ' || g, (array['KG','KZ','TJ','UZ'])[g], (array['KGS','KZT','TJS','UZS'])[g], false
	from generate_series(1, 4) g`);
await exec(sql`insert into production_maker (id, network_id, name, region_code, sex, disability, stats_consent, consent_at, consent_how, status, demo, created_at)
	select 'bench-m' || g, 'bench-n' || (1 + g % 4), 'Bench maker ' || g, ${region('(g % 4 + 4 * (g % 2))')},
		case when g % 3 = 0 then 'male' else 'female' end, g % 10 = 0, g % 2 = 0, now(), 'paper', 'active', false, now()
	from generate_series(1, ${MAKERS}) g`);
await exec(sql`insert into production_ledger_entry (network_id, maker_id, kind, amount_minor, currency, pieces, rate_minor, at)
	select 'bench-n' || (1 + (g % ${MAKERS}) % 4), 'bench-m' || (g % ${MAKERS}),
		case when g % 4 = 0 then 'payout' else 'earning' end,
		case when g % 4 = 0 then -5000 else 5000 end, 'KGS',
		case when g % 4 = 0 then null else 10 end, case when g % 4 = 0 then null else 500 end, ${at('g')}
	from generate_series(1, ${LEDGER}) g where g % ${MAKERS} > 0`);
await exec(sql`insert into programs_check_count (day, country, count)
	select d::date, c, 1 + (extract(doy from d)::int % 17) from generate_series(${from}::date, current_date, interval '1 day') d
	cross join unnest(array['KG','KZ','TJ','UZ']) c on conflict do nothing`);
await exec(sql`analyze`);
const [{ n }] = rowsOf<{ n: number }>(
	await exec(sql`select (select count(*) from auth_user where id like 'bench-%') + (select count(*) from learning_learner where user_id like 'bench-%')
		+ (select count(*) from learning_lesson_progress where user_id like 'bench-%') + (select count(*) from learning_quiz_attempt where client_id like 'bench-%')
		+ (select count(*) from learning_certificate where id like 'bench-%') + (select count(*) from production_maker where id like 'bench-%')
		+ (select count(*) from production_ledger_entry where maker_id like 'bench-%') + (select count(*) from programs_check_count) as n`)
);
console.log(
	`generated ${Number(n).toLocaleString('en')} activity rows in ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${load()})`
);

const defs = indicatorsOf(MODULES);
const dimensions = [...new Set(defs.flatMap((d) => d.dimensions))];
console.log(
	`${defs.length} indicators × ${INDICATOR_COUNTRIES.length} countries × ${months.length} months, dimensions: ${dimensions.join(', ')}`
);
const t1 = performance.now();
let stored = 0;
const perIndicator: [string, number, number][] = [];
for (const def of defs) {
	const s = performance.now();
	const rows: IndicatorRow[] = await computeIndicators(
		ctx,
		MODULES,
		{ periods: months, countries: [...INDICATOR_COUNTRIES], dimensions },
		[def.name]
	);
	await ctx.db.transaction(async (tx) => {
		await tx.execute(
			sql`delete from core_indicator_snapshot where indicator = ${def.name} and period in (${sql.join(
				months.map((m) => sql`${m}`),
				sql`, `
			)})`
		);
		for (let i = 0; i < rows.length; i += 1000) {
			const chunk = rows.slice(i, i + 1000);
			await tx.execute(sql`insert into core_indicator_snapshot (indicator, period, country, dimension, dimension_value, status, value, computed_at)
				values ${sql.join(
					chunk.map(
						(r) =>
							sql`(${r.indicator}, ${r.period}, ${r.country}, ${r.dimension ?? ''}, ${r.dimensionValue ?? ''}, ${r.status}, ${r.value}, now())`
					),
					sql`, `
				)}`);
		}
	});
	stored += rows.length;
	perIndicator.push([def.name, rows.length, performance.now() - s]);
}
const total = (performance.now() - t1) / 1000;
for (const [name, rows, ms] of perIndicator)
	console.log(`  ${name.padEnd(40)} ${String(rows).padStart(6)} rows ${ms.toFixed(0).padStart(6)} ms`);
console.log(
	`\nsnapshot job: ${defs.length} indicators, ${stored.toLocaleString('en')} rows stored in ${total.toFixed(1)} s (budget ${BUDGET_S} s: ${total <= BUDGET_S ? 'within' : 'OVER'}), load ${load()}`
);
await db.close();
