import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server standing in for Wildberries and Ozon in tests (and in the e2e journey once the
 * shops pages exist): each route is a handler that sees the method, path, headers and parsed JSON body
 * and answers with a status, headers and a body. Every request is recorded. Test tooling only.
 */
export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}
export interface FakeAnswer {
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
}
export type FakeHandler = (req: FakeRequest, count: number) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeServer {
	origin: string;
	requests: FakeRequest[];
	route(method: string, path: string, handler: FakeHandler): void;
	close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
	const routes = new Map<string, FakeHandler>();
	const counts = new Map<string, number>();
	const requests: FakeRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown = raw;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				// kept as text
			}
			const record: FakeRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: url.searchParams,
				headers: req.headers,
				body
			};
			requests.push(record);
			const key = `${record.method} ${record.path}`;
			const handler = routes.get(key);
			const count = (counts.get(key) ?? 0) + 1;
			counts.set(key, count);
			const answer: FakeAnswer = handler
				? await handler(record, count)
				: { status: 404, body: { message: 'not found' } };
			const isJson = answer.body !== undefined && typeof answer.body !== 'string';
			res.writeHead(answer.status ?? 200, {
				...(isJson ? { 'Content-Type': 'application/json' } : {}),
				...answer.headers
			});
			res.end(answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : String(answer.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		route(method, path, handler) {
			routes.set(`${method} ${path}`, handler);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
