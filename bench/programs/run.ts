/**
 * Programs benchmark: generates programs with realistic text in all six languages (labelled demo,
 * slugs "bench-…"), then measures search latency (p50/p95) on PGlite and on PostgreSQL at 10,000
 * and 100,000 programs, list-page requests per second on PostgreSQL (wrk), and the compressed size
 * of the list and program pages. Prints figures; asserts nothing.
 *
 *   npm run build && npm run bench:programs -- [--sizes=10000,100000] [--skip-pglite-100k] [--reuse]
 *   --reuse keeps the PostgreSQL databases it finds already filled (birge_bench_programs_<size>)
 *   BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres (default)
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { createDb, migrate, type DbHandle } from '#lib/server/db';
import { createContext, runSeeds, type ServiceContext } from '#lib/server/core';
import { MODULES } from '#lib/server/modules';
import { testPlatform } from '#lib/server/testing';
// The module only through its index: `programsBench` is its documented bulk-loading door.
import { programs, programsBench } from '#lib/server/modules/programs';

const { normalise, searchColumns, distinctWords, addWords, insertRows, refreshStatistics } = programsBench;

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	})
);
const SIZES = (args.sizes ?? '10000,100000').split(',').map(Number);
const PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/* ------------------------------------------------------------ text generator */

let seed = 42;
const rnd = () => {
	seed = (seed * 1103515245 + 12345) & 0x7fffffff;
	return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const LEX = {
	ru: {
		kind: ['Грант', 'Льготный кредит', 'Субсидия', 'Гарантия', 'Обучение', 'Инкубатор', 'Кредитная линия'],
		for: [
			'для женщин-предпринимательниц',
			'для малого бизнеса',
			'для фермерских хозяйств',
			'для ремесленниц',
			'для молодёжи',
			'для социальных предприятий'
		],
		where: [
			'в Чуйской области',
			'в Иссык-Кульской области',
			'в Ошской области',
			'в Алматы',
			'в Ташкенте',
			'в Самарканде',
			'в Хатлоне',
			'в Согдийской области',
			'в Нарыне'
		],
		body: [
			'Программа поддерживает женщин, открывающих своё дело.',
			'Заявки принимаются через банки-партнёры.',
			'Необходимо представить бизнес-план и документы о регистрации.',
			'Средства направляются на закупку оборудования и сырья.',
			'Участницы проходят обучение финансовой грамотности.',
			'Приоритет отдаётся сельским районам и многодетным семьям.',
			'Процентная ставка субсидируется государством.'
		]
	},
	en: {
		kind: ['Grant', 'Concessional loan', 'Subsidy', 'Guarantee', 'Training', 'Incubator', 'Credit line'],
		for: [
			'for women entrepreneurs',
			'for small businesses',
			'for farms',
			'for artisans',
			'for young people',
			'for social enterprises'
		],
		where: [
			'in Chui region',
			'in Issyk-Kul',
			'in Osh region',
			'in Almaty',
			'in Tashkent',
			'in Samarkand',
			'in Khatlon',
			'in Sughd',
			'in Naryn'
		],
		body: [
			'The program supports women starting a business.',
			'Applications go through partner banks.',
			'A business plan and registration documents are required.',
			'Funds buy equipment and raw materials.',
			'Participants take a financial literacy course.',
			'Rural districts and large families come first.',
			'The interest rate is subsidised by the state.'
		]
	},
	ky: {
		kind: ['Грант', 'Жеңилдетилген насыя', 'Субсидия', 'Кепилдик', 'Окутуу', 'Инкубатор'],
		for: [
			'ишкер аялдар үчүн',
			'чакан бизнес үчүн',
			'дыйкан чарбалары үчүн',
			'кол өнөрчүлөр үчүн',
			'жаштар үчүн'
		],
		where: ['Чүй облусунда', 'Ысык-Көл облусунда', 'Ош облусунда', 'Нарын облусунда', 'Талас облусунда'],
		body: [
			'Программа өз ишин ачкан аялдарды колдойт.',
			'Арыздар өнөктөш банктар аркылуу кабыл алынат.',
			'Бизнес-план жана каттоо документтери талап кылынат.',
			'Каражат жабдууларды жана чийки затты сатып алууга жумшалат.',
			'Катышуучулар финансылык сабаттуулук боюнча окуудан өтүшөт.'
		]
	},
	kk: {
		kind: ['Грант', 'Жеңілдетілген несие', 'Субсидия', 'Кепілдік', 'Оқыту', 'Инкубатор'],
		for: [
			'кәсіпкер әйелдер үшін',
			'шағын бизнес үшін',
			'шаруа қожалықтары үшін',
			'қолөнершілер үшін',
			'жастар үшін'
		],
		where: ['Алматы облысында', 'Түркістан облысында', 'Қарағанды облысында', 'Шымкентте', 'Астанада'],
		body: [
			'Бағдарлама өз ісін ашқан әйелдерді қолдайды.',
			'Өтінімдер серіктес банктер арқылы қабылданады.',
			'Бизнес-жоспар мен тіркеу құжаттары қажет.',
			'Қаражат жабдық пен шикізат сатып алуға жұмсалады.',
			'Қатысушылар қаржылық сауаттылық курсынан өтеді.'
		]
	},
	tg: {
		kind: ['Грант', 'Қарзи имтиёзнок', 'Субсидия', 'Кафолат', 'Омӯзиш', 'Инкубатор'],
		for: [
			'барои занони соҳибкор',
			'барои тиҷорати хурд',
			'барои хоҷагиҳои деҳқонӣ',
			'барои ҳунармандон',
			'барои ҷавонон'
		],
		where: [
			'дар вилояти Хатлон',
			'дар вилояти Суғд',
			'дар Душанбе',
			'дар ВМКБ',
			'дар ноҳияҳои тобеи ҷумҳурӣ'
		],
		body: [
			'Барнома занонеро, ки тиҷорати худро оғоз мекунанд, дастгирӣ мекунад.',
			'Дархостҳо тавассути бонкҳои шарик қабул мешаванд.',
			'Нақшаи тиҷоратӣ ва ҳуҷҷатҳои бақайдгирӣ лозиманд.',
			'Маблағ барои хариди таҷҳизот ва ашёи хом сарф мешавад.'
		]
	},
	uz: {
		kind: ['Grant', 'Imtiyozli kredit', 'Subsidiya', 'Kafolat', 'Oʻqitish', 'Inkubator'],
		for: [
			'tadbirkor ayollar uchun',
			'kichik biznes uchun',
			'fermer xoʻjaliklari uchun',
			'hunarmandlar uchun',
			'yoshlar uchun'
		],
		where: ['Toshkentda', 'Samarqandda', 'Fargʻona viloyatida', 'Xorazmda', 'Buxoroda', 'Qashqadaryoda'],
		body: [
			'Dastur oʻz ishini boshlagan ayollarni qoʻllab-quvvatlaydi.',
			'Arizalar hamkor banklar orqali qabul qilinadi.',
			'Biznes-reja va roʻyxatdan oʻtish hujjatlari talab qilinadi.',
			'Mablagʻ uskunalar va xomashyo sotib olishga sarflanadi.',
			'Ishtirokchilar moliyaviy savodxonlik kursidan oʻtadi.'
		]
	}
} as const;
type L = keyof typeof LEX;
const LOCALES_GEN: L[] = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'];
const KINDS = ['grant', 'loan', 'subsidy', 'guarantee', 'training', 'incubator', 'credit_line'] as const;
const COUNTRIES = ['KG', 'KZ', 'TJ', 'UZ'] as const;

function generate(i: number) {
	const k = Math.floor(rnd() * 6);
	const title: Record<string, string> = {};
	const summary: Record<string, string> = {};
	const body: Record<string, string> = {};
	for (const l of LOCALES_GEN) {
		// Most entries have Russian and English; local languages on about half.
		if (l !== 'ru' && l !== 'en' && rnd() < 0.5) continue;
		const lex = LEX[l];
		title[l] = `${lex.kind[k % lex.kind.length]} ${pick(lex.for)} ${pick(lex.where)} (${i})`;
		summary[l] = `${pick(lex.body)} ${pick(lex.body)}`;
		body[l] = [pick(lex.body), pick(lex.body), pick(lex.body), pick(lex.body)].join(' ');
	}
	const country = pick(COUNTRIES);
	return normalise({
		slug: `bench-${i}`,
		country,
		kinds: [KINDS[k]],
		status: pick(['ongoing', 'open', 'closed', 'unknown'] as const),
		womenSpecific: rnd() < 0.4,
		title,
		summary,
		body,
		terms: {
			currency: { KG: 'KGS', KZ: 'KZT', TJ: 'TJS', UZ: 'UZS' }[country],
			amountMax: Math.round(rnd() * 100) * 10000
		},
		criteria: [{ field: 'country', op: 'eq', value: country }],
		deadlines: {
			rolling: false,
			dates: rnd() < 0.5 ? [{ date: `2027-0${1 + Math.floor(rnd() * 9)}-15` }] : []
		},
		sources: [
			{ url: `https://example.org/bench/${i}`, publisher: 'Benchmark (generated)', date: '2026-01-01' }
		],
		verification: 'unverified',
		reviewedOn: `2026-${String(1 + Math.floor(rnd() * 11)).padStart(2, '0')}-10`
	});
}

async function fill(ctx: ServiceContext, from: number, to: number) {
	const words = new Set<string>();
	let ru = '';
	for (let start = from; start < to; start += 500) {
		const rows = [];
		for (let i = start; i < Math.min(to, start + 500); i++) {
			const v = generate(i);
			const cols = searchColumns(v);
			for (const w of distinctWords(cols)) words.add(w);
			if (i < from + 2000) ru += ` ${cols.searchTitleRu} ${cols.searchBodyRu}`;
			rows.push({ id: randomUUID(), ...v, ...cols, publication: 'published' as const, demo: true as const });
		}
		await insertRows(ctx, rows);
	}
	await addWords(ctx, [...words], ru);
	await refreshStatistics(ctx, true);
}

/* ------------------------------------------------------------ measurements */

const QUERIES: Record<string, string>[] = [
	{ q: 'грант' },
	{ q: 'кредит женщин' },
	{ q: 'кридит' },
	{ q: 'Ташкент' },
	{ q: 'Тошкент' },
	{ q: "qo'llab" },
	{ q: 'онорчулор' },
	{ q: 'касипкер аиелдер' },
	{ q: 'grant women', country: 'KG' },
	{ q: 'subsidy', open: 'yes' },
	{ q: 'qwxzvbn' },
	{ q: 'qwxzvbn', country: 'TJ' },
	{ country: 'KZ' },
	{ kind: 'loan', sort: 'deadline' },
	{}
];

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

type Measured = { p50: number; p95: number; hitP95: number; noHitP95: number };

/**
 * Search latency per database, the databases taken in turn query by query (not one after the other),
 * so that a change in the machine's speed during the run falls on every size alike and the ratio
 * between sizes stays fair.
 */
async function measure(ctxs: ServiceContext[], rounds = 20): Promise<Measured[]> {
	// Every search is run afresh: a result cache answers repeated queries, and would be measured instead.
	const search = (ctx: ServiceContext, q: Record<string, string>) =>
		programs.findPrograms(ctx, q, { fresh: true });
	for (const ctx of ctxs) for (const q of QUERIES) await search(ctx, q); // warm up
	const all = ctxs.map(() => [] as number[]);
	const noHit = ctxs.map(() => [] as number[]);
	const hit = ctxs.map(() => [] as number[]);
	for (let r = 0; r < rounds; r++) {
		for (const q of QUERIES) {
			for (const [k, ctx] of ctxs.entries()) {
				const t0 = performance.now();
				const res = await search(ctx, q);
				const ms = performance.now() - t0;
				all[k].push(ms);
				(res.total === 0 ? noHit : hit)[k].push(ms);
			}
		}
	}
	return ctxs.map((_, k) => ({
		p50: pct(all[k], 50),
		p95: pct(all[k], 95),
		hitP95: pct(hit[k], 95),
		noHitP95: noHit[k].length ? pct(noHit[k], 95) : NaN
	}));
}

const fmt = (n: number) => (Number.isNaN(n) ? '—' : `${n.toFixed(1)} ms`);

async function pgDatabase(name: string, size: number): Promise<{ handle: DbHandle; filled: boolean }> {
	const { default: postgres } = await import('postgres');
	const url = new URL(PG);
	url.pathname = `/${name}`;
	if (args.reuse) {
		const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
		const n = await db`select count(*)::int as n from programs_program where slug like 'bench-%'`.then(
			(r) => r[0].n as number,
			() => -1
		);
		await db.end();
		if (n === size) return { handle: await createDb({ url: url.toString() }), filled: true };
	}
	const admin = postgres(PG, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(
		`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`
	);
	await admin.end();
	return { handle: await createDb({ url: url.toString() }), filled: false };
}

async function prepared(handle: DbHandle, size: number) {
	await migrate(handle);
	const ctx = createContext(handle.db, testPlatform().platform, { locale: 'ru' });
	await runSeeds(ctx, MODULES, { demo: false });
	const t0 = performance.now();
	await fill(ctx, 0, size);
	console.log(
		`  generated ${size.toLocaleString('en')} programs in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
	return ctx;
}

async function reused(handle: DbHandle) {
	await migrate(handle);
	const ctx = createContext(handle.db, testPlatform().platform, { locale: 'ru' });
	await refreshStatistics(ctx, true);
	console.log('  reusing the filled database');
	return ctx;
}

/* ------------------------------------------------------------ web: wrk and page sizes */

async function startServer(databaseUrl: string, port: number) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-bench-'));
	const child = spawn(path.resolve('node_modules/.bin/node'), ['scripts/server.js'], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			BIRGE_DATA_DIR: dataDir,
			BIRGE_LOG_LEVEL: 'error',
			NODE_ENV: 'production',
			BIRGE_SENDER: 'file'
		},
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		url,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function compressedSize(url: string) {
	const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
	const html = Buffer.from(await res.arrayBuffer());
	return {
		raw: html.length,
		gzip: zlib.gzipSync(html, { level: 9 }).length,
		br: zlib.brotliCompressSync(html).length
	};
}

function wrk(url: string, script?: string) {
	try {
		// A few seconds first, not counted: the server's code is compiled on the first requests.
		execFileSync('wrk', ['-t2', '-c16', '-d3s', url], { encoding: 'utf8' });
		const extra = script ? ['-s', path.resolve('bench/programs', script)] : [];
		const out = execFileSync('wrk', ['-t2', '-c16', '-d10s', '--latency', ...extra, url], {
			encoding: 'utf8'
		});
		const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
		const p99 = /99%\s+([\d.]+\w+)/.exec(out)?.[1];
		const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
		return `${rps} req/s (p99 ${p99}${non2xx ? `, ${non2xx} non-2xx` : ''})`;
	} catch {
		return 'wrk not available (apt-get install -y wrk)';
	}
}

/* ------------------------------------------------------------ main */

const load = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
const loadAtStart = load();

const describe = (engine: string, size: number, m: Measured) =>
	`${engine} ${size}: search p50 ${fmt(m.p50)}, p95 ${fmt(m.p95)} (hits p95 ${fmt(m.hitP95)}, no-hit p95 ${fmt(m.noHitP95)})`;

async function main() {
	const results: string[] = [];
	const p95s: Record<string, number> = {};
	const say = (line: string) => {
		results.push(line);
		console.log('  ' + line);
	};

	// PostgreSQL: every size filled first, then measured together.
	const pgs: { size: number; name: string; handle: DbHandle; ctx: ServiceContext }[] = [];
	for (const size of SIZES) {
		console.log(`PostgreSQL, ${size.toLocaleString('en')} programs`);
		const name = `birge_bench_programs_${size}`;
		const { handle, filled } = await pgDatabase(name, size);
		pgs.push({ size, name, handle, ctx: filled ? await reused(handle) : await prepared(handle, size) });
	}
	const pgMeasured = await measure(pgs.map((d) => d.ctx));
	for (const [k, d] of pgs.entries()) {
		p95s[`pg${d.size}`] = pgMeasured[k].p95;
		say(describe('PostgreSQL', d.size, pgMeasured[k]));
	}
	for (const d of pgs) await d.handle.close();

	// The web pages, on the smallest PostgreSQL database.
	{
		const { size, name } = pgs[0];
		const url = new URL(PG);
		url.pathname = `/${name}`;
		const server = await startServer(url.toString(), 3977);
		const list = `${server.url}/ru/programs`;
		const search = `${server.url}/ru/programs?q=${encodeURIComponent('кредит женщин')}`;
		say(`List page ${size} (PostgreSQL, wrk -t2 -c16 10s): ${wrk(list)}`);
		say(
			`List page ${size}, 480 filter combinations in turn (no cached answer): ${wrk(list, 'list-mix.lua')}`
		);
		say(`Search page ${size} (PostgreSQL): ${wrk(search)}`);
		const sizes = {
			list: await compressedSize(list),
			search: await compressedSize(search),
			program: await compressedSize(`${server.url}/ru/programs/kg-msme-interest-free-loans`),
			check: await compressedSize(`${server.url}/ru/programs/check?checked=1&country=KG`)
		};
		for (const [k, v] of Object.entries(sizes))
			say(`HTML ${k}: ${v.raw} B raw, ${v.gzip} B gzip, ${v.br} B brotli`);
		await server.stop();
	}

	// PGlite (in memory): the same.
	const lites: { size: number; handle: DbHandle; ctx: ServiceContext }[] = [];
	for (const size of SIZES) {
		if (size > 10000 && args['skip-pglite-100k']) continue;
		console.log(`PGlite, ${size.toLocaleString('en')} programs`);
		const handle = await createDb({ dataDir: null });
		lites.push({ size, handle, ctx: await prepared(handle, size) });
	}
	const liteMeasured = await measure(lites.map((d) => d.ctx));
	for (const [k, d] of lites.entries()) {
		p95s[`lite${d.size}`] = liteMeasured[k].p95;
		say(describe('PGlite', d.size, liteMeasured[k]));
	}
	for (const d of lites) await d.handle.close();

	if (SIZES.length > 1) {
		const [a, b] = SIZES;
		for (const engine of ['pg', 'lite']) {
			if (p95s[`${engine}${a}`] && p95s[`${engine}${b}`])
				results.push(
					`${engine === 'pg' ? 'PostgreSQL' : 'PGlite'} p95 at ${b} / p95 at ${a}: ${(p95s[`${engine}${b}`] / p95s[`${engine}${a}`]).toFixed(2)}×`
				);
		}
	}
	console.log('\n=== Programs benchmark ===');
	console.log(`Load average at the start: ${loadAtStart}; at the end: ${load()} (${os.cpus().length} CPUs)`);
	console.log(
		'Budgets: search p95 ≤ 30 ms on both engines at 10,000; list page ≥ 300 req/s; 100k p95 ≤ 3× 10k p95'
	);
	for (const r of results) console.log(r);
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	}
);
