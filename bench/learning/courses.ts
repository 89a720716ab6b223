// Budgets of the courses (issue 15), printed, never asserted:
// - a lesson page ≤ 14 KB HTML compressed (every lesson of every course, in all six languages, brotli
//   as a browser asks; the worst per locale and overall);
// - a whole course pack without audio ≤ 300 KB (the offline pack as downloaded, brotli, and the
//   one-file pack uncompressed, as it is passed on);
// - the service worker and the learning script ≤ 10 KB compressed together.
//
//   npm run bench:learning:courses        (builds first if build/ is missing)
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ensureBuilt, fetchCompressed, rawGet, root, startBirge } from '../lib.js';

const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'];
const PAGE_BUDGET = 14 * 1024;
const PACK_BUDGET = 300 * 1024;
const SCRIPT_BUDGET = 10 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(6)} KB`;

// Scripts: what a phone downloads (brotli and gzip), both files together.
const scripts = ['static/learn-sw.js', 'static/js/learn-offline.js'].map((f) =>
	fs.readFileSync(path.join(root, f))
);
const br = scripts.reduce((s, b) => s + brotliCompressSync(b).byteLength, 0);
const gz = scripts.reduce((s, b) => s + gzipSync(b, { level: 9 }).byteLength, 0);
const raw = scripts.reduce((s, b) => s + b.byteLength, 0);
console.log(
	`Service worker + learning script: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli  (budget 10 KB: ${Math.max(br, gz) <= SCRIPT_BUDGET ? 'within' : 'OVER'})\n`
);

ensureBuilt();
const server = await startBirge({ BIRGE_DEMO: '0' });
try {
	const list = JSON.parse((await rawGet(`${server.url}/api/v1/learning/courses?lang=en`)).body) as {
		courses: { slug: string }[];
	};
	console.log('Lesson pages, compressed (brotli), against 14 KB: the largest per locale');
	let worst = 0;
	for (const locale of LOCALES) {
		let largest = { bytes: 0, path: '' };
		let count = 0;
		for (const { slug } of list.courses) {
			const course = JSON.parse(
				(await rawGet(`${server.url}/api/v1/learning/courses/${slug}?lang=${locale}`)).body
			) as {
				lessons: { slug: string }[];
			};
			for (const l of course.lessons) {
				const p = `/${locale}/learn/${slug}/${l.slug}`;
				const { status, bytes } = await fetchCompressed(server.url + p);
				if (status !== 200) throw new Error(`${p} answered ${status}`);
				count++;
				if (bytes > largest.bytes) largest = { bytes, path: p };
			}
		}
		worst = Math.max(worst, largest.bytes);
		console.log(
			`  ${locale}: ${count} lessons, largest ${largest.path.padEnd(52)} ${kb(largest.bytes)}  ${largest.bytes <= PAGE_BUDGET ? 'within' : 'OVER'}`
		);
	}
	for (const p of ['/ru/learn', '/ky/learn/loans']) {
		const { bytes } = await fetchCompressed(server.url + p);
		console.log(`  ${p.padEnd(60)} ${kb(bytes)}  ${bytes <= PAGE_BUDGET ? 'within' : 'OVER'}`);
	}
	console.log(`  worst lesson page: ${kb(worst)}\n`);

	console.log(
		'Course packs without audio, against 300 KB: offline pack (brotli, as downloaded) and one-file pack (raw)'
	);
	let worstPack = 0;
	for (const { slug } of list.courses) {
		const cells: string[] = [];
		for (const locale of LOCALES) {
			const offline = await fetchCompressed(`${server.url}/${locale}/learn/${slug}/offline`);
			const file = await rawGet(`${server.url}/${locale}/learn/${slug}/pack.html`);
			const fileBytes = Buffer.byteLength(file.body);
			worstPack = Math.max(worstPack, offline.bytes, fileBytes);
			cells.push(`${locale} ${(offline.bytes / 1024).toFixed(1)}/${(fileBytes / 1024).toFixed(1)}`);
		}
		console.log(`  ${slug.padEnd(24)} ${cells.join('  ')} KB`);
	}
	console.log(`  largest pack: ${kb(worstPack)}  ${worstPack <= PACK_BUDGET ? 'within' : 'OVER'}`);
} finally {
	await server.stop();
}
