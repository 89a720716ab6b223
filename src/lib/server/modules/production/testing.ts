import { sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db';
import { actor } from '#lib/server/testing';

/**
 * Test and bench helper: a bare account row (coordinators reference accounts), written with plain SQL
 * so that this module does not reach into the accounts module's tables.
 */
export async function makeUser(db: Db, id: string) {
	await db.execute(
		sql`insert into auth_user (id, name, email) values (${id}, ${`User ${id}`}, ${`${id}@example.test`}) on conflict do nothing`
	);
	return actor(id);
}
