// Budgets of the calculators (issue 15): a calculator's answer is computed on the server in ≤ 5 ms,
// and each tools page is ≤ 14 KB compressed. Prints figures; never asserts a timing.
//
//   npm run bench:learning            (builds first if build/ is missing)
//
// 1. The pure computation of a 360-month loan (annuity and differentiated, with fees and grace), in
//    this process: p50/p95 over many runs after a warm-up.
// 2. The API route GET /api/v1/tools/loan for the same loan through the built server (HTTP on
//    loopback: parsing, computing, JSON, compression), p50/p95 of one request at a time.
// 3. The tools pages' compressed sizes (brotli, as a browser asks), empty and with a result.
import os from 'node:os';
import { createContext } from '#lib/server/core';
import type { Db } from '#lib/server/db';
import { learning } from '#lib/server/modules/learning';
import { testPlatform } from '#lib/server/testing';
import { ensureBuilt, fetchCompressed, rawGet, startBirge } from '../lib.js';

const BUDGET_MS = 5;
const PAGE_BUDGET = 14 * 1024;

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
function summary(label: string, samples: number[]) {
	const s = [...samples].sort((a, b) => a - b);
	const p50 = percentile(s, 50);
	const p95 = percentile(s, 95);
	console.log(
		`${label.padEnd(58)} p50 ${p50.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  (budget ${BUDGET_MS} ms: ${p95 <= BUDGET_MS ? 'within' : 'OVER'})`
	);
}

const LOANS = {
	annuity: {
		amount: '1 500 000',
		ratePercent: '18,5',
		months: '360',
		method: 'annuity',
		feeOnce: '15 000',
		feeMonthly: '250',
		graceMonths: '6',
		currency: 'KGS',
		country: 'KG'
	},
	differentiated: {
		amount: '1 500 000',
		ratePercent: '18,5',
		months: '360',
		method: 'differentiated',
		feeOnce: '15 000',
		feeMonthly: '250',
		graceMonths: '6',
		currency: 'KGS',
		country: 'KG'
	}
};

// 1. Pure computation.
// On a shared machine the p95 shows the other processes as much as the code: print the load beside it.
const load = os
	.loadavg()
	.map((l) => l.toFixed(1))
	.join(' ');
console.log(`Calculators: server-side computation (${os.cpus().length} CPUs, load average ${load})`);
// Computation only: no database, a test platform nobody writes to.
const ctx = createContext(null as unknown as Db, testPlatform().platform, { locale: 'ru' });
for (const [name, loan] of Object.entries(LOANS)) {
	for (let i = 0; i < 50; i++) learning.calculateLoan(ctx, loan);
	const samples: number[] = [];
	for (let i = 0; i < 500; i++) {
		const started = performance.now();
		learning.calculateLoan(ctx, loan);
		samples.push(performance.now() - started);
	}
	summary(`pure calculateLoan, 360 months, ${name}`, samples);
}
{
	const samples: number[] = [];
	for (let i = 0; i < 500; i++) {
		const started = performance.now();
		learning.calculatePrice(ctx, {
			materials: '350',
			hours: '2,5',
			hourlyRate: '180',
			overhead: '40',
			marginPercent: '25'
		});
		learning.calculateBreakEven(ctx, { fixedCosts: '30 000', price: '250', variableCost: '130' });
		samples.push(performance.now() - started);
	}
	summary('pure calculatePrice + calculateBreakEven', samples);
}

// 2 and 3. Through the built server.
ensureBuilt();
const server = await startBirge({ BIRGE_DEMO: '0' });
try {
	// The same request compressed (as browsers ask) and not, and a 1-month loan: what the request
	// pipeline and compression cost beside the computation.
	const runs: [string, Record<string, string>, Record<string, string>][] = [
		['360 months, annuity, br', LOANS.annuity, { 'accept-encoding': 'br' }],
		['360 months, differentiated, br', LOANS.differentiated, { 'accept-encoding': 'br' }],
		['360 months, annuity, uncompressed', LOANS.annuity, {}],
		['1 month, uncompressed (pipeline only)', { ...LOANS.annuity, months: '1', graceMonths: '0' }, {}]
	];
	for (const [name, loan, headers] of runs) {
		const url = `${server.url}/api/v1/tools/loan?${new URLSearchParams(loan)}`;
		for (let i = 0; i < 20; i++) await rawGet(url, headers);
		const samples: number[] = [];
		for (let i = 0; i < 200; i++) {
			const started = performance.now();
			const res = await rawGet(url, headers);
			samples.push(performance.now() - started);
			if (res.status !== 200) throw new Error(`API answered ${res.status}`);
		}
		summary(`GET /api/v1/tools/loan, ${name}`, samples);
	}

	console.log('\nTools pages, compressed (brotli), against 14 KB');
	const q = (o: Record<string, string>) => `?${new URLSearchParams(o)}`;
	const pages = [
		'/ru/tools',
		'/ru/tools/loan',
		'/ru/tools/price',
		'/ru/tools/break-even',
		`/ru/tools/loan${q({ amount: '100000', ratePercent: '12', months: '12', feeMonthly: '100', currency: 'KGS', country: 'KG' })}`,
		`/ky/tools/loan${q({ ...LOANS.annuity, months: '60' })}`,
		`/ky/tools/loan${q(LOANS.annuity)}`,
		`/uz/tools/price${q({ materials: '50000', hours: '2,5', hourlyRate: '20000', overhead: '5000', marginPercent: '25', currency: 'UZS' })}`,
		`/tg/tools/break-even${q({ fixedCosts: '3000', price: '45', variableCost: '20', currency: 'TJS' })}`,
		`/ru/tools/loan${q({ amount: 'много', ratePercent: '120', months: '0' })}`
	];
	for (const path of pages) {
		const { status, bytes } = await fetchCompressed(server.url + path);
		const label = path.length > 70 ? path.slice(0, 67) + '…' : path;
		console.log(
			`${label.padEnd(72)} ${String(status)} ${(bytes / 1024).toFixed(1).padStart(5)} KB  ${bytes <= PAGE_BUDGET ? 'within' : 'OVER'}`
		);
	}
} finally {
	await server.stop();
}
