import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	AppError,
	isPlatformAdmin,
	parseInput,
	requireUser,
	withDb,
	writeAudit,
	type ServiceContext,
	type Unparsed
} from '../../core';
import {
	deleteGrant,
	insertGrant,
	translatorGrantById,
	translatorGrants,
	translatorGrantsOf,
	userByEmail
} from './queries';

/**
 * Translators (issue 18): platform admins grant the `translator` role for one content locale (or all
 * of them) to a person with an account, and revoke it; every grant and revocation is audited. The
 * translation workspace reads the grants from the actor.
 */

export const TRANSLATOR_LOCALES = ['ky', 'kk', 'tg', 'uz', 'ru', 'en'] as const;

export const translatorGrantInput = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.min(3, { error: 'error_field_required' })
		.max(320)
		.regex(/^[^\s@]+@[^\s@]+$/, { error: 'error_field_invalid' }),
	/** One content locale, or `all`. */
	locale: z.enum([...TRANSLATOR_LOCALES, 'all'], { error: 'error_field_choice' })
});

function requireAdmin(ctx: ServiceContext): string {
	const userId = requireUser(ctx);
	if (!isPlatformAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
	return userId;
}

/** Every translator grant, with the person's name and e-mail (platform admins). */
export async function listTranslators(ctx: ServiceContext) {
	requireAdmin(ctx);
	const rows = await translatorGrants(ctx.db);
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Grants the translator role for a locale (or all) by e-mail; the same grant twice is one grant. */
export async function grantTranslator(
	ctx: ServiceContext,
	input: Unparsed<z.input<typeof translatorGrantInput>>
) {
	const adminId = requireAdmin(ctx);
	const data = parseInput(translatorGrantInput, input);
	const user = await userByEmail(ctx.db, data.email);
	if (!user)
		throw new AppError('NOT_FOUND', {
			fields: { email: { key: 'admin_no_such_account' } },
			messageKey: 'admin_no_such_account'
		});
	const locale = data.locale === 'all' ? null : data.locale;
	return ctx.db.transaction(async (db) => {
		const tx = withDb(ctx, db);
		const existing = await translatorGrantsOf(db, user.id);
		if (existing.some((g) => (g.locale ?? null) === locale)) return { userId: user.id, added: false };
		await insertGrant(db, {
			id: randomUUID(),
			userId: user.id,
			role: 'translator',
			country: null,
			organizationId: null,
			locale,
			grantedBy: adminId,
			createdAt: ctx.clock()
		});
		await writeAudit(tx, {
			action: 'role.grant',
			entity: 'user',
			entityId: user.id,
			after: { role: 'translator', locale }
		});
		return { userId: user.id, added: true };
	});
}

/** Revokes one translator grant (platform admins); a grant that is not a translator's is not found. */
export async function revokeTranslator(ctx: ServiceContext, input: { grantId: string }) {
	requireAdmin(ctx);
	const grant = await translatorGrantById(ctx.db, String(input.grantId ?? '').slice(0, 100));
	if (!grant) throw new AppError('NOT_FOUND');
	await ctx.db.transaction(async (db) => {
		await deleteGrant(db, grant.id);
		await writeAudit(withDb(ctx, db), {
			action: 'role.revoke',
			entity: 'user',
			entityId: grant.userId,
			before: { role: 'translator', locale: grant.locale }
		});
	});
}
