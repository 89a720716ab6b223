import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|problem\+json)|image\/svg\+xml)/;

/**
 * Recently compressed bodies by ETag (SvelteKit's hash of the page) and encoding: the same page is not
 * compressed twice. Small and bounded; pages without an ETag are always compressed afresh.
 */
const cache = new Map<string, Buffer>();
const CACHE_ENTRIES = 256;

/**
 * Compresses dynamic responses (pages, API, feeds) with brotli or gzip. Pages are small and fully
 * rendered before they leave, so the body is compressed in one piece. Static assets are served
 * pre-compressed by the adapter.
 */
export async function compress(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!response.body || response.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return response;
	if (request.method === 'HEAD' || response.status === 204 || response.status === 304) return response;
	const accept = request.headers.get('accept-encoding') ?? '';
	const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	if (!encoding) return new Response(response.body, init);
	const body = Buffer.from(await response.arrayBuffer());
	if (body.length < 512) return new Response(body, init);
	const etag = response.headers.get('etag');
	const key = etag ? `${encoding}:${etag}:${body.length}` : null;
	let compressed = key ? cache.get(key) : undefined;
	if (!compressed) {
		compressed =
			encoding === 'br'
				? await brotli(body, {
						params: {
							[zlib.constants.BROTLI_PARAM_QUALITY]: 5,
							[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length
						}
					})
				: await gzip(body, { level: 6 });
		if (key) {
			if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
			cache.set(key, compressed);
		}
	}
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(compressed.length));
	return new Response(new Uint8Array(compressed), init);
}
