import { describe, expect, it } from 'vitest';
import { PageCache, answerFromCache, cacheableRequest, localeCookieFor } from './page-cache';

const req = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
	new Request(`http://localhost${path}`, { method, headers });
const page = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, { status: 200, headers: { 'content-type': 'text/html', etag: '"e1"', ...headers } });

describe('page cache', () => {
	it('serves a stored page again for the same version, path and encoding, and not for another version', async () => {
		const cache = new PageCache();
		const r = req('/ru/programs?q=грант', { 'accept-encoding': 'br' });
		const key = cache.key('3:10:20', r, new URL(r.url));
		const sent = await cache.put(key, page('<p>programs</p>'), '<p>programs</p>');
		expect(await sent.text()).toBe('<p>programs</p>');
		const hit = cache.get(key, r);
		expect(await hit?.text()).toBe('<p>programs</p>');
		expect(hit?.headers.get('x-birge-cache')).toBe('hit');
		expect(cache.get(cache.key('4:11:31', r, new URL(r.url)), r)).toBeNull();
		const gzip = req('/ru/programs?q=грант', { 'accept-encoding': 'gzip' });
		expect(cache.get(cache.key('3:10:20', gzip, new URL(gzip.url)), gzip)).toBeNull();
	});

	it('answers 304 to a matching If-None-Match', async () => {
		const cache = new PageCache();
		const r = req('/ky');
		const key = cache.key('1:1:1', r, new URL(r.url));
		await cache.put(key, page('<p>home</p>'), '<p>home</p>');
		expect(cache.get(key, req('/ky', { 'if-none-match': '"e1"' }))?.status).toBe(304);
	});

	it('keeps no page with a POST form, another cookie than the language, or a status other than 200', async () => {
		const cache = new PageCache();
		const r = req('/en/auth/sign-in');
		const key = cache.key('1:1:1', r, new URL(r.url));
		const form = '<form method="post" action="?/x"><input name="k" value="per-visitor"></form>';
		await cache.put(key, page(form), form);
		await cache.put(key, page('<p>x</p>', { 'set-cookie': 'other=1' }), '<p>x</p>');
		await cache.put(key, new Response('<p>x</p>', { status: 404 }), '<p>x</p>');
		expect(cache.get(key, r)).toBeNull();
		expect(cache.stats.stored).toBe(0);
		await cache.put(key, page('<p>x</p>', { 'set-cookie': 'birge_locale=en; Path=/' }), '<p>x</p>');
		const hit = cache.get(key, r);
		expect(hit?.headers.get('set-cookie')).toBeNull();
	});

	it('expires entries and stays within its memory budget', async () => {
		let now = 0;
		const cache = new PageCache({ maxBytes: 64 * 1024, ttlMs: 1000, now: () => now });
		const big = 'x'.repeat(7000);
		for (let i = 0; i < 20; i++) {
			const r = req(`/ru/p${i}`);
			await cache.put(cache.key('1:1:1', r, new URL(r.url)), page(big), big);
		}
		expect(cache.stats.bytes).toBeLessThanOrEqual(64 * 1024);
		const last = req('/ru/p19');
		const key = cache.key('1:1:1', last, new URL(last.url));
		expect(cache.get(key, last)).not.toBeNull();
		now = 1001;
		expect(cache.get(key, last)).toBeNull();
	});

	it('never takes signed-in, non-GET, secret or health requests', () => {
		const ok = req('/ru/programs');
		expect(cacheableRequest(ok, new URL(ok.url))).toBe(true);
		for (const r of [
			req('/ru/programs', { cookie: 'birge_locale=ru; birge.session_token=abc' }),
			req('/ru/programs', { authorization: 'Bearer x' }),
			req('/ru/programs', {}, 'POST'),
			req('/programs/calendar/secret-token.ics'),
			req('/healthz'),
			req('/ru/exit')
		])
			expect(cacheableRequest(r, new URL(r.url))).toBe(false);
	});

	it('answers the server fast path from plain request values, with the same rules as the hooks', async () => {
		const cache = new PageCache();
		const r = req('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', { 'accept-encoding': 'br' });
		await cache.put(cache.key('m1:1', r, new URL(r.url)), page('<p>p</p>'), '<p>p</p>');
		const ask = (target: string, headers: Record<string, string> = {}, method = 'GET', host = true) =>
			answerFromCache(
				cache,
				'm1:1',
				{
					method,
					target,
					header: (name) => ({ 'accept-encoding': 'br', host: 'localhost', ...headers })[name],
					secure: false
				},
				() => host
			);
		const hit = ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82');
		expect(hit?.status).toBe(200);
		expect(new TextDecoder().decode(hit!.body!)).toBe('<p>p</p>');
		expect(hit?.headers).toContainEqual(['set-cookie', expect.stringMatching(/^birge_locale=ky; /)]);
		// The language cookie only when it differs; 304 on a matching ETag.
		const again = ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', { cookie: 'birge_locale=ky' });
		expect(again?.headers.some(([n]) => n === 'set-cookie')).toBe(false);
		expect(ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', { 'if-none-match': '"e1"' })?.status).toBe(
			304
		);
		// Refused: a host the edge hook refuses, a session, a POST, another encoding, another version.
		expect(ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', {}, 'GET', false)).toBeNull();
		expect(
			ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', { cookie: 'birge.session_token=x' })
		).toBeNull();
		expect(ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', {}, 'POST')).toBeNull();
		expect(ask('/ky/programs?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82', { 'accept-encoding': 'gzip' })).toBeNull();
		expect(ask('/ky/programs')).toBeNull();
	});

	it('sets the language cookie as the locale hook does: not on private pages, not when it is already set', () => {
		expect(localeCookieFor('/ru/programs', null, true)).toBe(
			'birge_locale=ru; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax; Secure'
		);
		expect(localeCookieFor('/ru/programs', 'a=1; birge_locale=ru', false)).toBeNull();
		expect(localeCookieFor('/ru/care', null, false)).toBeNull();
		expect(localeCookieFor('/api/v1/programs', null, false)).toBeNull();
	});
});
