import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPeople, startServer, withApp, type TestServer } from './harness';

/**
 * Issue 9 against the built server and its real HTTP stack (Host headers, raw bodies), with plain
 * HTTP requests: no browser needed. Marked personal data is sent through every error path a test
 * can reach; none of it may appear in the server's output afterwards.
 */

const MARK = {
	name: 'Markedname Zhyldyz',
	email: 'marked.person@example.org',
	phone: '+996700987654',
	password: 'marked-password-2026'
};
const OWNER = { name: 'Owner', email: 'owner.sec@example.org', password: 'owner-password-2026' };

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A raw HTTP request: any Host header, any body, any content type. */
function raw(
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
				headers: options.headers ?? {}
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

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function statusLines(output: string): number[] {
	return output
		.split('\n')
		.filter((l) => l.includes('"msg":"request"'))
		.map((l) => JSON.parse(l).status as number);
}

describe('security probe without ORIGIN (loopback only)', () => {
	let server: TestServer;
	let host: string;
	const same = () => ({ origin: server.url, host, accept: 'text/html' });
	let cookie = '';
	let feedPath = '';

	beforeAll(async () => {
		server = await startServer({
			before: (dir) =>
				withApp(dir, async (_app, ctx) => {
					await setUpPeople(ctx, [{ person: OWNER }]);
					// Her private calendar feed (the page links it only once a program has a dated deadline).
					const { accounts } = await import('#lib/server/modules/accounts');
					const { programs } = await import('#lib/server/modules/programs');
					const owner = await accounts.findUserByEmail(ctx, OWNER.email);
					const token = await programs.feedToken({
						...ctx,
						actor: await accounts.loadActor(ctx.db, owner!.id)
					});
					feedPath = `/programs/calendar/${token}.ics`;
				})
		});
		host = new URL(server.url).host;
		const signIn = await raw(server.url, {
			method: 'POST',
			path: '/en/auth/sign-in',
			headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ email: OWNER.email, password: OWNER.password, next: '/en/programs/mine' })
		});
		expect(signIn.status).toBe(303);
		cookie = (signIn.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
		const mine = await raw(server.url, { path: '/en/programs/mine', headers: { host, cookie } });
		expect(mine.status).toBe(200);
	});
	afterAll(async () => server?.stop());

	it('answers a forged Host with 421 naming ORIGIN, and sends no mail for it', async () => {
		const before = server.outbox().length;
		const page = await raw(server.url, { path: '/en', headers: { host: 'evil.example' } });
		expect(page.status).toBe(421);
		expect(page.body).toContain('ORIGIN');
		const reset = await raw(server.url, {
			method: 'POST',
			path: '/en/auth/reset?/request',
			headers: {
				host: 'evil.example',
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: form({ email: OWNER.email })
		});
		expect(reset.status).toBe(421);
		for (const path of ['/en/programs/mine', '/api/v1/programs', '/api/v1/openapi.json', feedPath || '/x'])
			expect((await raw(server.url, { path, headers: { host: 'evil.example:3000', cookie } })).status).toBe(
				421
			);
		expect(server.outbox().length).toBe(before);
		// Loopback names are answered.
		for (const h of [`localhost:${new URL(server.url).port}`, host, `127.1.2.3:${new URL(server.url).port}`])
			expect((await raw(server.url, { path: '/healthz', headers: { host: h } })).status).toBe(200);
	});

	it('builds every link on the public origin: reset mail, feed, API', async () => {
		const reset = await raw(server.url, {
			method: 'POST',
			path: '/en/auth/reset?/request',
			headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ email: OWNER.email })
		});
		expect(reset.status).toBe(200);
		const mail = server.outbox().at(-1)!;
		expect(new URL(mail.url!).origin).toBe(server.url);
		const api = JSON.parse((await raw(server.url, { path: '/api/v1/programs', headers: { host } })).body);
		for (const item of api.items) expect(item.url.startsWith(server.url + '/')).toBe(true);
		expect(feedPath).not.toBe('');
		const feed = await raw(server.url, { path: feedPath, headers: { host } });
		expect(feed.status).toBe(200);
	});

	it('refuses NUL bytes and invalid UTF-8 in paths, queries, fields and uploads with 400 in her language', async () => {
		const cases: { method?: string; path: string; type?: string; body?: string | Buffer }[] = [
			{ path: '/en/programs%00' },
			{ path: '/en/programs?q=%00' },
			{ path: '/en/programs?q=%FF' },
			{ path: '/en/coalitions/kg%C3%28' },
			{ path: '/api/v1/programs?q=a%00b' },
			{
				method: 'POST',
				path: '/en/auth/sign-in',
				type: 'application/x-www-form-urlencoded',
				body: form({ email: MARK.email + '\0', password: MARK.password })
			},
			{
				method: 'POST',
				path: '/en/auth/sign-up',
				type: 'application/x-www-form-urlencoded',
				body: `name=${encodeURIComponent(MARK.name)}%C3%28&email=${encodeURIComponent(MARK.email)}&password=x`
			},
			{
				method: 'POST',
				path: '/en/coalitions/kg/join',
				type: 'application/x-www-form-urlencoded',
				body: form({ contactPerson: MARK.name + '\0', contactEmail: MARK.email, contactPhone: MARK.phone })
			},
			{
				method: 'POST',
				path: '/api/v1/programs/match',
				type: 'application/json',
				body: JSON.stringify({ country: 'KG\u0000', name: MARK.name })
			},
			{
				method: 'POST',
				path: '/en/coalitions/kg/import?/check',
				type: 'multipart/form-data; boundary=XyZ',
				body: Buffer.concat([
					Buffer.from(
						'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\n'
					),
					Buffer.from([0x61, 0x2c, 0xff, 0xfe, 0x00, 0x0d, 0x0a]),
					Buffer.from('\r\n--XyZ--\r\n')
				])
			}
		];
		for (const c of cases) {
			const reply = await raw(server.url, {
				method: c.method,
				path: c.path,
				headers: {
					...same(),
					cookie,
					'accept-language': 'ru',
					...(c.type ? { 'content-type': c.type } : {})
				},
				body: c.body
			});
			expect(reply.status, `${c.method ?? 'GET'} ${c.path}`).toBe(400);
		}
		const ru = await raw(server.url, { path: '/ru/programs?q=%00', headers: { host } });
		expect(ru.body).toContain('Запрос не удалось прочитать');
	});

	it('answers malformed bodies on actions with 400', async () => {
		for (const [path, type, body] of [
			['/en/auth/sign-in', 'text/plain', 'email=x'],
			['/en/auth/sign-in', 'multipart/form-data', 'email=x'],
			['/en/coalitions/kg/join', 'application/json', '{"a":1}'],
			['/en/account?/revoke', 'multipart/form-data; boundary=zz', 'not multipart at all'],
			['/en/programs/check?/save', 'application/x-www-form-urlencoded', '%zz=%']
		]) {
			const reply = await raw(server.url, {
				method: 'POST',
				path,
				headers: { ...same(), cookie, 'content-type': type },
				body
			});
			expect(reply.status, `${path} ${type}`).toBe(400);
		}
	});

	it('follows `next` only to same-origin paths without control characters', async () => {
		for (const next of [
			'/en/account\r\nSet-Cookie: x=1',
			'//evil.example/en/',
			'/en/\\evil',
			'https://evil.example/en/'
		]) {
			const reply = await raw(server.url, {
				method: 'POST',
				path: '/en/auth/sign-in',
				headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
				body: form({ email: OWNER.email, password: OWNER.password, next })
			});
			expect(reply.status).toBe(303);
			expect(reply.headers.location).toBe('/en/account');
		}
		const get = await raw(server.url, {
			path: '/en/auth/sign-in?next=' + encodeURIComponent('/en/x\r\nLocation: //evil'),
			headers: { host, cookie }
		});
		expect(get.status).toBe(303);
		expect(get.headers.location).toBe('/en/account');
	});

	it('answers unknown slugs with 404 and forbidden pages and actions with 403', async () => {
		for (const path of [
			'/en/coalitions/nope',
			'/en/coalitions/nope/members',
			'/en/coalitions/kg/items/nope',
			'/en/programs/no-such-program',
			'/en/admin/organizations/nope'
		]) {
			const reply = await raw(server.url, { path, headers: { host, cookie } });
			expect([403, 404], path).toContain(reply.status);
			if (!path.startsWith('/en/admin')) expect(reply.status, path).toBe(404);
		}
		const api = await raw(server.url, { path: '/api/v1/coalitions/nope/recommendations', headers: { host } });
		expect(api.status).toBe(404);
		expect(JSON.parse(api.body).error.code).toBe('NOT_FOUND');
		for (const path of [
			'/en/coalitions/kg/manage',
			'/en/coalitions/kg/import',
			'/en/programs/curate',
			'/en/admin/organizations',
			'/en/care-review',
			'/en/programs/curate/export'
		]) {
			const reply = await raw(server.url, { path, headers: { host, cookie } });
			expect(reply.status, path).toBe(403);
		}
		const action = await raw(server.url, {
			method: 'POST',
			path: '/en/coalitions/kg/manage?/agenda',
			headers: { ...same(), cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ agendaTitle: 'x' })
		});
		expect(action.status).toBe(403);
		const anon = await raw(server.url, {
			method: 'POST',
			path: '/en/admin/organizations?/create',
			headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ slug: 'x' })
		});
		// Refused, then the page's load sends her to sign in.
		expect(anon.status).toBe(303);
		expect(anon.headers.location).toContain('/en/auth/sign-in?next=');
	});

	it('answers phone-code failures with 4xx and a message, and never shows session tokens', async () => {
		await raw(server.url, {
			method: 'POST',
			path: '/en/auth/phone?/send',
			headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ phone: MARK.phone })
		});
		const wrong = await raw(server.url, {
			method: 'POST',
			path: '/en/auth/phone?/verify',
			headers: { ...same(), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ phone: MARK.phone, code: '000001' })
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body).toContain('The code is wrong or has expired');
		const account = await raw(server.url, { path: '/en/account', headers: { host, cookie } });
		const token = decodeURIComponent(cookie.split('birge.session_token=')[1]?.split(';')[0] ?? '').split(
			'.'
		)[0];
		expect(token.length).toBeGreaterThan(10);
		expect(account.body).not.toContain(token);
		const revoke = await raw(server.url, {
			method: 'POST',
			path: '/en/account?/revoke',
			headers: { ...same(), cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ session: 'not-her-session' })
		});
		expect(revoke.status).toBe(404);
	});

	it('leaves no marked value, token or feed secret in the log, and no 5xx among these cases', () => {
		const output = server.output();
		for (const value of [
			MARK.email,
			MARK.name,
			'Markedname',
			MARK.phone,
			'700987654',
			MARK.password,
			OWNER.email
		])
			expect(output, value).not.toContain(value);
		const feedToken = feedPath
			.split('/')
			.at(-1)!
			.replace(/\.ics$/, '');
		expect(output).not.toContain(feedToken);
		expect(output).toContain('/programs/calendar/[token]');
		expect(statusLines(output).filter((s) => s >= 500)).toEqual([]);
	});
});

describe('security probe with ORIGIN', () => {
	let server: TestServer;
	beforeAll(async () => {
		server = await startServer({
			env: { ORIGIN: 'https://birge.example.org' },
			before: (dir) =>
				withApp(dir, async (_app, ctx) => {
					await setUpPeople(ctx, [{ person: OWNER }]);
				})
		});
	});
	afterAll(async () => server?.stop());

	it('e-mails reset links on ORIGIN whatever Host and Origin a request forges', async () => {
		for (const forged of ['evil.example', 'birge.example.org.evil.example']) {
			await raw(server.url, {
				method: 'POST',
				path: '/en/auth/reset?/request',
				headers: {
					host: forged,
					origin: `http://${forged}`,
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: form({ email: OWNER.email })
			});
		}
		await raw(server.url, {
			method: 'POST',
			path: '/en/auth/reset?/request',
			headers: {
				host: 'evil.example',
				origin: 'https://birge.example.org',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: form({ email: OWNER.email })
		});
		const mails = server.outbox().filter((m) => m.kind === 'mail');
		expect(mails.length).toBeGreaterThan(0);
		for (const m of mails) {
			expect(new URL(m.url!).origin).toBe('https://birge.example.org');
			expect(m.text).not.toContain('evil');
		}
	});
});
