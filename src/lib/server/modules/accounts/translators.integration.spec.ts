import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actor, createTestDb, type TestDb } from '#lib/server/testing';
import { auditTrail, translatorLocales } from '#lib/server/core';
import { authUser, roleGrant } from '#lib/server/db/schema';
import { accounts } from './index';
import { loadActor } from './organizations';

const NOW = new Date('2026-12-01T14:00:00Z');
let db: TestDb;
const admin = actor('admin-1', [{ role: 'platform_admin', country: null, organizationId: null }]);
const editor = actor('editor-1', [{ role: 'care_editor', country: 'KG', organizationId: null }]);

beforeAll(async () => {
	db = await createTestDb();
	await db.handle.db.insert(authUser).values([
		{ id: 'admin-1', name: 'Admin', email: 'admin@example.org', locale: 'ru' },
		{ id: 'tr-1', name: 'Aigul', email: 'aigul@example.org', locale: 'ky' }
	]);
});
afterAll(async () => db?.close());

const grants = () => db.handle.db.select().from(roleGrant).where(eq(roleGrant.userId, 'tr-1'));

describe('translators per locale (admin page)', () => {
	it('refuses everyone but platform admins, and changes nothing', async () => {
		for (const who of [null, editor]) {
			const ctx = db.ctx({ actor: who ?? undefined, now: NOW });
			const code = who ? 'FORBIDDEN' : 'UNAUTHENTICATED';
			await expect(accounts.listTranslators(ctx)).rejects.toMatchObject({ code });
			await expect(
				accounts.grantTranslator(ctx, { email: 'aigul@example.org', locale: 'ky' })
			).rejects.toMatchObject({ code });
			await expect(accounts.revokeTranslator(ctx, { grantId: 'x' })).rejects.toMatchObject({ code });
		}
		expect(await grants()).toEqual([]);
	});

	it('refuses an unknown e-mail and an unknown language with field messages', async () => {
		const ctx = db.ctx({ actor: admin, now: NOW });
		await expect(
			accounts.grantTranslator(ctx, { email: 'nobody@example.org', locale: 'ky' })
		).rejects.toMatchObject({ code: 'NOT_FOUND', fields: { email: { key: 'admin_no_such_account' } } });
		await expect(
			accounts.grantTranslator(ctx, { email: 'aigul@example.org', locale: 'uz-Cyrl' })
		).rejects.toMatchObject({ code: 'INVALID', fields: { locale: { key: 'error_field_choice' } } });
		expect(await grants()).toEqual([]);
	});

	it('grants a locale once (a double submit is one grant), audited, and the workspace follows it', async () => {
		const ctx = db.ctx({ actor: admin, now: NOW });
		expect(await accounts.grantTranslator(ctx, { email: ' Aigul@Example.org ', locale: 'ky' })).toEqual({
			userId: 'tr-1',
			added: true
		});
		expect(await accounts.grantTranslator(ctx, { email: 'aigul@example.org', locale: 'ky' })).toEqual({
			userId: 'tr-1',
			added: false
		});
		await accounts.grantTranslator(ctx, { email: 'aigul@example.org', locale: 'tg' });
		expect((await grants()).map((g) => g.locale).sort()).toEqual(['ky', 'tg']);
		const list = await accounts.listTranslators(ctx);
		expect(list.map((g) => [g.email, g.locale])).toEqual([
			['aigul@example.org', 'ky'],
			['aigul@example.org', 'tg']
		]);
		expect(translatorLocales(await loadActor(db.handle.db, 'tr-1'))).toEqual(['ky', 'tg']);
		const trail = await auditTrail(ctx, 'user', 'tr-1');
		expect(trail.filter((a) => a.action === 'role.grant')).toHaveLength(2);
	});

	it('revokes one grant, audited; a grant that is not a translator’s is not found', async () => {
		const ctx = db.ctx({ actor: admin, now: NOW });
		const ky = (await accounts.listTranslators(ctx)).find((g) => g.locale === 'ky')!;
		await accounts.revokeTranslator(ctx, { grantId: ky.id });
		expect((await grants()).map((g) => g.locale)).toEqual(['tg']);
		expect(translatorLocales(await loadActor(db.handle.db, 'tr-1'))).toEqual(['tg']);
		await expect(accounts.revokeTranslator(ctx, { grantId: ky.id })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		const trail = await auditTrail(ctx, 'user', 'tr-1');
		expect(trail.find((a) => a.action === 'role.revoke')).toMatchObject({
			before: { role: 'translator', locale: 'ky' }
		});
	});
});
