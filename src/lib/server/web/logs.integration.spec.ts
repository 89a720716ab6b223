import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, actor, type TestDb } from '#lib/server/testing';
import { describeError, log } from '#lib/server/log';
import { rowsOf } from '#lib/server/db';
import { coalitions } from '#lib/server/modules/coalitions';
import { accounts } from '#lib/server/modules/accounts';

/**
 * Real database errors on both engines (PGlite, PostgreSQL), caused by marked personal data, as the
 * error hook logs them: code, constraint and table only.
 */
const MARK = { name: 'Markedname Aiperi', email: 'marked.aiperi@example.org', phone: '+996700555444' };
let db: TestDb;
const lines: string[] = [];

beforeAll(async () => {
	db = await createTestDb({ seed: true, demo: true });
});
afterAll(async () => db?.close());
afterEach(() => vi.restoreAllMocks());

function capture() {
	vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
		lines.push(String(chunk));
		return true;
	});
}

describe('database errors in the log', () => {
	it('a NUL byte in a parameter: logged by SQLSTATE, without the values', async () => {
		const error = await db.handle.db
			.execute(
				sql`insert into auth_user (id, name, email, phone_number) values ('u-nul', ${MARK.name + '\0'}, ${MARK.email}, ${MARK.phone})`
			)
			.catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		capture();
		log.error('server error', { requestId: 'r1', route: '/x', error });
		const described = describeError(error);
		expect(described.name).toBe('DatabaseError');
		expect(String(described.sqlState)).toMatch(/^[0-9A-Z]{5}$/);
	});

	it('a unique violation: logged with its constraint and table, without the values', async () => {
		await accounts.signUpWithEmail(
			db.ctx(),
			{ name: MARK.name, email: MARK.email, password: 'marked-password-2026' },
			{ headers: new Headers() }
		);
		const error = await db.handle.db
			.execute(sql`insert into auth_user (id, name, email) values ('u-dup', ${MARK.name}, ${MARK.email})`)
			.catch((e) => e);
		capture();
		log.error('server error', { error });
		const described = describeError(error);
		expect(described).toMatchObject({ sqlState: '23505', table: 'auth_user' });
		expect(String(described.constraint)).toContain('email');
	});

	it('a join request with marked contact data that fails: nothing of it logged', async () => {
		const [row] = rowsOf<{ slug: string }>(
			await db.handle.db.execute(sql`select slug from coalitions_coalition limit 1`)
		);
		const error = await coalitions
			.requestJoin(
				db.ctx({ actor: actor('marked-user') }),
				row.slug,
				{
					organizationName: MARK.name,
					organizationKind: 'business_association',
					region: 'KG-B',
					womenRepresented: 10,
					barriers: [],
					contactPerson: MARK.name,
					contactEmail: MARK.email,
					contactPhone: MARK.phone,
					listed: true,
					// A NUL byte reaches the database, which refuses it (the request guard stops it on the web).
					message: `${MARK.name} ${MARK.email}\u0000`
				} as never,
				'once-key-1'
			)
			.catch((e) => e);
		// It fails in the database, and the error is logged as a 5xx would be.
		expect(error).toBeInstanceOf(Error);
		capture();
		log.error('server error', { error });
	});

	it('leaves none of the marked values in any captured line', () => {
		const text = lines.join('');
		expect(lines.length).toBeGreaterThanOrEqual(3);
		for (const value of [MARK.name, 'Markedname', MARK.email, 'marked.aiperi', MARK.phone, '700555444'])
			expect(text).not.toContain(value);
	});
});
