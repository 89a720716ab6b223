/**
 * Images benchmark: the time core/images takes to turn a 12-megapixel phone photo (generated here:
 * 4000×3000, textured, EXIF with GPS) into its stored JPEG and WebP variants, the time of the AVIF
 * job for it, and the process's peak RSS, also with several uploads at once (one encode runs at a
 * time per process). Prints figures; asserts nothing.
 *
 *   npm run bench:images -- [--runs=5] [--parallel=4]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createDb, migrate } from '#lib/server/db';
import { createContext } from '#lib/server/core';
import { directoryStore } from '#lib/server/core/files';
import { testPlatform } from '#lib/server/testing';
import { encodeAvifVariants, putImage } from '#lib/server/core/images';

const args = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'];
	})
);
const RUNS = Number(args.runs ?? 5);
const PARALLEL = Number(args.parallel ?? 4);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/**
 * Peak RSS while images are encoded, sampled every 10 ms. (The process's own high-water mark is of
 * no use here: opening the in-memory PGlite peaks at about 1.2 GB before any image is touched.)
 */
let sampledPeak = 0;
const sample = () => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss));
const peakRss = () => {
	sample();
	const peak = sampledPeak;
	sampledPeak = 0;
	return peak;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function photo(): Promise<Buffer> {
	// Texture like a photo's (noise, softened) over a colour gradient, so encoders have real work.
	const width = 4000;
	const height = 3000;
	const noise = await sharp({
		create: {
			width,
			height,
			channels: 3,
			background: '#808080',
			noise: { type: 'gaussian', mean: 128, sigma: 40 }
		}
	})
		.blur(1.2)
		.raw()
		.toBuffer();
	const gradient = Buffer.alloc(width * height * 3);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * 3;
			gradient[i] = (x * 255) / width;
			gradient[i + 1] = (y * 255) / height;
			gradient[i + 2] = 128;
		}
	return sharp(gradient, { raw: { width, height, channels: 3 } })
		.composite([{ input: noise, raw: { width, height, channels: 3 }, blend: 'overlay' }])
		.jpeg({ quality: 90 })
		.withExif({
			IFD0: { Make: 'BenchCam', Model: 'Phone' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '42/1 52/1 30/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '74/1 36/1 0/1'
			}
		})
		.withMetadata({ orientation: 6 })
		.toBuffer();
}

if (!args.child) {
	// Peak RSS is a high-water mark: the photo is made here, and measured in a fresh process.
	const file = path.join(os.tmpdir(), `birge-bench-photo-${process.pid}.jpg`);
	fs.writeFileSync(file, await photo());
	try {
		const r = spawnSync(
			process.execPath,
			[...process.execArgv, import.meta.filename, ...process.argv.slice(2), `--child=${file}`],
			{
				stdio: 'inherit'
			}
		);
		process.exitCode = r.status ?? 1;
	} finally {
		fs.rmSync(file, { force: true });
	}
} else await measure(fs.readFileSync(args.child));

async function measure(photoBytes: Buffer) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birge-bench-images-'));
	const handle = await createDb({ dataDir: null });
	try {
		await migrate(handle);
		const { platform } = testPlatform({ dataDir: dir, files: directoryStore(dir) });
		const ctx = createContext(handle.db, platform);
		const bytes = new Uint8Array(photoBytes);
		const meta = await sharp(bytes).metadata();
		console.log(
			`photo: ${meta.width}×${meta.height} (${((meta.width! * meta.height!) / 1e6).toFixed(1)} MP), JPEG ${mb(bytes.byteLength)}, EXIF with GPS, orientation 6`
		);
		console.log(
			`node ${process.versions.node}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${os.cpus().length} CPUs`
		);
		const baseline = process.memoryUsage().rss;
		console.log(`RSS with the database open, before any image: ${mb(baseline)}`);
		const sampler = setInterval(sample, 10);

		const times: number[] = [];
		let lastId = '';
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			const image = await putImage(ctx, { bytes, ownerModule: 'bench', visibility: 'public' });
			times.push(performance.now() - started);
			lastId = image.id;
			if (i === 0) {
				const sizes = image.variants
					.map((v) => `${v.format} ${v.width}w ${(v.size / 1024).toFixed(0)} KB`)
					.join(', ');
				console.log(`variants: ${sizes}`);
			}
		}
		console.log(
			`JPEG + WebP variants (decode, orient, strip, master, 4 widths × 2 formats, store): median ${median(times).toFixed(0)} ms, ` +
				`min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${RUNS} runs`
		);
		console.log(`peak RSS during ${RUNS} uploads one after another: ${mb(peakRss())}`);

		const parallelStart = performance.now();
		await Promise.all(
			Array.from({ length: PARALLEL }, () =>
				putImage(ctx, { bytes, ownerModule: 'bench', visibility: 'public' })
			)
		);
		console.log(
			`${PARALLEL} uploads at once: ${(performance.now() - parallelStart).toFixed(0)} ms in all (encoded one at a time); peak RSS ${mb(peakRss())}`
		);

		const avifStart = performance.now();
		const made = await encodeAvifVariants(ctx, lastId);
		console.log(
			`AVIF job for one photo: ${made} variants in ${(performance.now() - avifStart).toFixed(0)} ms; peak RSS ${mb(peakRss())}`
		);
		clearInterval(sampler);
	} finally {
		await handle.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
