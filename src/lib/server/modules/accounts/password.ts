import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with argon2id (OWASP: at least 19 MiB memory, 2 passes, 1 lane), stored in the
 * PHC string format so parameters can be raised later without breaking old hashes.
 */
export const ARGON2_PARAMS = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 } as const;

function derive(
	password: string,
	nonce: Buffer,
	p: { memory: number; passes: number; parallelism: number; tagLength: number }
) {
	return new Promise<Buffer>((resolve, reject) =>
		argon2('argon2id', { message: password, nonce, ...p }, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string): Promise<string> {
	const nonce = randomBytes(16);
	const key = await derive(password, nonce, ARGON2_PARAMS);
	const { memory, passes, parallelism } = ARGON2_PARAMS;
	return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(nonce)}$${b64(key)}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
	if (!match) return false;
	const [, m, t, p, nonce, tag] = match;
	const expected = Buffer.from(tag, 'base64');
	const actual = await derive(password, Buffer.from(nonce, 'base64'), {
		memory: Number(m),
		passes: Number(t),
		parallelism: Number(p),
		tagLength: expected.length
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}
