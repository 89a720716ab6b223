import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '#lib/server/testing';
import { migrate, rowsOf } from '#lib/server/db';
import { DataVersions, dataVersion } from './page-cache';

describe('the data version behind the page cache', () => {
	let db: TestDb;
	beforeAll(async () => {
		db = await createTestDb({ seed: true });
	});
	afterAll(() => db?.close());

	it('changes when a content table is written, and not for housekeeping tables or reads', async () => {
		const d = db.handle.db;
		const v0 = await dataVersion(d);
		await d.execute(sql`select count(*) from programs_program`);
		await d.execute(
			sql`insert into core_rate_limit (key, window_start, count) values ('t', now(), 1) on conflict do nothing`
		);
		expect(await dataVersion(d)).toBe(v0);
		await d.execute(
			sql`update programs_program set updated_at = updated_at where slug = (select min(slug) from programs_program)`
		);
		const v1 = await dataVersion(d);
		expect(v1).not.toBe(v0);
		// Several statements in one transaction count once.
		await d.transaction(async (tx) => {
			await tx.execute(sql`update care_service set updated_at = updated_at`);
			await tx.execute(sql`update care_service set updated_at = updated_at`);
		});
		const [before, after] = [v1.split(':').map(Number), (await dataVersion(d)).split(':').map(Number)];
		expect(after[0]).toBe(before[0] + 1);
	});

	it('covers a table a later migration adds (triggers installed after every migration)', async () => {
		const d = db.handle.db;
		await d.execute(sql`create table test_later_module (id int primary key)`);
		await migrate(db.handle);
		const v0 = await dataVersion(d);
		await d.execute(sql`insert into test_later_module values (1)`);
		expect(await dataVersion(d)).not.toBe(v0);
		const triggers = rowsOf<{ n: number }>(
			await d.execute(
				sql`select count(*)::int as n from pg_trigger where tgname = 'core_data_change' and tgrelid = 'core_job'::regclass`
			)
		);
		expect(triggers[0].n).toBe(0);
	});

	it('keeps the version in memory from the change notifications: moves on a commit, not on a read or a rollback', async () => {
		const d = db.handle.db;
		const versions = new DataVersions(d);
		expect(versions.current()).toBeNull();
		let notified = 0;
		const unlisten = await db.handle.listen(
			'birge_data_change',
			() => {
				notified++;
				versions.bump();
			},
			() => versions.bump()
		);
		versions.setListening(true);
		const settle = async (want: number) => {
			for (let i = 0; i < 100 && notified < want; i++) await new Promise((r) => setTimeout(r, 20));
		};
		try {
			const v0 = versions.current();
			expect(v0).not.toBeNull();
			await d.execute(sql`select count(*) from programs_program`);
			await expect(
				d.transaction(async (tx) => {
					await tx.execute(sql`update care_service set updated_at = updated_at`);
					throw new Error('rolled back');
				})
			).rejects.toThrow('rolled back');
			await new Promise((r) => setTimeout(r, 100));
			expect(notified).toBe(0);
			expect(versions.current()).toBe(v0);
			// Two statements in one transaction: one notification, after the commit.
			await d.transaction(async (tx) => {
				await tx.execute(sql`update care_service set updated_at = updated_at`);
				await tx.execute(sql`update programs_program set updated_at = updated_at`);
			});
			await settle(1);
			expect(notified).toBe(1);
			expect(versions.current()).not.toBe(v0);
			expect(await versions.read()).toBe(versions.current());
		} finally {
			await unlisten();
		}
	});
});
