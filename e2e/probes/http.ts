import http from 'node:http';

/** Plain HTTP against the built server: any method, header and body, no browser, no redirects followed. */

export interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

// A fresh connection per request: a kept-alive socket the server has closed meanwhile would hang up.
const agent = false;

export function send(
	base: string,
	options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<Reply> {
	const url = new URL(base);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				method: options.method ?? 'GET',
				path: options.path,
				headers: options.headers ?? {},
				agent
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString()
					})
				);
			}
		);
		req.on('error', reject);
		if (options.body !== undefined) req.write(options.body);
		req.end();
	});
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
	items: T[],
	limit: number,
	fn: (item: T, i: number) => Promise<R>
): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i], i);
			}
		})
	);
	return out;
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The session cookies a sign-in answer sets, as one Cookie header. */
export function cookiesOf(reply: Reply): string {
	return (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}
