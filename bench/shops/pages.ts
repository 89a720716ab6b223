/**
 * Shops page sizes: the catalogue, a shop and a product page (the demo shops of a fresh server) in every
 * language, brotli-compressed HTML against the 14 KB budget. Prints figures; asserts nothing.
 *
 *   npm run build && npx tsx bench/shops/pages.ts
 */
import { ensureBuilt, fetchCompressed, startBirge } from '../lib.js';

const LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'];
const PAGES = [
	'/shops',
	'/shops?q=кийиз',
	'/shops/all',
	'/shops/demo-issyk-kul-felt',
	'/shops/demo-issyk-kul-felt/felt-slippers',
	'/shops/demo-bishkek-amigurumi/amigurumi-kit'
];
const BUDGET = 14 * 1024;

ensureBuilt();
const server = await startBirge();
let worst = 0;
console.log('page'.padEnd(56), 'status', 'html br'.padStart(9), 'within budget');
for (const locale of LOCALES)
	for (const p of PAGES) {
		const url = `${server.url}/${locale}${p.replace('кийиз', encodeURIComponent('кийиз'))}`;
		const r = await fetchCompressed(url);
		worst = Math.max(worst, r.bytes);
		console.log(
			`/${locale}${p}`.padEnd(56),
			String(r.status).padEnd(6),
			`${(r.bytes / 1024).toFixed(1)} KB`.padStart(9),
			r.bytes <= BUDGET ? 'yes' : 'NO'
		);
	}
console.log(
	`\nLargest: ${(worst / 1024).toFixed(1)} KB (budget 14 KB). Photos are not in these figures (demo cards have none).`
);
await server.stop();
