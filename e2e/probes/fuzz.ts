import path from 'node:path';
import fc from 'fast-check';
import { encodeLoose, encodedValue, fieldNames, hostileJson, hostileText, INJECTIONS } from './hostile';
import type { Row } from './table';

/**
 * The fuzz probe's inputs: requests built by fast-check from the authorization table's rows, in
 * five endpoint classes. Each input is a complete request; the probe sends it and checks the answer.
 */

export type Session = 'anon' | 'entrepreneur' | 'coordinator' | 'admin';
export const SESSIONS: Session[] = ['anon', 'entrepreneur', 'coordinator', 'admin'];

export interface FuzzRequest {
	className: string;
	session: Session;
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Buffer;
}

export const CLASSES = ['form', 'multipart', 'json', 'query', 'path'] as const;

/** Actions that end or cut the session the probe signs in with: fuzzed anonymously only. */
const SESSION_ENDING = /\/auth\/sign-out |ACTION revokeOthers$/;

function routeDir(row: Row): string {
	const id = row.target.split(' ')[0];
	return path.resolve('src/routes' + id);
}

const actionRows = (table: Row[]) => {
	const seen = new Set<string>();
	return table.filter((r) => {
		if (!r.action) return false;
		const key = `${r.target}|${r.variant ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
};

const targetOf = (row: Row, p: string) =>
	row.action && row.action !== 'default' ? `${p}?/${row.action}` : p;

const sessionFor = (row: Row): fc.Arbitrary<Session> =>
	SESSION_ENDING.test(row.target) ? fc.constant('anon') : fc.constantFrom(...SESSIONS);

/** Field names: the route's own form fields, invented ones, and hostile names. */
function fieldsFor(row: Row): fc.Arbitrary<[string, string][]> {
	const own = fieldNames(routeDir(row));
	const name = fc.oneof(
		{ weight: 5, arbitrary: own.length ? fc.constantFrom(...own) : fc.constant('q') },
		{
			weight: 1,
			arbitrary: fc.constantFrom('next', 'organizationId', 'id', 'locale', '__proto__', 'constructor')
		},
		{ weight: 1, arbitrary: hostileText.map((s) => s.slice(0, 200)) }
	);
	return fc.array(fc.tuple(name, fc.constant('')), { minLength: 0, maxLength: 12 });
}

function urlencoded(row: Row): fc.Arbitrary<string> {
	return fieldsFor(row).chain((pairs) =>
		fc
			.array(encodedValue, { minLength: pairs.length, maxLength: pairs.length })
			.map((values) => pairs.map(([k], i) => `${encodeLoose(k)}=${values[i]}`).join('&'))
	);
}

const BOUNDARY = 'ProbeBoundary7d3a';

function multipart(row: Row): fc.Arbitrary<{ type: string; body: Buffer }> {
	const part = fc.tuple(
		fc.constantFrom(...(fieldNames(routeDir(row)).length ? fieldNames(routeDir(row)) : ['file'])),
		fc.oneof(
			hostileText.map((s) => ({ file: false as const, bytes: Buffer.from(s) })),
			fc
				.tuple(
					fc.constantFrom(...INJECTIONS, 'a.csv', 'x.jpg', '../../etc/passwd', 'a\r\nb.csv', 'ф.txt'),
					fc.uint8Array({ maxLength: 2048 }),
					fc.constantFrom(
						'text/csv',
						'image/jpeg',
						'application/octet-stream',
						'text/plain',
						'',
						'x/y; charset=\u0000'
					)
				)
				.map(([filename, bytes, type]) => ({
					file: true as const,
					filename,
					type,
					bytes: Buffer.from(bytes)
				}))
		)
	);
	const whole = fc
		.array(part, { minLength: 0, maxLength: 6 })
		.map((parts) =>
			Buffer.concat([
				...parts.flatMap(([name, value]) => [
					Buffer.from(
						`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"` +
							(value.file
								? `; filename="${value.filename.replace(/"/g, '')}"\r\nContent-Type: ${value.type}`
								: '') +
							'\r\n\r\n'
					),
					value.bytes,
					Buffer.from('\r\n')
				]),
				Buffer.from(`--${BOUNDARY}--\r\n`)
			])
		);
	return fc.oneof(
		{
			weight: 4,
			arbitrary: whole.map((body) => ({ type: `multipart/form-data; boundary=${BOUNDARY}`, body }))
		},
		// Broken: cut short, wrong or missing boundary, garbage.
		{
			weight: 3,
			arbitrary: fc
				.tuple(
					whole,
					fc.nat(),
					fc.constantFrom(
						`multipart/form-data; boundary=${BOUNDARY}`,
						'multipart/form-data',
						'multipart/form-data; boundary=',
						'multipart/form-data; boundary=other',
						`multipart/form-data; boundary="${'x'.repeat(300)}"`,
						'multipart/mixed; boundary=' + BOUNDARY
					)
				)
				.map(([body, cut, type]) => ({ type, body: body.subarray(0, body.length ? cut % body.length : 0) }))
		},
		{
			weight: 1,
			arbitrary: fc
				.uint8Array({ maxLength: 4096 })
				.map((b) => ({ type: `multipart/form-data; boundary=${BOUNDARY}`, body: Buffer.from(b) }))
		}
	);
}

/** A dynamic segment replaced by a hostile value, percent-encoded (or a raw traversal). */
function hostilePath(row: Row, ids: Record<string, string>): fc.Arbitrary<string> {
	const real = row.path(ids);
	const segments = real.split('/');
	const id = row.target.split(' ')[0].split('/');
	// Which segments are parameters: [slug], [id], [token], [name] in the route id, shifted by locale.
	const dynamic = id.map((s, i) => (/^\[.*\]$/.test(s) ? i : -1)).filter((i) => i >= 0);
	const positions = dynamic.length ? dynamic : [segments.length - 1];
	return fc
		.tuple(
			fc.constantFrom(...positions),
			fc.oneof(
				encodedValue,
				fc.constantFrom('..', '%2e%2e', '..%2f..%2f', '%2F', '.', '%00', 'a'.repeat(5000))
			)
		)
		.map(([pos, value]) => {
			const copy = [...segments];
			// Under the 16 KB request-line limit, so that the application reads it.
			copy[Math.min(pos, copy.length - 1)] = value === '' ? 'x' : value.slice(0, 6000);
			return copy.join('/');
		});
}

/** Query strings: the table's GETs with hostile parameters (names the pages read, and others). */
const QUERY_NAMES = [
	'q',
	'country',
	'region',
	'sector',
	'kind',
	'kinds',
	'locale',
	'page',
	'cursor',
	'limit',
	'sort',
	'next',
	'token',
	'done',
	'amount',
	'rate',
	'months',
	'price',
	'cost',
	'currency',
	'status',
	'barrier',
	'format',
	'lang',
	'size'
];

function query(): fc.Arbitrary<string> {
	return (
		fc
			.array(
				fc.tuple(
					fc.oneof(
						fc.constantFrom(...QUERY_NAMES),
						hostileText.map((s) => encodeLoose(s.slice(0, 100)))
					),
					encodedValue
				),
				{ minLength: 1, maxLength: 8 }
			)
			// Mostly under the 16 KB request-line limit, so that the application reads them.
			.map((pairs) => pairs.map(([k, v]) => `${k}=${v.slice(0, 3000)}`).join('&'))
			.chain((q) =>
				fc.oneof(
					{ weight: 20, arbitrary: fc.constant(q) },
					{ weight: 1, arbitrary: fc.constant(q + '&huge=' + 'A'.repeat(100_000)) }
				)
			)
	);
}

/** The rows a class fuzzes: every action, every JSON endpoint, every GET, every GET with parameters. */
export function classRows(className: (typeof CLASSES)[number], table: Row[]): Row[] {
	const actions = actionRows(table);
	const gets = table.filter((r) => r.method === 'GET');
	const posts = table.filter((r) => !r.action && r.method !== 'GET');
	switch (className) {
		case 'form':
		case 'multipart':
			return actions;
		case 'json':
			// The JSON endpoints, and JSON (or worse) sent where a form is expected.
			return [...posts, ...actions];
		case 'query':
			return gets;
		case 'path':
			return gets.filter((r) => r.target.includes('['));
	}
}

/** Hostile requests of one class for one row. */
export function arbitraryFor(
	className: (typeof CLASSES)[number],
	row: Row,
	ids: Record<string, string>,
	origin: string,
	host: string
): fc.Arbitrary<FuzzRequest> {
	const base = (session: Session, extra: Record<string, string> = {}) => ({
		host,
		origin,
		accept: 'text/html',
		...extra
	});
	switch (className) {
		case 'form':
			return fc.constant(row).chain((row) =>
				fc.tuple(sessionFor(row), urlencoded(row)).map(([session, body]) => ({
					className,
					session,
					method: 'POST',
					path: targetOf(row, row.path(ids)),
					headers: base(session, { 'content-type': 'application/x-www-form-urlencoded' }),
					body: Buffer.from(body, 'latin1')
				}))
			);
		case 'multipart':
			return fc.constant(row).chain((row) =>
				fc.tuple(sessionFor(row), multipart(row)).map(([session, { type, body }]) => ({
					className,
					session,
					method: 'POST',
					path: targetOf(row, row.path(ids)),
					headers: base(session, { 'content-type': type }),
					body
				}))
			);
		case 'json':
			return fc.constant(row).chain((row) =>
				fc
					.tuple(
						sessionFor(row),
						hostileJson,
						fc.constantFrom(
							'application/json',
							'application/json; charset=utf-8',
							'text/plain',
							'application/x-www-form-urlencoded'
						)
					)
					.map(([session, body, type]) => ({
						className,
						session,
						method: row.method,
						path: targetOf(row, row.path(ids)),
						headers: base(session, { 'content-type': type, accept: 'application/json' }),
						body: Buffer.from(body)
					}))
			);
		case 'query':
			return fc.tuple(fc.constant(row), fc.constantFrom(...SESSIONS), query()).map(([row, session, q]) => ({
				className,
				session,
				method: 'GET',
				path: `${row.path(ids).split('?')[0]}?${q}`,
				headers: base(session)
			}));
		case 'path':
			return fc.constant(row).chain((row) =>
				fc.tuple(fc.constantFrom(...SESSIONS), hostilePath(row, ids)).map(([session, p]) => ({
					className,
					session,
					method: 'GET',
					path: p,
					headers: base(session)
				}))
			);
	}
}
