// Birge's HTTP server: SvelteKit's adapter-node handler with an access log without
// IPs or query strings, the public origin (ORIGIN) and a graceful shutdown that closes the database.
import http from 'node:http';
import { loggablePath } from '../src/lib/server/web/secret-paths.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const origin = process.env.ORIGIN ? new URL(process.env.ORIGIN) : null;
const quiet = process.env.BIRGE_LOG_LEVEL === 'silent' || process.env.BIRGE_ACCESS_LOG === '0';

// adapter-node derives each request's origin from these headers, which only this file sets: the
// protocol is the public origin's (or http, since this process speaks plain HTTP).
process.env.PROTOCOL_HEADER = 'x-birge-proto';
process.env.HOST_HEADER = 'x-birge-host';

// Request bodies up to 16 MB: product photos may be 15 MB (shops), evidence 10 MB (coalitions); adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '16M';

const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);
/** Set by src/hooks.server.ts once the app has started (null when the page cache is off). */
const cachedPage = globalThis.__birgeCachedPage ?? null;

const server = http.createServer((req, res) => {
	delete req.headers['x-birge-proto'];
	delete req.headers['x-birge-host'];
	req.headers['x-birge-proto'] = origin ? origin.protocol.slice(0, -1) : 'http';
	if (origin) req.headers['x-birge-host'] = origin.host;
	const started = process.hrtime.bigint();
	if (!quiet) {
		res.on('finish', () => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			// Path only: query strings can hold searches or tokens, and no client address is kept.
			// Paths that hold a secret (feeds, reset links…) are logged as their route pattern.
			const path = loggablePath(req.url ?? '/');
			process.stdout.write(
				JSON.stringify({
					time: new Date().toISOString(),
					msg: 'request',
					method: req.method,
					path,
					status: res.statusCode,
					ms: Math.round(ms * 10) / 10
				}) + '\n'
			);
		});
	}
	// An anonymous GET of a public page whose data has not changed: answered from the page cache
	// (src/lib/server/web/page-cache.ts, registered by the hooks) before SvelteKit builds a request.
	const cached = cachedPage?.({
		method: req.method,
		target: req.url ?? '/',
		header: (name) => {
			const value = req.headers[name];
			return Array.isArray(value) ? value.join(', ') : value;
		},
		secure: origin?.protocol === 'https:'
	});
	if (cached) {
		res.writeHead(cached.status, cached.raw);
		res.end(cached.body ?? undefined);
		return;
	}
	// Pages and API responses are compressed in src/lib/server/web/compress.ts; assets are pre-compressed.
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.keepAliveTimeout = 5000;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
server.listen({ port, host }, () => {
	const shown = origin?.origin ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
	process.stdout.write(
		JSON.stringify({ time: new Date().toISOString(), msg: `Birge is listening on ${shown}` }) + '\n'
	);
	if (!origin && !LOOPBACK.test(host))
		process.stdout.write(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'warn',
				msg:
					`Listening on ${host} without ORIGIN: only requests for localhost, 127.0.0.0/8 and [::1] are ` +
					'answered (others get 421), and links are built for localhost. Set ORIGIN to the public ' +
					'address, e.g. ORIGIN=https://birge.example.org'
			}) + '\n'
		);
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	process.stdout.write(
		JSON.stringify({ time: new Date().toISOString(), msg: 'shutting down', signal }) + '\n'
	);
	const force = setTimeout(() => server.closeAllConnections(), 10_000);
	force.unref();
	await new Promise((resolve) => {
		server.close(resolve);
		server.closeIdleConnections();
	});
	clearTimeout(force);
	try {
		await globalThis.__birgeClose?.();
	} catch (error) {
		process.stderr.write(`error while closing the database: ${error?.message}\n`);
		process.exit(1);
	}
	process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
