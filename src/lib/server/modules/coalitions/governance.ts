import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import * as q from './queries';
import { coalitionInput, councilInput, profileInput } from './inputs';
import { requireChair, requireCoordinator, requirePlatformAdmin } from './access';
import { coalitionOr404 } from './lookup';
import {
	AppError,
	authoredText,
	carryProvenance,
	parseInput,
	plainText,
	writeAudit,
	type I18nText,
	type ServiceContext,
	type Unparsed
} from '../../core';

/** A coalition itself: its profile (coordinators), its council (chair), new coalitions (admins). */

/** The profile in every language, for editing (coordinators). */
export async function getProfile(ctx: ServiceContext, slug: string): Promise<I18nText> {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	return plainText(c.profile);
}

/** The coalition's profile, per language (coordinators). */
export async function updateProfile(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof profileInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	await requireCoordinator(ctx, c);
	const data = parseInput(profileInput, input);
	// Her edit keeps the marks of the languages she did not change (issue 18).
	const profile = carryProvenance(c.profile, data.profile, {
		by: ctx.actor.userId,
		at: ctx.clock(),
		locale: ctx.locale
	});
	await q.setCoalitionProfile(ctx.db, c.id, profile, ctx.clock());
	await writeAudit(ctx, {
		action: 'coalitions.profile.update',
		entity: 'coalitions_coalition',
		entityId: c.id,
		before: { profile: c.profile },
		after: { profile }
	});
}

/** Council roles: platform admins, or the coalition's chair. */
export async function setCouncilRole(
	ctx: ServiceContext,
	slug: string,
	input: Unparsed<z.input<typeof councilInput>>
) {
	const c = await coalitionOr404(ctx, slug);
	await requireChair(ctx, c);
	const data = parseInput(councilInput, input);
	await q.upsertCouncil(ctx.db, { coalitionId: c.id, ...data, createdAt: ctx.clock() });
	await writeAudit(ctx, {
		action: 'coalitions.council.set',
		entity: 'coalitions_coalition',
		entityId: c.id,
		after: data
	});
}

/** Platform admins add a coalition (one per country is seeded; more are allowed). */
export async function createCoalition(ctx: ServiceContext, input: Unparsed<z.input<typeof coalitionInput>>) {
	requirePlatformAdmin(ctx);
	const data = parseInput(coalitionInput, input);
	if (await q.coalitionBySlug(ctx.db, data.slug))
		throw new AppError('CONFLICT', { fields: { slug: { key: 'error_conflict' } } });
	const row = {
		id: randomUUID(),
		slug: data.slug,
		country: data.country,
		name: authoredText(data.name, ctx),
		profile: authoredText(data.profile, ctx),
		createdAt: ctx.clock(),
		updatedAt: ctx.clock()
	};
	await q.insertCoalition(ctx.db, row);
	await writeAudit(ctx, {
		action: 'coalitions.create',
		entity: 'coalitions_coalition',
		entityId: row.id,
		after: row
	});
	return { id: row.id, slug: row.slug };
}
