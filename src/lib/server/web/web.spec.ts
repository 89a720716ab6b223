import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { checkCrossSite, securityHeaders } from './security';
import { compress } from './compress';
import { cleanTarget, inspectBody } from './guard';
import { hostAllowed, isLoopbackHost, publicOrigin } from './origin';
import { loggablePath } from './secret-paths.js';
import { safeNext } from './forms';

const post = (headers: Record<string, string>, path = '/en/auth/sign-in') =>
	new Request(`http://localhost:3000${path}`, { method: 'POST', headers });

describe('cross-site check', () => {
	const url = new URL('http://localhost:3000/en/auth/sign-in');
	const trusted = 'https://birge.example.org';
	it('allows same-origin and trusted-origin writes and every GET', () => {
		expect(checkCrossSite(post({ origin: 'http://localhost:3000' }), url, trusted)).toBe('allow');
		expect(checkCrossSite(post({ origin: trusted }), url, trusted)).toBe('allow');
		expect(
			checkCrossSite(new Request(url, { headers: { origin: 'https://evil.example' } }), url, trusted)
		).toBe('allow');
		expect(checkCrossSite(post({ 'sec-fetch-site': 'same-origin' }), url, trusted)).toBe('allow');
	});
	it('denies other origins, cross-site fetch metadata, and header-less page posts', () => {
		expect(checkCrossSite(post({ origin: 'https://evil.example' }), url, trusted)).toBe('deny');
		expect(
			checkCrossSite(post({ origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' }), url, trusted)
		).toBe('deny');
		expect(checkCrossSite(post({ 'sec-fetch-site': 'same-site' }), url, trusted)).toBe('deny');
		expect(checkCrossSite(post({}), url, trusted)).toBe('deny');
		const api = new URL('http://localhost:3000/api/v1/programs/match');
		expect(checkCrossSite(post({}, '/api/v1/programs/match'), api, trusted)).toBe('allow');
	});
});

describe('compression', () => {
	const page = 'Бирге '.repeat(400);
	const response = () => new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
	it('brotli when accepted, else gzip, else identity; Vary always set', async () => {
		const br = await compress(
			new Request('http://x/', { headers: { 'accept-encoding': 'gzip, br' } }),
			response()
		);
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(zlib.brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(page);
		const gz = await compress(
			new Request('http://x/', { headers: { 'accept-encoding': 'gzip' } }),
			response()
		);
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
		const plain = await compress(new Request('http://x/'), response());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toContain('Accept-Encoding');
	});
	it('leaves images, small bodies and HEAD alone', async () => {
		const req = new Request('http://x/', { headers: { 'accept-encoding': 'br' } });
		const png = new Response(new Uint8Array(2000), { headers: { 'content-type': 'image/png' } });
		expect((await compress(req, png)).headers.get('content-encoding')).toBeNull();
		const small = new Response('ok', { headers: { 'content-type': 'text/plain' } });
		expect((await compress(req, small)).headers.get('content-encoding')).toBeNull();
	});
});

describe('cookies', () => {
	it('applySetCookies keeps the auth library’s attributes', async () => {
		const { applySetCookies } = await import('./forms');
		const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
		const cookies = {
			set: (name: string, value: string, options: Record<string, unknown>) =>
				set.push({ name, value, options })
		};
		applySetCookies(cookies as never, [
			'birge.session_token=abc.def; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax',
			'birge.x=1; Path=/; Secure; SameSite=Strict'
		]);
		expect(set[0]).toMatchObject({
			name: 'birge.session_token',
			value: 'abc.def',
			options: { maxAge: 2592000, path: '/', httpOnly: true, sameSite: 'lax', secure: false }
		});
		expect(set[1].options).toMatchObject({ secure: true, sameSite: 'strict' });
	});
});

describe('origin', () => {
	it('answers loopback hosts only without ORIGIN', () => {
		for (const h of [
			'localhost',
			'localhost:3000',
			'127.0.0.1',
			'127.8.9.10:80',
			'[::1]',
			'[::1]:3000',
			'LOCALHOST.'
		])
			expect(isLoopbackHost(h), h).toBe(true);
		for (const h of [
			'evil.example',
			'localhost.evil.example',
			'127.0.0.1.evil.example',
			'128.0.0.1',
			'[::2]',
			'10.0.0.1:3000',
			'',
			'127.0.0.01'
		])
			expect(isLoopbackHost(h), h).toBe(false);
		expect(hostAllowed({ ORIGIN: undefined }, 'evil.example')).toBe(false);
		expect(hostAllowed({ ORIGIN: 'https://birge.example.org' }, 'evil.example')).toBe(true);
	});
	it('builds links on ORIGIN, else on the loopback address', () => {
		expect(publicOrigin({ ORIGIN: 'https://birge.example.org/', HOST: '0.0.0.0', PORT: 3000 })).toBe(
			'https://birge.example.org'
		);
		expect(publicOrigin({ ORIGIN: undefined, HOST: '0.0.0.0', PORT: 3000 })).toBe('http://localhost:3000');
		expect(publicOrigin({ ORIGIN: undefined, HOST: '127.0.0.1', PORT: 4000 })).toBe('http://127.0.0.1:4000');
	});
});

describe('request guard', () => {
	it('refuses NUL and invalid UTF-8 in paths and queries', () => {
		expect(cleanTarget('/en/programs', '?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82')).toBe(true);
		expect(cleanTarget('/en/programs%00', '')).toBe(false);
		expect(cleanTarget('/en/programs', '?q=%00')).toBe(false);
		expect(cleanTarget('/en/programs', '?q=%FF')).toBe(false);
		expect(cleanTarget('/en/%C3%28', '')).toBe(false);
	});
	it('refuses bad form, multipart and JSON bodies, and accepts good ones', async () => {
		const req = (type: string, body: BodyInit) =>
			new Request('http://x/en/a', { method: 'POST', headers: { 'content-type': type }, body });
		const form = 'application/x-www-form-urlencoded';
		expect(await inspectBody(req(form, 'a=%D0%B0&b=c'), { form: true })).toEqual({ ok: true });
		expect((await inspectBody(req(form, 'a=%00'), { form: true })).ok).toBe(false);
		expect((await inspectBody(req(form, 'a=%C3%28'), { form: true })).ok).toBe(false);
		expect((await inspectBody(req('text/plain', 'a=b'), { form: true })).ok).toBe(false);
		expect((await inspectBody(req('multipart/form-data', 'x'), { form: true })).ok).toBe(false);
		const fd = new FormData();
		fd.set('name', 'Айгүл');
		fd.set('file', new File(['a,b\r\n1,2'], 'x.csv', { type: 'text/csv' }));
		expect(
			await inspectBody(new Request('http://x/en/a', { method: 'POST', body: fd }), { form: true })
		).toEqual({
			ok: true
		});
		const bad = new FormData();
		bad.set('file', new File([new Uint8Array([0x61, 0xff, 0x00])], 'x.csv', { type: 'text/csv' }));
		expect(
			(await inspectBody(new Request('http://x/en/a', { method: 'POST', body: bad }), { form: true })).ok
		).toBe(false);
		expect(await inspectBody(req('application/json', '{"a":"б"}'), { form: false })).toEqual({ ok: true });
		expect((await inspectBody(req('application/json', '{"a":"\\u0000"}'), { form: false })).ok).toBe(false);
		expect((await inspectBody(req('application/json', '{"a":"\\ud800"}'), { form: false })).ok).toBe(false);
	});
});

describe('secret paths and next', () => {
	it('logs secret paths by their pattern', () => {
		expect(loggablePath('/programs/calendar/abcDEF123.ics?lang=ky')).toBe('/programs/calendar/[token]');
		expect(loggablePath('/en/programs?q=secret')).toBe('/en/programs');
	});
	it('follows only same-origin paths under the locale without control characters', () => {
		expect(safeNext('/en/programs/mine?x=1', 'en')).toBe('/en/programs/mine?x=1');
		for (const bad of [
			'/en/a\r\nSet-Cookie: x',
			'//evil.example/en/',
			'/en/\\evil',
			'https://evil.example/en/',
			'/ru/a',
			'/en/a\u0000',
			null
		])
			expect(safeNext(bad, 'en'), String(bad)).toBe('/en/account');
	});
});

describe('security headers', () => {
	it('keeps resources same-origin unless a response widens it for itself (public files)', () => {
		const page = new Headers();
		securityHeaders(page, { privatePage: false });
		expect(page.get('cross-origin-resource-policy')).toBe('same-origin');
		expect(page.get('x-frame-options')).toBe('DENY');
		const photo = new Headers({ 'cross-origin-resource-policy': 'cross-origin' });
		securityHeaders(photo, { privatePage: false });
		expect(photo.get('cross-origin-resource-policy')).toBe('cross-origin');
	});

	it('private pages send no cookie, no referrer and nothing to cache', () => {
		const care = new Headers({ 'set-cookie': 'birge_locale=ky' });
		securityHeaders(care, { privatePage: true });
		expect(care.get('set-cookie')).toBeNull();
		expect(care.get('cache-control')).toBe('no-store');
		expect(care.get('referrer-policy')).toBe('no-referrer');
	});
});
