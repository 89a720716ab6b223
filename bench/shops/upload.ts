/**
 * A maker's photo upload, end to end through the shops module: a 12-megapixel phone JPEG (generated:
 * 4000×3000, noisy, EXIF with GPS) made into its stored JPEG and WebP widths (core/images) and the
 * 1200×630 Open Graph preview, with the photo's row, as `shops.addPhoto` does during the request. AVIF
 * comes later from a job and is not timed here (see bench/images.ts). Prints figures and the load
 * average; asserts nothing.
 *
 *   npx tsx bench/shops/upload.ts [--runs=5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createDb, migrate } from '#lib/server/db';
import { authUser } from '#lib/server/db/schema';
import { createContext, runSeeds } from '#lib/server/core';
import { directoryStore } from '#lib/server/core/files';
import { MODULES } from '#lib/server/modules';
import { actor, testPlatform } from '#lib/server/testing';
import { shops } from '#lib/server/modules/shops';

const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const load = () =>
	os
		.loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');

const photo = await sharp({
	create: {
		width: 4000,
		height: 3000,
		channels: 3,
		background: '#9a6b3f',
		noise: { type: 'gaussian', mean: 128, sigma: 40 }
	}
})
	.jpeg({ quality: 90 })
	.withExif({
		IFD0: { Make: 'BenchCam', Model: 'Phone' },
		IFD3: {
			GPSLatitudeRef: 'N',
			GPSLatitude: '42/1 10/1 0/1',
			GPSLongitudeRef: 'E',
			GPSLongitude: '77/1 40/1 0/1'
		}
	})
	.toBuffer();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-bench-upload-'));
const handle = await createDb({ dataDir: null });
try {
	await migrate(handle);
	const { platform } = testPlatform({ dataDir: dir, files: directoryStore(dir) });
	await runSeeds(createContext(handle.db, platform), MODULES, { demo: false });
	await handle.db
		.insert(authUser)
		.values({ id: 'bench-maker', name: 'Bench maker (demo)', email: 'bench-maker@example.org' });
	const ctx = createContext(handle.db, platform, { actor: actor('bench-maker'), locale: 'ky' });
	await shops.createShop(ctx, { slug: 'bench-upload', name: { ky: 'Бенч (demo)' }, country: 'KG' });
	await shops.createProduct(ctx, 'bench-upload', {
		slug: 'bench-felt',
		title: { ky: 'Кийиз (demo)' },
		category: 'felt',
		priceMinor: 150000,
		availability: 'made_to_order',
		leadTimeDays: 5
	});
	const meta = await sharp(photo).metadata();
	console.log(
		`photo ${meta.width}×${meta.height} JPEG ${mb(photo.byteLength)}, EXIF with GPS; ${os.cpus().length} CPUs`
	);
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const before = process.memoryUsage().rss;
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		const { id } = await shops.addPhoto(ctx, 'bench-upload', 'bench-felt', { bytes: new Uint8Array(photo) });
		times.push(performance.now() - started);
		await shops.removePhoto(ctx, 'bench-upload', 'bench-felt', id);
	}
	clearInterval(sampler);
	times.sort((a, b) => a - b);
	console.log(
		`shops.addPhoto (strip EXIF/GPS, master, JPEG + WebP widths, 1200×630 preview, row): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, ` +
			`min ${times[0].toFixed(0)}, max ${times.at(-1)!.toFixed(0)} over ${runs} runs (budget ≤ 2 s); load average ${load()}`
	);
	console.log(`RSS before ${mb(before)}, peak during the uploads ${mb(peak)} (sampled every 10 ms)`);
} finally {
	await handle.close();
	fs.rmSync(dir, { recursive: true, force: true });
}
