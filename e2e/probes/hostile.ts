import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

/** Hostile input for the fuzz probe: what an outside tester throws at every field. */

export const INJECTIONS = [
	"' OR '1'='1",
	"1'; DROP TABLE auth_user; --",
	'1 UNION SELECT password FROM auth_account --',
	"\\'; SELECT pg_sleep(5); --",
	'%27%20OR%201%3D1',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"javascript:alert('x')",
	'<svg/onload=alert(1)>',
	'{{7*7}}${7*7}<%= 7*7 %>',
	'../../../../etc/passwd',
	'..%2F..%2F..%2Fetc%2Fpasswd',
	'..\\..\\windows\\win.ini',
	'/etc/passwd\0.jpg',
	'file:///etc/passwd',
	'\r\nSet-Cookie: probe=1',
	'x\r\nLocation: https://evil.example',
	'%0d%0aSet-Cookie:%20probe=1',
	'//evil.example/',
	'https://evil.example/',
	'/\\evil.example',
	'\u202e\u0000\ufeff',
	'\ud800',
	'\udfff\ud800',
	'NaN',
	'Infinity',
	'-1',
	'1e309',
	'99999999999999999999999999',
	'-0',
	'0x10',
	'',
	' ',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
	'{"__proto__":{"admin":true}}',
	'__proto__',
	'constructor',
	'2026-02-30',
	'9999-99-99',
	'KG',
	'XX',
	'en',
	'💥'.repeat(64)
];

const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** A text value: injection strings, control characters and NUL, lone surrogates, long and huge strings. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
	{ weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{
		weight: 1,
		arbitrary: fc
			.array(fc.oneof(control, lone, fc.constantFrom('a', 'я', '\0')), { maxLength: 20 })
			.map((a) => a.join(''))
	},
	{ weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => 'ж'.repeat(n)) },
	{ weight: 1, arbitrary: fc.constant('A'.repeat(100_000)) },
	{ weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) }
);

/** Raw bytes, percent-encoded: invalid UTF-8 and NUL once decoded. */
export const hostileBytes: fc.Arbitrary<string> = fc
	.uint8Array({ minLength: 1, maxLength: 24 })
	.map((bytes) => [...bytes].map((b) => '%' + b.toString(16).padStart(2, '0')).join(''));

/** A percent-encoded value for a url-encoded body or a query string. */
export const encodedValue: fc.Arbitrary<string> = fc.oneof(
	{ weight: 5, arbitrary: hostileText.map((s) => encodeLoose(s)) },
	{ weight: 2, arbitrary: hostileBytes },
	{ weight: 1, arbitrary: fc.constantFrom('%', '%G0', '%E2%82', '%C3%28', '%ED%A0%80', '+%00+') }
);

/** encodeURIComponent that does not throw on lone surrogates (they go out as raw WTF-8 bytes). */
export function encodeLoose(s: string): string {
	let out = '';
	for (const ch of s) {
		const code = ch.charCodeAt(0);
		if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
			out +=
				'%' +
				[0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
					.map((b) => b.toString(16))
					.join('%');
		else out += encodeURIComponent(ch);
	}
	return out;
}

/** JSON that is deep, wrong-typed, huge or not JSON at all. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
	{
		weight: 3,
		arbitrary: fc
			.dictionary(
				fc.constantFrom(
					'country',
					'region',
					'sector',
					'name',
					'q',
					'locale',
					'kinds',
					'amount',
					'size',
					'__proto__'
				),
				fc.oneof(hostileText, fc.jsonValue({ maxDepth: 2 }))
			)
			.map((o) => JSON.stringify(o))
	},
	{ weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
	{
		weight: 1,
		arbitrary: fc.integer({ min: 100, max: 50_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n))
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'',
			'{',
			'{"country":',
			'null',
			'"KG"',
			'1e999',
			'[1,2,',
			'\u0000',
			'{"country":"KG\\u0000"}'
		)
	},
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) }
);

/** The field names a route's forms use (read from its .svelte files), for fuzzing the right fields. */
export function fieldNames(routeDir: string): string[] {
	const names = new Set<string>();
	const dirs = [routeDir, path.dirname(routeDir)];
	for (const dir of dirs) {
		if (!fs.existsSync(dir)) continue;
		for (const file of fs.readdirSync(dir)) {
			if (!file.endsWith('.svelte')) continue;
			const text = fs.readFileSync(path.join(dir, file), 'utf8');
			for (const m of text.matchAll(/\bname="([A-Za-z_][\w.[\]-]*)"/g)) names.add(m[1]);
		}
	}
	return [...names];
}
